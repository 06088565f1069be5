import type { AgentUser, User } from '../../protocol/entities.js';
import type { ChatState, OutgoingMessage, StoredEvent, ThreadInfo, WidgetData } from './model.js';

/** Events that count as unread: from someone else, visible content (not system notices). */
function countsAsUnread(event: StoredEvent, customerId: string | undefined): boolean {
  return event.author_id !== undefined && event.author_id !== customerId && event.type !== 'system_message';
}

/** Unread events of a chat: newer than the customer's own `events_seen_up_to` in that chat. */
export function unreadCount(chat: ChatState, customerId: string | undefined): number {
  if (!customerId) return 0;
  const seen = chat.users[customerId]?.events_seen_up_to ?? '';
  let count = 0;
  for (let i = chat.eventOrder.length - 1; i >= 0; i--) {
    const event = chat.events[chat.eventOrder[i] as string];
    if (!event || event.created_at <= seen) break;
    if (countsAsUnread(event, customerId)) count += 1;
  }
  if (count === 0 && chat.eventOrder.length === 0 && chat.lastEvent && chat.lastEvent.created_at > seen && countsAsUnread(chat.lastEvent, customerId)) return 1;
  return count;
}

/** The newest thread, if any. */
export function currentThread(chat: ChatState): ThreadInfo | undefined {
  return chat.threads[chat.threadOrder[chat.threadOrder.length - 1] as string];
}

/** The agents currently in the chat (present), for the header. */
export function presentAgents(chat: ChatState): AgentUser[] {
  return Object.values(chat.users).filter((user): user is AgentUser => user.type === 'agent' && user.present !== false);
}

export function userName(user: User | undefined): string | undefined {
  return user?.name || undefined;
}

/** Outgoing messages of one chat, in the order written. */
export function outgoingFor(data: Pick<WidgetData, 'outgoing' | 'outgoingOrder'>, chatId: string): OutgoingMessage[] {
  const list: OutgoingMessage[] = [];
  for (const id of data.outgoingOrder) {
    const entry = data.outgoing[id];
    if (entry && entry.chatId === chatId) list.push(entry);
  }
  return list;
}

/** Latest time any agent in the chat has seen up to (drives the "seen" delivery state). */
export function agentsSeenUpTo(chat: ChatState): string {
  let seen = '';
  for (const user of Object.values(chat.users)) {
    if (user.type === 'agent' && user.events_seen_up_to && user.events_seen_up_to > seen) seen = user.events_seen_up_to;
  }
  return seen;
}

export function activeChatsCount(data: Pick<WidgetData, 'chats'>): number {
  return Object.values(data.chats).filter((chat) => chat.active).length;
}
