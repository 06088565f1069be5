import { maxTime } from '../../chat/events.js';
import { emptyChatCore, type StoredEvent } from '../../chat/model.js';
import { withProperties } from '../../chat/properties.js';
import { mergeThreadInfos, mergeThreads } from '../../chat/threads.js';
import { usersById } from '../../chat/users.js';
import type { Chat, CustomerChatSummary } from '../../protocol/entities.js';
import type { ChatState } from './model.js';

/** What only the widget does to a chat; everything shared is in `src/chat`. */

export function emptyChat(id: string): ChatState {
  return { ...emptyChatCore(id), hasOlder: true };
}

/** A chat summary from list_chats: users, properties, active flag, newest thread and event. */
export function applySummary(chat: ChatState, summary: CustomerChatSummary): ChatState {
  let next = withProperties({ ...chat, users: usersById(summary.users, chat.users), active: summary.active }, summary.properties ?? {});
  if (summary.last_thread_id && summary.last_thread_created_at) {
    next = mergeThreadInfos(next, [{ id: summary.last_thread_id, created_at: summary.last_thread_created_at, active: summary.active }]);
  }
  let newest: StoredEvent | undefined;
  for (const entry of Object.values(summary.last_event_per_type ?? {})) {
    const candidate = { ...entry.event, thread_id: entry.thread_id } as StoredEvent;
    if (candidate.visibility === 'agents') continue;
    if (!newest || candidate.created_at > newest.created_at) newest = candidate;
  }
  if (newest && (!next.lastEvent || newest.created_at >= next.lastEvent.created_at)) {
    next = { ...next, lastEvent: newest, lastActivityAt: maxTime(next.lastActivityAt, newest.created_at) };
  }
  return next;
}

/** incoming_chat / get_chat: a new chat, or a new thread of a known chat (users merged: old authors keep their names). */
export function applyChat(chat: ChatState, incoming: Chat): ChatState {
  const next = withProperties({ ...chat, users: usersById(incoming.users, chat.users) }, incoming.properties ?? chat.properties);
  return incoming.thread ? mergeThreads(next, [incoming.thread]) : next;
}
