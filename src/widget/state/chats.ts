import type { Chat, CustomerChatSummary, Properties, PropertyNames, User } from '../../protocol/entities.js';
import { maxTime, mergeEvents, mergeThreadInfos, mergeThreads } from './events.js';
import { TOPIC_NAME, TOPIC_NAMESPACE, type ChatState, type StoredEvent, type WidgetData } from './model.js';

export function emptyChat(id: string): ChatState {
  return { id, topic: undefined, properties: {}, users: {}, active: false, threads: {}, threadOrder: [], events: {}, eventOrder: [], lastEvent: undefined, lastActivityAt: '', hasOlder: true };
}

export function topicOf(properties: Properties): string | undefined {
  const value = properties[TOPIC_NAMESPACE]?.[TOPIC_NAME];
  return typeof value === 'string' && value.trim() !== '' ? value : undefined;
}

function withProperties(chat: ChatState, properties: Properties): ChatState {
  return { ...chat, properties, topic: topicOf(properties) };
}

function usersById(users: readonly User[], previous: Record<string, User> = {}): Record<string, User> {
  const map: Record<string, User> = { ...previous };
  for (const user of users) map[user.id] = { ...previous[user.id], ...user } as User;
  return map;
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

/** incoming_chat / get_chat: a new chat, or a new thread of a known chat. */
export function applyChat(chat: ChatState, incoming: Chat): ChatState {
  let next = withProperties({ ...chat, users: usersById(incoming.users, chat.users) }, incoming.properties ?? chat.properties);
  if (incoming.thread) next = mergeThreads(next, [incoming.thread]);
  return next;
}

export function applyDeactivated(chat: ChatState, threadId: string): ChatState {
  const thread = chat.threads[threadId];
  const threads = thread ? { ...chat.threads, [threadId]: { ...thread, active: false, queue: undefined } } : chat.threads;
  return { ...chat, active: false, threads };
}

export function applyPropertiesUpdated(chat: ChatState, properties: Properties): ChatState {
  const merged: Properties = { ...chat.properties };
  for (const [namespace, values] of Object.entries(properties)) merged[namespace] = { ...merged[namespace], ...values };
  return withProperties(chat, merged);
}

export function applyPropertiesDeleted(chat: ChatState, names: PropertyNames): ChatState {
  const merged: Properties = { ...chat.properties };
  for (const [namespace, keys] of Object.entries(names)) {
    const values = { ...merged[namespace] };
    for (const key of keys) delete values[key];
    merged[namespace] = values;
  }
  return withProperties(chat, merged);
}

export function applyUser(chat: ChatState, user: User): ChatState {
  return { ...chat, users: usersById([{ ...user, present: user.present ?? true }], chat.users) };
}

export function applyUserRemoved(chat: ChatState, userId: string): ChatState {
  const user = chat.users[userId];
  if (!user) return chat;
  // NOTE: the user stays so old messages keep their author's name and avatar.
  return { ...chat, users: { ...chat.users, [userId]: { ...user, present: false } } };
}

/** `events_seen_up_to` only moves forward. */
export function applySeen(chat: ChatState, userId: string, seenUpTo: string): ChatState {
  const user = chat.users[userId];
  const previous = user?.events_seen_up_to;
  if (previous !== undefined && previous >= seenUpTo) return chat;
  const next = { ...(user ?? { id: userId, type: 'agent', name: '' }), events_seen_up_to: seenUpTo } as User;
  return { ...chat, users: { ...chat.users, [userId]: next } };
}

export function applyQueue(chat: ChatState, threadId: string, queue: ChatState['threads'][string]['queue']): ChatState {
  const thread = chat.threads[threadId];
  if (!thread) return chat;
  return { ...chat, threads: { ...chat.threads, [threadId]: { ...thread, queue } } };
}

/** Keeps `chatOrder` sorted by last activity, newest first. */
export function orderChats(chats: WidgetData['chats']): string[] {
  return Object.values(chats)
    .sort((a, b) => (a.lastActivityAt === b.lastActivityAt ? (a.id < b.id ? -1 : 1) : a.lastActivityAt > b.lastActivityAt ? -1 : 1))
    .map((chat) => chat.id);
}

export { mergeEvents, mergeThreads };
