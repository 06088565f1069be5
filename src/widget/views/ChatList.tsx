import { forwardRef, useMemo, useState } from 'react';
import type { ChatState } from '../state/model.js';
import { unreadCount } from '../state/selectors.js';
import { formatListTime } from '../../ui/format.js';
import { eventPreview } from './eventPreview.js';
import { NewChatForm } from './NewChatForm.js';
import { useStrings, type Strings } from './strings.js';
import { useWidget, useWidgetLocale } from './WidgetContext.js';

export function chatTitle(chat: Pick<ChatState, 'topic'>, s: Strings): string {
  return chat.topic ?? s.untitledChat;
}

function ChatListItem({ chatId, selected, onOpen }: { chatId: string; selected: boolean; onOpen: (chatId: string) => void }) {
  const chat = useWidget((state) => state.chats[chatId]);
  const customerId = useWidget((state) => state.customer?.id);
  const strings = useStrings();
  const { tag } = useWidgetLocale();
  // NOTE: counting walks the chat's unseen events; every item renders again when the selection changes
  const unread = useMemo(() => (chat ? unreadCount(chat, customerId) : 0), [chat, customerId]);
  if (!chat) return null;
  const last = chat.lastEvent;
  const preview = last ? `${last.author_id === customerId ? `${strings.you}: ` : ''}${eventPreview(last, strings)}` : '';
  return (
    <li className="sb-chat-item" data-active={chat.active} data-testid="chat-item">
      <button type="button" className="sb-chat-item__button" aria-current={selected ? 'true' : undefined} data-chat-id={chatId} onClick={() => onOpen(chatId)}>
        <span className="sb-chat-item__row">
          <span className="sb-chat-item__topic">{chatTitle(chat, strings)}</span>
          <time className="sb-chat-item__time" dateTime={chat.lastActivityAt}>{formatListTime(chat.lastActivityAt, undefined, tag)}</time>
        </span>
        <span className="sb-chat-item__row">
          <span className="sb-chat-item__preview">{preview}</span>
          {unread > 0 && (
            <span className="sb-badge" aria-label={strings.unread(unread)} data-testid="unread">{unread}</span>
          )}
        </span>
        <span className={`sb-chat-item__state sb-chat-item__state--${chat.active ? 'open' : 'closed'}`}>{chat.active ? strings.chatActive : strings.chatClosed}</span>
      </button>
    </li>
  );
}

/** The chat list pane: every chat with topic, preview, time, unread count and state; plus "New chat" (#15: no list heading over an open start form). */
export const ChatList = forwardRef<HTMLElement, { onOpen: (chatId: string) => void }>(function ChatList({ onOpen }, ref) {
  const chatOrder = useWidget((state) => state.chatOrder);
  const selected = useWidget((state) => state.selectedChatId);
  const synced = useWidget((state) => state.synced);
  const strings = useStrings();
  const [formOpen, setFormOpen] = useState(false);
  // NOTE: while a start form shows, its own title leads: the list heading stays for screen readers only (it
  // names the nav), and "No chats yet, start one" is not said to someone starting one.
  return (
    <nav className="sb-list" aria-labelledby="sb-list-heading" ref={ref}>
      <h2 id="sb-list-heading" className={formOpen ? 'sb-visually-hidden' : 'sb-list__heading'}>{strings.chatListHeading}</h2>
      <NewChatForm open={formOpen} onOpenChange={setFormOpen} />
      {synced && chatOrder.length === 0 && !formOpen && <p className="sb-list__empty">{strings.chatListEmpty}</p>}
      <ul className="sb-list__items">
        {chatOrder.map((chatId) => (
          <ChatListItem key={chatId} chatId={chatId} selected={chatId === selected} onOpen={onOpen} />
        ))}
      </ul>
    </nav>
  );
});
