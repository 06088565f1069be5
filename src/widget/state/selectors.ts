import { unreadCount as unreadFor } from '../../chat/unread.js';
import type { ChatState, StoredEvent, WidgetData } from './model.js';

/** System notices never count as unread for the visitor. */
const countsForVisitor = (event: StoredEvent) => event.type !== 'system_message';

/** Unread events of a chat: from someone else, newer than the customer's own `events_seen_up_to` in that chat. */
export function unreadCount(chat: ChatState, customerId: string | undefined): number {
  return unreadFor(chat, customerId, countsForVisitor);
}

export function activeChatsCount(data: Pick<WidgetData, 'chats'>): number {
  return Object.values(data.chats).filter((chat) => chat.active).length;
}
