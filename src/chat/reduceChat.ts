import type { ChatEvent, Properties, PropertyNames, Queue, Thread, User } from '../protocol/entities.js';
import { mergeEvents } from './events.js';
import type { ChatCore, StoredEvent } from './model.js';
import { applyPropertiesDeleted, applyPropertiesUpdated } from './properties.js';
import { applyDeactivated, applyQueue, applyTag, mergeThreads } from './threads.js';
import { applySeen, applyUser, applyUserRemoved } from './users.js';

/** What both the customer and the agent pushes do to one chat, as data. */
export type ChatAction =
  | { type: 'threads'; threads: readonly Thread[] }
  | { type: 'event'; threadId: string; event: ChatEvent }
  | { type: 'deactivated'; threadId: string }
  | { type: 'userAdded'; user: User }
  | { type: 'userRemoved'; userId: string }
  | { type: 'propertiesUpdated'; properties: Properties }
  | { type: 'propertiesDeleted'; names: PropertyNames }
  | { type: 'seen'; userId: string; seenUpTo: string }
  | { type: 'queue'; threadId: string; queue: Queue | undefined }
  | { type: 'tagged'; threadId: string; tag: string; tagged: boolean };

/**
 * The reducer of one chat. Pure; returns the same chat when nothing changed, and keeps whatever
 * fields a store added to its chats.
 * @example
 * const next = reduceChat(chat, { type: 'seen', userId: 'agent@example.com', seenUpTo: event.created_at });
 */
export function reduceChat<C extends ChatCore>(chat: C, action: ChatAction): C {
  switch (action.type) {
    case 'threads':
      return mergeThreads(chat, action.threads);
    case 'event':
      return mergeEvents(chat, [{ ...action.event, thread_id: action.threadId } as StoredEvent]);
    case 'deactivated':
      return applyDeactivated(chat, action.threadId);
    case 'userAdded':
      return applyUser(chat, action.user);
    case 'userRemoved':
      return applyUserRemoved(chat, action.userId);
    case 'propertiesUpdated':
      return applyPropertiesUpdated(chat, action.properties);
    case 'propertiesDeleted':
      return applyPropertiesDeleted(chat, action.names);
    case 'seen':
      return applySeen(chat, action.userId, action.seenUpTo);
    case 'queue':
      return applyQueue(chat, action.threadId, action.queue);
    case 'tagged':
      return applyTag(chat, action.threadId, action.tag, action.tagged);
  }
}
