import type { ChatCore, StoredEvent } from './model.js';

/**
 * Unread events of a chat for one reader: newer than the reader's own `events_seen_up_to`, written
 * by someone else, and counted by `counts` (each front end decides which event types count). With
 * no events loaded yet, the summary's last event stands for them.
 */
export function unreadCount(chat: ChatCore, readerId: string | undefined, counts: (event: StoredEvent) => boolean): number {
  if (!readerId) return 0;
  const seen = chat.users[readerId]?.events_seen_up_to ?? '';
  const unread = (event: StoredEvent) => event.author_id !== undefined && event.author_id !== readerId && counts(event);
  let count = 0;
  for (let i = chat.eventOrder.length - 1; i >= 0; i--) {
    const event = chat.events[chat.eventOrder[i] as string];
    if (!event || event.created_at <= seen) break;
    if (unread(event)) count += 1;
  }
  if (count === 0 && chat.eventOrder.length === 0 && chat.lastEvent && chat.lastEvent.created_at > seen && unread(chat.lastEvent)) return 1;
  return count;
}
