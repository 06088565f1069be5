import type { WidgetAction } from './actions.js';
import {
  applyChat, applyDeactivated, applyPropertiesDeleted, applyPropertiesUpdated, applyQueue, applySeen, applySummary,
  applyUser, applyUserRemoved, emptyChat, mergeEvents, mergeThreads, orderChats,
} from './chats.js';
import type { ChatState, StoredEvent, WidgetData } from './model.js';
import { applyOutbox, applyOutgoingSent, removeOutgoing } from './outgoing.js';

/** Applies `fn` to one chat (created when missing) and keeps the list order in step. */
function updateChat(data: WidgetData, chatId: string, fn: (chat: ChatState) => ChatState, create = true): WidgetData {
  const current = data.chats[chatId];
  if (!current && !create) return data;
  const next = fn(current ?? emptyChat(chatId));
  if (next === current) return data;
  const chats = { ...data.chats, [chatId]: next };
  const reorder = !current || current.lastActivityAt !== next.lastActivityAt;
  return { ...data, chats, chatOrder: reorder ? orderChats(chats) : data.chatOrder };
}

/**
 * The one reducer of widget state: each case hands one entity to its small pure function
 * (`chats.ts`, `events.ts`, `outgoing.ts`). No I/O, no clocks, no React.
 */
export function reduce(data: WidgetData, action: WidgetAction): WidgetData {
  switch (action.type) {
    case 'connection':
      return { ...data, connection: action.reason === undefined ? { status: action.status } : { status: action.status, reason: action.reason } };
    case 'login': {
      const online = action.response.__priv_dynamic_config?.online_groups_ids;
      return { ...data, customer: action.response.customer, groupsOffline: Array.isArray(online) && online.length === 0 ? true : online === undefined ? data.groupsOffline : false };
    }
    case 'chatSummaries': {
      let next = data;
      for (const summary of action.summaries) next = updateChat(next, summary.id, (chat) => applySummary(chat, summary));
      return { ...next, synced: true };
    }
    case 'threads':
      return updateChat(data, action.chatId, (chat) => {
        const merged = mergeThreads(chat, action.threads);
        return action.reachedOldest && merged.hasOlder ? { ...merged, hasOlder: false } : merged;
      });
    case 'incomingChat':
      return updateChat(data, action.chat.id, (chat) => applyChat(chat, action.chat));
    case 'incomingEvent': {
      const { chat_id, thread_id, event } = action.payload;
      let next = updateChat(data, chat_id, (chat) => mergeEvents(chat, [{ ...event, thread_id } as StoredEvent]));
      if (event.custom_id) next = removeOutgoing(next, event.custom_id);
      if (event.author_id && event.author_id !== data.customer?.id && next.typing[chat_id]) next = { ...next, typing: { ...next.typing, [chat_id]: false } };
      return next;
    }
    case 'chatDeactivated': {
      const next = updateChat(data, action.payload.chat_id, (chat) => applyDeactivated(chat, action.payload.thread_id), false);
      return next.typing[action.payload.chat_id] ? { ...next, typing: { ...next.typing, [action.payload.chat_id]: false } } : next;
    }
    case 'userAdded':
      return updateChat(data, action.payload.chat_id, (chat) => applyUser(chat, action.payload.user), false);
    case 'userRemoved':
      return updateChat(data, action.payload.chat_id, (chat) => applyUserRemoved(chat, action.payload.user_id), false);
    case 'chatPropertiesUpdated':
      return updateChat(data, action.payload.chat_id, (chat) => applyPropertiesUpdated(chat, action.payload.properties), false);
    case 'chatPropertiesDeleted':
      return updateChat(data, action.payload.chat_id, (chat) => applyPropertiesDeleted(chat, action.payload.properties), false);
    case 'typing': {
      const { chat_id, typing_indicator } = action.payload;
      if (typing_indicator.author_id === data.customer?.id || Boolean(data.typing[chat_id]) === typing_indicator.is_typing) return data;
      return { ...data, typing: { ...data.typing, [chat_id]: typing_indicator.is_typing } };
    }
    case 'eventsSeen':
      return updateChat(data, action.payload.chat_id, (chat) => applySeen(chat, action.payload.user_id, action.payload.seen_up_to), false);
    case 'queue':
      return updateChat(data, action.payload.chat_id, (chat) => applyQueue(chat, action.payload.thread_id, action.payload.queue), false);
    case 'chatTransferred': {
      const { chat_id, thread_id, queue } = action.payload;
      if (!thread_id || !queue) return data;
      return updateChat(data, chat_id, (chat) => applyQueue(chat, thread_id, queue), false);
    }
    case 'customerUpdated':
      return data.customer && data.customer.id === action.payload.id ? { ...data, customer: { ...data.customer, ...action.payload, type: 'customer' } } : data;
    case 'groupsStatus':
      return { ...data, groupsOffline: action.payload.groups.length > 0 && action.payload.groups.every((group) => group.status === 'offline') };
    case 'outbox':
      return applyOutbox(data, action.items);
    case 'outgoingSent':
      return applyOutgoingSent(data, action.result);
    case 'selectChat':
      return data.selectedChatId === action.chatId ? data : { ...data, selectedChatId: action.chatId };
    case 'visibility':
      return data.visible === action.visible ? data : { ...data, visible: action.visible };
    case 'startChatFailure':
      return data.startChatFailure === action.error ? data : { ...data, startChatFailure: action.error };
  }
}
