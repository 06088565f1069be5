import type { ConsoleChat, StoredEvent, ThreadInfo } from '../state/model.js';

/** One row of the console's history: paging above, a separator where each thread begins, then its events. */
export type HistoryItem =
  | { kind: 'older'; key: 'older' }
  | { kind: 'start'; key: 'start' }
  | { kind: 'thread'; key: string; thread: ThreadInfo | undefined }
  | { kind: 'event'; key: string; event: StoredEvent };

const built = new WeakMap<ConsoleChat, HistoryItem[]>();

/** The rows of a chat's continuous history, oldest first; remembered per chat state (by identity). */
export function historyItems(chat: ConsoleChat): HistoryItem[] {
  const cached = built.get(chat);
  if (cached) return cached;
  const items: HistoryItem[] = [];
  if (chat.history.status === 'partial') items.push({ kind: 'older', key: 'older' });
  if (chat.history.status === 'complete') items.push({ kind: 'start', key: 'start' });
  let thread: string | undefined;
  for (const id of chat.eventOrder) {
    const event = chat.events[id];
    if (!event) continue;
    if (event.thread_id !== thread) items.push({ kind: 'thread', key: `thread-${event.thread_id}`, thread: chat.threads[event.thread_id] });
    thread = event.thread_id;
    items.push({ kind: 'event', key: event.id, event });
  }
  built.set(chat, items);
  return items;
}
