import type { AgentUser, User } from '../protocol/entities.js';
import type { ChatCore } from './model.js';

/** Users by id; with `previous`, known fields of a user stay unless the new object replaces them. */
export function usersById(users: readonly User[], previous: Record<string, User> = {}): Record<string, User> {
  const map: Record<string, User> = { ...previous };
  for (const user of users) map[user.id] = { ...previous[user.id], ...user } as User;
  return map;
}

/** `user_added_to_chat`: present unless the push says otherwise. */
export function applyUser<C extends ChatCore>(chat: C, user: User): C {
  return { ...chat, users: usersById([{ ...user, present: user.present ?? true } as User], chat.users) };
}

export function applyUserRemoved<C extends ChatCore>(chat: C, userId: string): C {
  const user = chat.users[userId];
  if (!user) return chat;
  // NOTE: the user stays so old messages keep their author's name and avatar.
  return { ...chat, users: { ...chat.users, [userId]: { ...user, present: false } } };
}

/**
 * `events_marked_as_seen`: `events_seen_up_to` only moves forward. A user not known yet is kept
 * as an absent agent so that "seen" marks still work (never shown as in the chat).
 */
export function applySeen<C extends ChatCore>(chat: C, userId: string, seenUpTo: string): C {
  const user = chat.users[userId];
  const previous = user?.events_seen_up_to;
  if (previous !== undefined && previous >= seenUpTo) return chat;
  const next = { ...(user ?? { id: userId, type: 'agent', name: '', present: false }), events_seen_up_to: seenUpTo } as User;
  return { ...chat, users: { ...chat.users, [userId]: next } };
}

/** The chat's customer, if known. */
export function customerOf(chat: Pick<ChatCore, 'users'>): User | undefined {
  return Object.values(chat.users).find((user) => user.type === 'customer');
}

/** The agents currently in the chat. */
export function presentAgents(chat: Pick<ChatCore, 'users'>): AgentUser[] {
  return Object.values(chat.users).filter((user): user is AgentUser => user.type === 'agent' && user.present !== false);
}

export function isPresentAgent(chat: Pick<ChatCore, 'users'>, agentId: string | undefined): boolean {
  const user = agentId ? chat.users[agentId] : undefined;
  return user?.type === 'agent' && user.present !== false;
}

/** Latest time any agent in the chat has seen up to (drives the "seen" delivery mark). */
export function agentsSeenUpTo(chat: Pick<ChatCore, 'users'>): string {
  let seen = '';
  for (const user of Object.values(chat.users)) {
    if (user.type === 'agent' && user.events_seen_up_to && user.events_seen_up_to > seen) seen = user.events_seen_up_to;
  }
  return seen;
}
