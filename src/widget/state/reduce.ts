import { orderChats, updateChat as updateIn } from '../../chat/chatList.js';
import { reducePending } from '../../chat/pending.js';
import { reduceChat } from '../../chat/reduceChat.js';
import type { WidgetAction } from './actions.js';
import { applyChat, applySummary, emptyChat } from './chats.js';
import type { ChatState, WidgetData } from './model.js';

/** Applies `fn` to one chat (created when missing, unless `create` is false) and keeps the list order in step. */
function updateChat(data: WidgetData, chatId: string, fn: (chat: ChatState) => ChatState, create = true): WidgetData {
  const before = data.chats[chatId];
  const next = updateIn(data, chatId, fn, create ? emptyChat : undefined);
  if (next === data) return data;
  const after = next.chats[chatId];
  return !before || before.lastActivityAt !== after?.lastActivityAt ? { ...next, chatOrder: orderChats(next.chats) } : next;
}

/**
 * The one reducer of widget state: each case hands one entity to its small pure function
 * (the shared `reduceChat` and `reducePending` of `src/chat`, or `chats.ts` for what only the widget does). No I/O, no clocks, no React.
 */
export function reduce(data: WidgetData, action: WidgetAction): WidgetData {
  switch (action.type) {
    case 'connection':
      return { ...data, connection: action.reason === undefined ? { status: action.status } : { status: action.status, reason: action.reason } };
    case 'login': {
      const config = action.response.__priv_dynamic_config;
      const online = config?.online_groups_ids;
      // protocol/data-structures.md: the server leaves out online_groups_ids when every group is offline
      const groupsOffline = config === undefined ? data.groupsOffline : !Array.isArray(online) || online.length === 0;
      return { ...data, customer: action.response.customer, groupsOffline };
    }
    case 'chatSummaries': {
      let next = data;
      for (const summary of action.summaries) next = updateChat(next, summary.id, (chat) => applySummary(chat, summary));
      return { ...next, synced: true };
    }
    case 'threads':
      return updateChat(data, action.chatId, (chat) => {
        const merged = reduceChat(chat, { type: 'threads', threads: action.threads });
        return action.reachedOldest && merged.hasOlder ? { ...merged, hasOlder: false } : merged;
      });
    case 'incomingChat':
      return updateChat(data, action.chat.id, (chat) => applyChat(chat, action.chat));
    case 'incomingEvent': {
      const { chat_id, thread_id, event } = action.payload;
      let next = updateChat(data, chat_id, (chat) => reduceChat(chat, { type: 'event', threadId: thread_id, event }));
      if (event.custom_id) next = reducePending(next, { type: 'arrived', customId: event.custom_id });
      if (event.author_id && event.author_id !== data.customer?.id && next.typing[chat_id]) next = { ...next, typing: { ...next.typing, [chat_id]: false } };
      return next;
    }
    case 'chatDeactivated': {
      const next = updateChat(data, action.payload.chat_id, (chat) => reduceChat(chat, { type: 'deactivated', threadId: action.payload.thread_id }), false);
      return next.typing[action.payload.chat_id] ? { ...next, typing: { ...next.typing, [action.payload.chat_id]: false } } : next;
    }
    case 'userAdded':
      return updateChat(data, action.payload.chat_id, (chat) => reduceChat(chat, { type: 'userAdded', user: action.payload.user }), false);
    case 'userRemoved':
      return updateChat(data, action.payload.chat_id, (chat) => reduceChat(chat, { type: 'userRemoved', userId: action.payload.user_id }), false);
    case 'chatPropertiesUpdated':
      return updateChat(data, action.payload.chat_id, (chat) => reduceChat(chat, { type: 'propertiesUpdated', properties: action.payload.properties }), false);
    case 'chatPropertiesDeleted':
      return updateChat(data, action.payload.chat_id, (chat) => reduceChat(chat, { type: 'propertiesDeleted', names: action.payload.properties }), false);
    case 'typing': {
      const { chat_id, typing_indicator } = action.payload;
      if (typing_indicator.author_id === data.customer?.id || Boolean(data.typing[chat_id]) === typing_indicator.is_typing) return data;
      return { ...data, typing: { ...data.typing, [chat_id]: typing_indicator.is_typing } };
    }
    case 'eventsSeen':
      return updateChat(data, action.payload.chat_id, (chat) => reduceChat(chat, { type: 'seen', userId: action.payload.user_id, seenUpTo: action.payload.seen_up_to }), false);
    case 'queue':
      return updateChat(data, action.payload.chat_id, (chat) => reduceChat(chat, { type: 'queue', threadId: action.payload.thread_id, queue: action.payload.queue }), false);
    case 'chatTransferred': {
      const { chat_id, thread_id, queue } = action.payload;
      if (!thread_id || !queue) return data;
      return updateChat(data, chat_id, (chat) => reduceChat(chat, { type: 'queue', threadId: thread_id, queue }), false);
    }
    case 'customerUpdated':
      return data.customer && data.customer.id === action.payload.id ? { ...data, customer: { ...data.customer, ...action.payload, type: 'customer' } } : data;
    case 'groupsStatus':
      return { ...data, groupsOffline: action.payload.groups.length > 0 && action.payload.groups.every((group) => group.status === 'offline') };
    case 'outbox':
    case 'outgoingSent':
      return reducePending(data, action);
    case 'selectChat':
      return data.selectedChatId === action.chatId ? data : { ...data, selectedChatId: action.chatId };
    case 'visibility':
      return data.visible === action.visible ? data : { ...data, visible: action.visible };
    case 'startChatFailure':
      return data.startChatFailure === action.error ? data : { ...data, startChatFailure: action.error };
  }
}
