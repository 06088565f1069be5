import { newestEvent } from '../../chat/events.js';
import { currentThread } from '../../chat/threads.js';
import { unreadCount as unreadFor } from '../../chat/unread.js';
import { customerOf, isPresentAgent } from '../../chat/users.js';
import type { ConsoleChat, ConsoleData, StoredEvent } from './model.js';

/** Derived views of console state; pure, so the lists stay consistent with every push. */

const CONTENT_TYPES = new Set(['message', 'file', 'rich_message', 'filled_form']);

const isContent = (event: StoredEvent) => CONTENT_TYPES.has(event.type);

/** Active chats with no present agent: waiting in the queue or unassigned. */
export function isQueued(chat: ConsoleChat): boolean {
  if (!chat.active) return false;
  // NOTE: a thread keeps its `queue` info after routing assigns it; a present agent means it left the queue (#14).
  return !Object.values(chat.users).some((user) => user.type === 'agent' && user.present !== false);
}

const byActivity = (a: ConsoleChat, b: ConsoleChat) => (a.lastActivityAt < b.lastActivityAt ? 1 : -1);

export function myChats(data: Pick<ConsoleData, 'chats' | 'me'>): ConsoleChat[] {
  return Object.values(data.chats).filter((chat) => chat.active && isPresentAgent(chat, data.me?.id)).sort(byActivity);
}

/** Oldest first: the one waiting longest is on top. */
export function queuedChats(data: Pick<ConsoleData, 'chats'>): ConsoleChat[] {
  return Object.values(data.chats).filter(isQueued).sort((a, b) => -byActivity(a, b));
}

export function topicOf(chat: Pick<ConsoleChat, 'topic'>): string | undefined {
  return chat.topic;
}

export function customerName(chat: ConsoleChat): string {
  const customer = customerOf(chat);
  return customer?.name?.trim() || customer?.email || 'Visitor';
}

export function lastMessage(chat: ConsoleChat): StoredEvent | undefined {
  return newestEvent(chat, isContent);
}

/** Messages from others after the agent's `events_seen_up_to` in this chat. */
export function unreadCount(chat: ConsoleChat, agentId: string | undefined): number {
  return unreadFor(chat, agentId, isContent);
}

/**
 * Since when the customer waits for an answer: the first of their trailing messages after the
 * last agent message in the active thread, or when the chat entered the queue.
 */
export function waitingSince(chat: ConsoleChat): string | undefined {
  if (!chat.active) return undefined;
  const thread = currentThread(chat);
  if (thread?.queue?.queued_at) return thread.queue.queued_at;
  const customerId = customerOf(chat)?.id;
  let since: string | undefined;
  for (let i = chat.eventOrder.length - 1; i >= 0; i--) {
    const event = chat.events[chat.eventOrder[i] as string];
    if (!event || (thread && event.thread_id !== thread.id)) break;
    if (!CONTENT_TYPES.has(event.type)) continue;
    if (event.author_id !== customerId) break;
    since = event.created_at;
  }
  return since ?? (isQueued(chat) ? thread?.created_at : undefined);
}

/** The number in the title badge: unread messages in my chats plus chats waiting in the queue. */
export function badgeCount(data: Pick<ConsoleData, 'chats' | 'me'>): number {
  const unread = myChats(data).reduce((sum, chat) => sum + unreadCount(chat, data.me?.id), 0);
  return unread + queuedChats(data).length;
}

export function isMember(chat: ConsoleChat, agentId: string | undefined): boolean {
  return isPresentAgent(chat, agentId);
}
