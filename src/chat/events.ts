import type { ChatEvent } from '../protocol/entities.js';
import type { ChatCore, StoredEvent } from './model.js';

/** Order of events in a chat: `created_at` (fixed-width RFC 3339, compared as strings), then id. */
export function compareEvents(a: StoredEvent, b: StoredEvent): number {
  if (a.created_at !== b.created_at) return a.created_at < b.created_at ? -1 : 1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

export function maxTime(a: string, b: string | undefined): string {
  return b !== undefined && b > a ? b : a;
}

export function storedEvents(threadId: string, events: readonly ChatEvent[]): StoredEvent[] {
  return events.map((event) => ({ ...event, thread_id: threadId }));
}

/**
 * Adds or replaces events by id, keeping `eventOrder` sorted. Events already present are replaced
 * (an `event_updated` or a refetch), never duplicated. Returns the same chat when nothing changed.
 */
export function mergeEvents<C extends ChatCore>(chat: C, incoming: readonly StoredEvent[]): C {
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

/** The newest event of the chat that passes `accept` (list previews), scanning from the end. */
export function newestEvent(chat: ChatCore, accept: (event: StoredEvent) => boolean): StoredEvent | undefined {
  for (let i = chat.eventOrder.length - 1; i >= 0; i--) {
    const event = chat.events[chat.eventOrder[i] as string];
    if (event && accept(event)) return event;
  }
  return undefined;
}
