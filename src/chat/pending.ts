import type { OutboxItem, SentResult } from '../rtm/Outbox.js';
import type { ChatCore, PendingSend, PendingSends } from './model.js';

/** Everything that changes the pending sends, as data; `reducePending()` interprets it. */
export type PendingAction =
  | { type: 'outbox'; items: readonly OutboxItem[] }
  | { type: 'outgoingSent'; result: SentResult }
  /** The event written with this custom id arrived in its chat. */
  | { type: 'arrived'; customId: string };

/** True when the chat already holds the event written with this custom id (looks at the newest events). */
export function hasCustomId(chat: ChatCore | undefined, customId: string, window = 200): boolean {
  if (!chat) return false;
  const order = chat.eventOrder;
  for (let i = order.length - 1; i >= 0 && i >= order.length - window; i--) {
    if (chat.events[order[i] as string]?.custom_id === customId) return true;
  }
  return false;
}

/** Mirrors the outbox: queued/sending items show as `sending`, failed as `failed`; `sent` entries wait for their event. */
function applyOutbox<S extends PendingSends>(data: S, items: readonly OutboxItem[]): S {
  const outgoing: Record<string, PendingSend> = {};
  const order: string[] = [];
  const inOutbox = new Set(items.map((item) => item.customId));
  for (const id of data.outgoingOrder) {
    const entry = data.outgoing[id];
    if (entry && entry.status === 'sent' && !inOutbox.has(id)) {
      outgoing[id] = entry;
      order.push(id);
    }
  }
  for (const item of items) {
    if (hasCustomId(data.chats[item.chatId], item.customId)) continue;
    const entry: PendingSend = { customId: item.customId, chatId: item.chatId, event: item.event, createdAt: item.createdAt, status: item.status === 'failed' ? 'failed' : 'sending' };
    if (item.error !== undefined) entry.error = item.error;
    outgoing[item.customId] = entry;
    if (!order.includes(item.customId)) order.push(item.customId);
  }
  order.sort((a, b) => (outgoing[a]?.createdAt ?? 0) - (outgoing[b]?.createdAt ?? 0));
  return { ...data, outgoing, outgoingOrder: order };
}

/** The server confirmed a message: keep it as `sent` until its event arrives (or drop it if it already did). */
function applyOutgoingSent<S extends PendingSends>(data: S, result: SentResult): S {
  const entry = data.outgoing[result.customId];
  if (!entry) return data;
  const chat = data.chats[result.chatId];
  if (chat?.events[result.eventId] || hasCustomId(chat, result.customId)) return removePending(data, result.customId);
  return { ...data, outgoing: { ...data.outgoing, [result.customId]: { ...entry, status: 'sent', eventId: result.eventId } } };
}

function removePending<S extends PendingSends>(data: S, customId: string): S {
  if (!data.outgoing[customId]) return data;
  const outgoing = { ...data.outgoing };
  delete outgoing[customId];
  return { ...data, outgoing, outgoingOrder: data.outgoingOrder.filter((id) => id !== customId) };
}

/** The reducer of pending sends. Returns the same state when nothing changed. */
export function reducePending<S extends PendingSends>(data: S, action: PendingAction): S {
  switch (action.type) {
    case 'outbox':
      return applyOutbox(data, action.items);
    case 'outgoingSent':
      return applyOutgoingSent(data, action.result);
    case 'arrived':
      return removePending(data, action.customId);
  }
}

/** Pending sends of one chat, in the order written. */
export function pendingFor(data: Pick<PendingSends, 'outgoing' | 'outgoingOrder'>, chatId: string): PendingSend[] {
  const list: PendingSend[] = [];
  for (const id of data.outgoingOrder) {
    const entry = data.outgoing[id];
    if (entry && entry.chatId === chatId) list.push(entry);
  }
  return list;
}
