import type { Queue, Thread } from '../protocol/entities.js';
import { maxTime, mergeEvents, storedEvents } from './events.js';
import type { ChatCore, ThreadInfo } from './model.js';

/** What a front end keeps of a wire thread; tags survive a thread object that omits them. */
export function threadInfo(thread: Thread | Omit<Thread, 'events'>, previous?: ThreadInfo): ThreadInfo {
  const info: ThreadInfo = { id: thread.id, created_at: thread.created_at, active: thread.active };
  if (thread.active && thread.queue) info.queue = thread.queue;
  if (thread.previous_thread_id) info.previous_thread_id = thread.previous_thread_id;
  if (thread.next_thread_id) info.next_thread_id = thread.next_thread_id;
  if (thread.properties) info.properties = thread.properties;
  const tags = thread.tags ?? previous?.tags;
  if (tags) info.tags = tags;
  return info;
}

/** The newest thread, if any. */
export function currentThread(chat: ChatCore): ThreadInfo | undefined {
  return chat.threads[chat.threadOrder[chat.threadOrder.length - 1] as string];
}

/**
 * Adds or updates thread infos, keeping `threadOrder` oldest first; the chat is active when its
 * newest thread is (and that thread is among `infos`).
 */
export function mergeThreadInfos<C extends ChatCore>(chat: C, infos: readonly ThreadInfo[]): C {
  if (infos.length === 0) return chat;
  const threads = { ...chat.threads };
  for (const info of infos) {
    // NOTE: an info without a queue (a summary) keeps the known position; an ended thread has none.
    const merged: ThreadInfo = { ...threads[info.id], ...info };
    if (!merged.active) delete merged.queue;
    threads[info.id] = merged;
  }
  const threadOrder = Object.values(threads)
    .sort((a, b) => (a.created_at < b.created_at ? -1 : a.created_at > b.created_at ? 1 : a.id < b.id ? -1 : 1))
    .map((thread) => thread.id);
  const newest = threads[threadOrder[threadOrder.length - 1] as string];
  const active = newest && infos.some((info) => info.id === newest.id) ? newest.active : chat.active;
  return { ...chat, threads, threadOrder, active, lastActivityAt: maxTime(chat.lastActivityAt, newest?.created_at) };
}

/** Merges whole threads (list_threads, get_chat, incoming_chat, archives): infos and events. */
export function mergeThreads<C extends ChatCore>(chat: C, threads: readonly Thread[]): C {
  let next = mergeThreadInfos(chat, threads.map((thread) => threadInfo(thread, chat.threads[thread.id])));
  for (const thread of threads) next = mergeEvents(next, storedEvents(thread.id, thread.events ?? []));
  return next;
}

/** `chat_deactivated`: the thread ends (and leaves the queue); the chat is inactive if it was the newest. */
export function applyDeactivated<C extends ChatCore>(chat: C, threadId: string): C {
  const thread = chat.threads[threadId];
  if (!thread) return { ...chat, active: false };
  const ended: ThreadInfo = { ...thread, active: false };
  delete ended.queue;
  const newest = currentThread(chat)?.id === threadId;
  return { ...chat, threads: { ...chat.threads, [threadId]: ended }, active: newest ? false : chat.active };
}

/** Queue position of a thread: merged into what is known; `undefined` takes it out of the queue. */
export function applyQueue<C extends ChatCore>(chat: C, threadId: string, queue: Queue | undefined): C {
  const thread = chat.threads[threadId];
  if (!thread) return chat;
  const next: ThreadInfo = { ...thread };
  if (queue) next.queue = { ...thread.queue, ...queue };
  else delete next.queue;
  return { ...chat, threads: { ...chat.threads, [threadId]: next } };
}

export function applyTag<C extends ChatCore>(chat: C, threadId: string, tag: string, tagged: boolean): C {
  const thread = chat.threads[threadId];
  const tags = thread?.tags ?? [];
  if (!thread || tags.includes(tag) === tagged) return chat;
  return { ...chat, threads: { ...chat.threads, [threadId]: { ...thread, tags: tagged ? [...tags, tag] : tags.filter((t) => t !== tag) } } };
}
