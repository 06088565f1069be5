import { mergeEvents } from '../../chat/events.js';
import type { StoredEvent, ThreadInfo } from '../../chat/model.js';
import { withProperties } from '../../chat/properties.js';
import { applyDeactivated as deactivate, mergeThreadInfos, mergeThreads } from '../../chat/threads.js';
import { customerOf, usersById } from '../../chat/users.js';
import type { AgentChatSummary, Chat, ChatEvent } from '../../protocol/entities.js';
import type { ConsoleChat } from './model.js';

/**
 * What only the console does to a chat (everything shared is in `src/chat`). An agent's chat
 * object or summary is the whole current picture: users and properties are replaced, not merged.
 */

function withoutTyping(chat: ConsoleChat): ConsoleChat {
  if (!chat.typing && chat.sneakPeek === undefined) return chat;
  const next = { ...chat, typing: false };
  delete next.sneakPeek;
  return next;
}

/** A full chat object (`get_chat`, `incoming_chat`, an archive row). */
export function applyChat(chat: ConsoleChat, incoming: Chat): ConsoleChat {
  const next = withProperties({ ...chat, users: usersById(incoming.users), access: incoming.access }, incoming.properties ?? {});
  return incoming.thread ? mergeThreads(next, [incoming.thread]) : next;
}

/** An agent chat summary (`login`, `list_chats`): users, properties, last thread and last events. */
export function applySummary(chat: ConsoleChat, summary: AgentChatSummary): ConsoleChat {
  let next = withProperties({ ...chat, users: usersById(summary.users), access: summary.access }, summary.properties ?? {});
  const last = summary.last_thread_summary;
  if (last) {
    const info: ThreadInfo = { id: last.id, created_at: last.created_at, active: last.active };
    if (last.active && last.queue) info.queue = last.queue;
    next = mergeThreadInfos(next, [info]);
  }
  const events = Object.values(summary.last_event_per_type ?? {}).map(({ thread_id, event }) => ({ ...event, thread_id }) as StoredEvent);
  return mergeEvents(next, events);
}

/** `incoming_event`: the event (its thread is new if unknown), and the end of the customer's typing and sneak peek. */
export function applyEvent(chat: ConsoleChat, threadId: string, event: ChatEvent): ConsoleChat {
  let next = mergeEvents(chat, [{ ...event, thread_id: threadId } as StoredEvent]);
  if (!next.threads[threadId]) next = mergeThreadInfos(next, [{ id: threadId, created_at: event.created_at, active: true }]);
  const customerId = customerOf(next)?.id;
  return event.author_id !== undefined && event.author_id === customerId ? withoutTyping(next) : next;
}

/** `chat_deactivated`: the thread ends, and with it any typing. */
export function applyDeactivated(chat: ConsoleChat, threadId: string): ConsoleChat {
  return withoutTyping({ ...deactivate(chat, threadId), typing: chat.typing });
}
