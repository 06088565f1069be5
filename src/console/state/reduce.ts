import { updateChat as updateIn } from '../../chat/chatList.js';
import { reduceChat } from '../../chat/reduceChat.js';
import { customerOf } from '../../chat/users.js';
import type { ConsoleAction } from './actions.js';
import { applyChat, applyDeactivated, applyEvent, applySummary } from './chats.js';
import { emptyChat, type ConsoleChat, type ConsoleData } from './model.js';

/** Applies `fn` to one chat; with `create` false, pushes about unknown chats are ignored. */
function updateChat(data: ConsoleData, chatId: string, fn: (chat: ConsoleChat) => ConsoleChat, create = true): ConsoleData {
  return updateIn(data, chatId, fn, create ? emptyChat : undefined);
}

function withoutChatsMissingFrom(data: ConsoleData, keep: Set<string>): ConsoleData['chats'] {
  const chats: ConsoleData['chats'] = {};
  for (const [id, chat] of Object.entries(data.chats)) {
    if (keep.has(id) || id === data.selectedChatId) chats[id] = chat;
  }
  return chats;
}

/**
 * The one reducer of console state: each case hands one entity to a small pure function of
 * `src/chat` (`reduceChat`) or, for what only the console does, of `chats.ts`. No I/O, no clocks, no React.
 */
export function reduce(data: ConsoleData, action: ConsoleAction): ConsoleData {
  switch (action.type) {
    case 'connection':
      return { ...data, connection: action.reason === undefined ? { status: action.status } : { status: action.status, reason: action.reason } };
    case 'login': {
      // NOTE: the login summary is the agent's whole current picture; chats it no longer lists
      // (closed or taken by someone else while this tab was away) leave the lists.
      const { my_profile, chats_summary } = action.response;
      const base = { ...data, me: my_profile, routingStatus: my_profile.routing_status, chats: withoutChatsMissingFrom(data, new Set(chats_summary.map((s) => s.id))) };
      return reduce(base, { type: 'chatSummaries', summaries: chats_summary });
    }
    case 'chatSummaries': {
      let next = data;
      for (const summary of action.summaries) next = updateChat(next, summary.id, (chat) => applySummary(chat, summary));
      return next;
    }
    case 'chat':
      return updateChat(data, action.chat.id, (chat) => applyChat(chat, action.chat));
    case 'threads':
      return updateChat(data, action.chatId, (chat) => ({
        ...reduceChat(chat, { type: 'threads', threads: action.threads }),
        history: action.olderPageId === undefined ? { status: 'complete' } : { status: 'partial', olderPageId: action.olderPageId },
      }));
    case 'incomingChat':
      return updateChat(data, action.payload.chat.id, (chat) => applyChat(chat, action.payload.chat));
    case 'incomingEvent':
      return updateChat(data, action.payload.chat_id, (chat) => applyEvent(chat, action.payload.thread_id, action.payload.event));
    case 'chatDeactivated':
      return updateChat(data, action.payload.chat_id, (chat) => applyDeactivated(chat, action.payload.thread_id), false);
    case 'userAdded':
      return updateChat(data, action.payload.chat_id, (chat) => reduceChat(chat, { type: 'userAdded', user: { ...action.payload.user, present: true } }), false);
    case 'userRemoved':
      return updateChat(data, action.payload.chat_id, (chat) => reduceChat(chat, { type: 'userRemoved', userId: action.payload.user_id }), false);
    case 'chatTransferred': {
      const { chat_id, thread_id, queue } = action.payload;
      if (!thread_id) return data;
      return updateChat(data, chat_id, (chat) => reduceChat(chat, { type: 'queue', threadId: thread_id, queue }), false);
    }
    case 'chatAccessUpdated':
      return updateChat(data, action.payload.id, (chat) => ({ ...chat, access: action.payload.access }), false);
    case 'threadTagged':
      return updateChat(data, action.payload.chat_id, (chat) => reduceChat(chat, { type: 'tagged', threadId: action.payload.thread_id, tag: action.payload.tag, tagged: action.tagged }), false);
    case 'sneakPeek':
      return updateChat(data, action.payload.chat_id, (chat) => ({ ...chat, sneakPeek: action.payload.sneak_peek.text, typing: action.payload.sneak_peek.text !== '' }), false);
    case 'typing': {
      const { chat_id, typing_indicator } = action.payload;
      if (typing_indicator.author_id === data.me?.id) return data;
      return updateChat(data, chat_id, (chat) => {
        if (typing_indicator.is_typing) return chat.typing ? chat : { ...chat, typing: true };
        const next = { ...chat, typing: false };
        delete next.sneakPeek;
        return next;
      }, false);
    }
    case 'eventsSeen':
      return updateChat(data, action.payload.chat_id, (chat) => reduceChat(chat, { type: 'seen', userId: action.payload.user_id, seenUpTo: action.payload.seen_up_to }), false);
    case 'routingStatus':
      return action.agentId === data.me?.id ? { ...data, routingStatus: action.status } : data;
    case 'customerBanned': {
      const { customer_id, ban } = action.payload;
      return { ...data, banned: { ...data.banned, [customer_id]: ban.days } };
    }
    case 'customerUpdated': {
      const { id } = action.payload;
      let next = data;
      for (const chat of Object.values(data.chats)) {
        const customer = customerOf(chat);
        if (customer?.id === id) next = updateChat(next, chat.id, (c) => ({ ...c, users: { ...c.users, [id]: { ...customer, ...action.payload, type: 'customer' } } }));
      }
      const known = next.customers[id];
      return known ? { ...next, customers: { ...next.customers, [id]: { ...known, ...action.payload, type: 'customer' } } } : next;
    }
    case 'chatProperties':
      return updateChat(data, action.payload.chat_id, (chat) => reduceChat(chat, { type: 'propertiesUpdated', properties: action.payload.properties }), false);
    case 'queuePositions': {
      let next = data;
      for (const entry of action.payload) next = updateChat(next, entry.chat_id, (chat) => reduceChat(chat, { type: 'queue', threadId: entry.thread_id, queue: entry.queue }), false);
      return next;
    }
    case 'customer':
      return { ...data, customers: { ...data.customers, [action.customer.id]: action.customer } };
    case 'selectChat':
      return data.selectedChatId === action.chatId ? data : { ...data, selectedChatId: action.chatId };
    case 'setView':
      return data.view === action.view ? data : { ...data, view: action.view };
    case 'archivesLoading':
      return { ...data, archives: { ...data.archives, filters: action.filters, status: 'loading' } };
    case 'archivesLoaded': {
      const { rows, found, nextPageId, previousPageId, page } = action;
      const archives = { filters: data.archives.filters, status: 'ready' as const, rows, found, page, ...(nextPageId ? { nextPageId } : {}), ...(previousPageId ? { previousPageId } : {}) };
      return { ...data, archives };
    }
    case 'archivesFailed':
      return { ...data, archives: { ...data.archives, status: 'failed' } };
    case 'muted':
      return { ...data, muted: action.muted };
    case 'error': {
      if (action.message !== undefined) return { ...data, error: action.message };
      const next = { ...data };
      delete next.error;
      return next;
    }
  }
}
