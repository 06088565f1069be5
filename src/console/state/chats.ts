import type { AgentChatSummary, Chat, ChatEvent, Properties, Queue, Thread, User } from '../../protocol/entities.js';
import type { ConsoleChat, StoredEvent, ThreadInfo } from './model.js';

/** Pure functions over one chat. Each returns the same object when nothing changed. */

function byCreatedAt(events: Record<string, StoredEvent>) {
  return (a: string, b: string): number => {
    const x = events[a]?.created_at ?? '';
    const y = events[b]?.created_at ?? '';
    return x < y ? -1 : x > y ? 1 : a < b ? -1 : a > b ? 1 : 0;
  };
}

/** Adds or replaces events by id and keeps `eventOrder` sorted by `created_at` (fixed-width strings). */
export function mergeEvents(chat: ConsoleChat, incoming: readonly StoredEvent[]): ConsoleChat {
  if (incoming.length === 0) return chat;
  const events = { ...chat.events };
  let added = false;
  for (const event of incoming) {
    if (!events[event.id]) added = true;
    events[event.id] = event;
  }
  const eventOrder = added ? Object.keys(events).sort(byCreatedAt(events)) : chat.eventOrder;
  return { ...chat, events, eventOrder };
}

function threadInfo(thread: Pick<Thread, 'id' | 'created_at' | 'active' | 'tags' | 'queue'>, previous?: ThreadInfo): ThreadInfo {
  const info: ThreadInfo = { id: thread.id, created_at: thread.created_at, active: thread.active, tags: thread.tags ?? previous?.tags ?? [] };
  const queue = thread.active ? thread.queue : undefined;
  if (queue) info.queue = queue;
  return info;
}

function isNewest(chat: ConsoleChat, threadId: string, createdAt: string): boolean {
  const last = chat.lastThreadId ? chat.threads[chat.lastThreadId] : undefined;
  return !last || last.id === threadId || last.created_at <= createdAt;
}

/** Merges whole threads (from `get_chat`, `incoming_chat`, `list_threads`, archives). */
export function mergeThreads(chat: ConsoleChat, threads: readonly Thread[]): ConsoleChat {
  let next = chat;
  for (const thread of threads) {
    const newest = isNewest(next, thread.id, thread.created_at);
    next = {
      ...next,
      threads: { ...next.threads, [thread.id]: threadInfo(thread, next.threads[thread.id]) },
      ...(newest ? { lastThreadId: thread.id, active: thread.active } : {}),
    };
    next = mergeEvents(next, (thread.events ?? []).map((event) => ({ ...event, thread_id: thread.id }) as StoredEvent));
  }
  return next;
}

function usersById(users: readonly User[]): Record<string, User> {
  const out: Record<string, User> = {};
  for (const user of users) out[user.id] = user;
  return out;
}

/** A full chat object (`get_chat`, `incoming_chat`, an archive row). */
export function applyChat(chat: ConsoleChat, incoming: Chat): ConsoleChat {
  const next: ConsoleChat = { ...chat, users: usersById(incoming.users), properties: incoming.properties ?? {}, access: incoming.access };
  return incoming.thread ? mergeThreads(next, [incoming.thread]) : next;
}

/** An agent chat summary (`login`, `list_chats`): users, properties, last thread and last events. */
export function applySummary(chat: ConsoleChat, summary: AgentChatSummary): ConsoleChat {
  let next: ConsoleChat = { ...chat, users: usersById(summary.users), properties: summary.properties ?? {}, access: summary.access };
  const last = summary.last_thread_summary;
  if (last) {
    next = { ...next, lastThreadId: last.id, active: last.active, threads: { ...next.threads, [last.id]: threadInfo({ ...last, tags: next.threads[last.id]?.tags ?? [] }, next.threads[last.id]) } };
  }
  const events = Object.values(summary.last_event_per_type ?? {}).map(({ thread_id, event }) => ({ ...event, thread_id }) as StoredEvent);
  return mergeEvents(next, events);
}

/** `incoming_event`: the event, and the end of the author's typing and sneak peek. */
export function applyEvent(chat: ConsoleChat, threadId: string, event: ChatEvent): ConsoleChat {
  let next = mergeEvents(chat, [{ ...event, thread_id: threadId } as StoredEvent]);
  if (!next.threads[threadId]) {
    next = { ...next, threads: { ...next.threads, [threadId]: { id: threadId, created_at: event.created_at, active: true, tags: [] } }, lastThreadId: threadId, active: true };
  }
  const customerId = customerOf(next)?.id;
  if (event.author_id !== undefined && event.author_id === customerId && (next.typing || next.sneakPeek !== undefined)) {
    next = { ...next, typing: false };
    delete next.sneakPeek;
  }
  return next;
}

export function applyDeactivated(chat: ConsoleChat, threadId: string): ConsoleChat {
  const thread = chat.threads[threadId];
  const threads = thread ? { ...chat.threads, [threadId]: { id: thread.id, created_at: thread.created_at, active: false, tags: thread.tags } } : chat.threads;
  const next: ConsoleChat = { ...chat, threads, active: chat.lastThreadId === threadId || !thread ? false : chat.active, typing: false };
  delete next.sneakPeek;
  return next;
}

export function applyUser(chat: ConsoleChat, user: User): ConsoleChat {
  return { ...chat, users: { ...chat.users, [user.id]: { ...chat.users[user.id], ...user, present: true } as User } };
}

export function applyUserRemoved(chat: ConsoleChat, userId: string): ConsoleChat {
  const user = chat.users[userId];
  if (!user) return chat;
  return { ...chat, users: { ...chat.users, [userId]: { ...user, present: false } } };
}

export function applySeen(chat: ConsoleChat, userId: string, seenUpTo: string): ConsoleChat {
  const user = chat.users[userId];
  if (!user || (user.events_seen_up_to ?? '') >= seenUpTo) return chat;
  return { ...chat, users: { ...chat.users, [userId]: { ...user, events_seen_up_to: seenUpTo } } };
}

export function applyQueue(chat: ConsoleChat, threadId: string, queue: Queue | undefined): ConsoleChat {
  const thread = chat.threads[threadId];
  if (!thread) return chat;
  const next: ThreadInfo = { ...thread };
  if (queue) next.queue = { ...thread.queue, ...queue };
  else delete next.queue;
  return { ...chat, threads: { ...chat.threads, [threadId]: next } };
}

export function applyTag(chat: ConsoleChat, threadId: string, tag: string, tagged: boolean): ConsoleChat {
  const thread = chat.threads[threadId];
  if (!thread || thread.tags.includes(tag) === tagged) return chat;
  const tags = tagged ? [...thread.tags, tag] : thread.tags.filter((t) => t !== tag);
  return { ...chat, threads: { ...chat.threads, [threadId]: { ...thread, tags } } };
}

export function applyProperties(chat: ConsoleChat, properties: Properties): ConsoleChat {
  const merged: Properties = { ...chat.properties };
  for (const [namespace, values] of Object.entries(properties)) merged[namespace] = { ...merged[namespace], ...values };
  return { ...chat, properties: merged };
}

/** The chat's customer, if the console knows it. */
export function customerOf(chat: ConsoleChat): User | undefined {
  return Object.values(chat.users).find((user) => user.type === 'customer');
}
