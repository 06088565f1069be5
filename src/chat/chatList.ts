import type { ChatCore } from './model.js';

/** Chat ids by last activity, newest first (ties by id). */
export function orderChats(chats: Record<string, ChatCore>): string[] {
  return Object.values(chats)
    .sort((a, b) => (a.lastActivityAt === b.lastActivityAt ? (a.id < b.id ? -1 : 1) : a.lastActivityAt > b.lastActivityAt ? -1 : 1))
    .map((chat) => chat.id);
}

/**
 * Applies `fn` to one chat of a store's `chats`; a chat not known yet starts from `empty(id)`, or,
 * with `empty` undefined, the push about it is ignored. Returns the same state when nothing changed.
 */
export function updateChat<C extends ChatCore, S extends { chats: Record<string, C> }>(data: S, chatId: string, fn: (chat: C) => C, empty: ((id: string) => C) | undefined): S {
  const current = data.chats[chatId];
  if (!current && !empty) return data;
  const next = fn(current ?? (empty as (id: string) => C)(chatId));
  return next === current ? data : { ...data, chats: { ...data.chats, [chatId]: next } };
}
