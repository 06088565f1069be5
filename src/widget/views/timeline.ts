import type { ChatState, OutgoingMessage, StoredEvent } from '../state/model.js';
import { dayKeyer } from '../../ui/format.js';

export type Delivery = 'sending' | 'sent' | 'seen' | 'failed';

export type TimelineItem =
  | { kind: 'start'; key: string }
  | { kind: 'date'; key: string; at: string }
  | { kind: 'thread'; key: string; threadId: string; at: string }
  | { kind: 'event'; key: string; event: StoredEvent; own: boolean; firstOfGroup: boolean; delivery: Delivery | undefined }
  | { kind: 'outgoing'; key: string; message: OutgoingMessage };

/**
 * One continuous timeline of a chat across its threads: a separator where a new thread begins, a
 * date separator where the day changes, then the visitor's messages not yet confirmed at the end.
 * Pure: same input, same items (keys are stable so the virtual list keeps its measurements).
 */
export function buildTimeline(chat: ChatState, outgoing: readonly OutgoingMessage[], customerId: string | undefined, agentsSeenUpTo: string): TimelineItem[] {
  const items: TimelineItem[] = [];
  if (!chat.hasOlder) items.push({ kind: 'start', key: 'start' });
  let day = '';
  let thread = '';
  let previous: StoredEvent | undefined;
  let lastOwnIndex = -1;
  const dayKey = dayKeyer();
  for (const id of chat.eventOrder) {
    const event = chat.events[id];
    if (!event) continue;
    if (thread !== '' && event.thread_id !== thread) {
      items.push({ kind: 'thread', key: `thread-${event.thread_id}`, threadId: event.thread_id, at: chat.threads[event.thread_id]?.created_at ?? event.created_at });
      previous = undefined;
    }
    thread = event.thread_id;
    const eventDay = dayKey(event.created_at);
    if (eventDay !== day) {
      items.push({ kind: 'date', key: `date-${eventDay}`, at: event.created_at });
      day = eventDay;
      previous = undefined;
    }
    const own = event.author_id !== undefined && event.author_id === customerId;
    const firstOfGroup = !previous || previous.author_id !== event.author_id || previous.type === 'system_message';
    items.push({ kind: 'event', key: event.id, event, own, firstOfGroup, delivery: undefined });
    if (own) lastOwnIndex = items.length - 1;
    previous = event;
  }
  const lastOwn = items[lastOwnIndex];
  if (lastOwn?.kind === 'event') {
    items[lastOwnIndex] = { ...lastOwn, delivery: agentsSeenUpTo !== '' && agentsSeenUpTo >= lastOwn.event.created_at ? 'seen' : 'sent' };
  }
  for (const message of outgoing) items.push({ kind: 'outgoing', key: `out-${message.customId}`, message });
  return items;
}

const built = new WeakMap<ChatState, { outgoing: readonly OutgoingMessage[]; customerId: string | undefined; agentsSeenUpTo: string; items: TimelineItem[] }>();
const keysOfItems = new WeakMap<readonly TimelineItem[], string[]>();

/**
 * `buildTimeline`, remembered per chat state (by identity): showing a chat again, or rendering it
 * again with the same data, reuses its items (same array, so the keys and offsets derived from it
 * are reused too).
 */
export function timelineOf(chat: ChatState, outgoing: readonly OutgoingMessage[], customerId: string | undefined, agentsSeenUpTo: string): TimelineItem[] {
  const cached = built.get(chat);
  if (cached && cached.customerId === customerId && cached.agentsSeenUpTo === agentsSeenUpTo && sameItems(cached.outgoing, outgoing)) return cached.items;
  const items = buildTimeline(chat, outgoing, customerId, agentsSeenUpTo);
  built.set(chat, { outgoing, customerId, agentsSeenUpTo, items });
  return items;
}

function sameItems<T>(a: readonly T[], b: readonly T[]): boolean {
  return a.length === b.length && a.every((value, index) => value === b[index]);
}

/** The keys of a timeline's items, in order (remembered per items array). */
export function timelineKeys(items: readonly TimelineItem[]): string[] {
  let keys = keysOfItems.get(items);
  if (!keys) {
    keys = [];
    for (const item of items) keys.push(item.key);
    keysOfItems.set(items, keys);
  }
  return keys;
}

export function outgoingDelivery(message: OutgoingMessage): Delivery {
  return message.status === 'failed' ? 'failed' : message.status === 'sent' ? 'sent' : 'sending';
}
