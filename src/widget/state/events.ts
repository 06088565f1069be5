import type { ChatEvent, Thread } from '../../protocol/entities.js';
import type { ChatState, StoredEvent, ThreadInfo } from './model.js';

/** Order of events in a chat: `created_at` (fixed-width RFC 3339, compared as strings), then id. */
export function compareEvents(a: StoredEvent, b: StoredEvent): number {
  if (a.created_at !== b.created_at) return a.created_at < b.created_at ? -1 : 1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/**
 * Adds or replaces events by id, keeping `eventOrder` sorted. Events already present are replaced
 * (an `event_updated` or a refetch), never duplicated. Returns the same chat when nothing changed.
 */
export function mergeEvents(chat: ChatState, incoming: readonly StoredEvent[]): ChatState {
  if (incoming.length === 0) return chat;
  const events = { ...chat.events };
  const added: StoredEvent[] = [];
  let changed = false;
  for (const event of incoming) {
    const existing = events[event.id];
    if (existing && JSON.stringify(existing) === JSON.stringify(event)) continue;
    if (!existing) added.push(event);
    events[event.id] = event;
    changed = true;
  }
  if (!changed) return chat;
  let eventOrder = chat.eventOrder;
  if (added.length > 0) {
    added.sort(compareEvents);
    const last = chat.eventOrder.length ? events[chat.eventOrder[chat.eventOrder.length - 1] as string] : undefined;
    const first = added[0] as StoredEvent;
    eventOrder = last === undefined || compareEvents(last, first) < 0
      ? [...chat.eventOrder, ...added.map((event) => event.id)] // the common case: appended at the end
      : [...chat.eventOrder, ...added.map((event) => event.id)].sort((a, b) => compareEvents(events[a] as StoredEvent, events[b] as StoredEvent));
  }
  const newest = events[eventOrder[eventOrder.length - 1] as string];
  const lastEvent = newest && (!chat.lastEvent || compareEvents(chat.lastEvent, newest) <= 0) ? newest : chat.lastEvent;
  return { ...chat, events, eventOrder, lastEvent, lastActivityAt: maxTime(chat.lastActivityAt, lastEvent?.created_at) };
}

/** Adds or updates thread infos, keeping `threadOrder` oldest first. */
export function mergeThreadInfos(chat: ChatState, infos: readonly ThreadInfo[]): ChatState {
  if (infos.length === 0) return chat;
  const threads = { ...chat.threads };
  for (const info of infos) threads[info.id] = { ...threads[info.id], ...info };
  const threadOrder = Object.values(threads)
    .sort((a, b) => (a.created_at < b.created_at ? -1 : a.created_at > b.created_at ? 1 : a.id < b.id ? -1 : 1))
    .map((thread) => thread.id);
  const newest = threads[threadOrder[threadOrder.length - 1] as string];
  return { ...chat, threads, threadOrder, lastActivityAt: maxTime(chat.lastActivityAt, newest?.created_at) };
}

export function threadInfo(thread: Thread | Omit<Thread, 'events'>): ThreadInfo {
  const info: ThreadInfo = { id: thread.id, created_at: thread.created_at, active: thread.active };
  if (thread.queue) info.queue = thread.queue;
  if (thread.previous_thread_id) info.previous_thread_id = thread.previous_thread_id;
  if (thread.next_thread_id) info.next_thread_id = thread.next_thread_id;
  if (thread.properties) info.properties = thread.properties;
  return info;
}

export function storedEvents(threadId: string, events: readonly ChatEvent[]): StoredEvent[] {
  return events.map((event) => ({ ...event, thread_id: threadId }));
}

/** Merges whole threads (list_threads, get_chat, incoming_chat): infos and events. */
export function mergeThreads(chat: ChatState, threads: readonly Thread[]): ChatState {
  let next = mergeThreadInfos(chat, threads.map(threadInfo));
  for (const thread of threads) next = mergeEvents(next, storedEvents(thread.id, thread.events));
  const newestThread = next.threads[next.threadOrder[next.threadOrder.length - 1] as string];
  if (newestThread && threads.some((thread) => thread.id === newestThread.id)) next = { ...next, active: newestThread.active };
  return next;
}

export function maxTime(a: string, b: string | undefined): string {
  return b !== undefined && b > a ? b : a;
}
