import type { ConsoleChat } from '../state/model.js';
import { customerName, lastMessage, myChats, queuedChats, topicOf, unreadCount, waitingSince } from '../state/selectors.js';
import { useCommands, useConsole } from './ConsoleContext.js';
import { formatWaiting, useNow } from './format.js';
import { useShallow } from 'zustand/shallow';

function preview(chat: ConsoleChat): string {
  const event = lastMessage(chat);
  if (!event) return 'No messages yet';
  if (event.type === 'message') return event.text;
  if (event.type === 'file') return `File: ${event.name}`;
  return event.type.replace('_', ' ');
}

/** One entry: customer, topic, last message, unread count and waiting time. */
export function ChatEntry({ chat, selected, now }: { chat: ConsoleChat; selected: boolean; now: number }) {
  const me = useConsole((state) => state.me?.id);
  const commands = useCommands();
  const unread = unreadCount(chat, me);
  const since = waitingSince(chat);
  const topic = topicOf(chat);
  const name = customerName(chat);
  return (
    <li>
      <button
        type="button"
        className={`cs-entry${selected ? ' cs-entry--selected' : ''}${unread > 0 ? ' cs-entry--unread' : ''}`}
        aria-current={selected ? 'true' : undefined}
        onClick={() => commands.openChat(chat.id)}
        data-testid="chat-entry"
        data-chat-id={chat.id}
      >
        <span className="cs-entry__top">
          <span className="cs-entry__name">{name}</span>
          {since && <span className="cs-entry__waiting" title="Waiting for an answer">waiting {formatWaiting(since, now)}</span>}
        </span>
        {topic && <span className="cs-entry__topic" data-testid="chat-topic">{topic}</span>}
        <span className="cs-entry__bottom">
          <span className="cs-entry__preview">{preview(chat)}</span>
          {unread > 0 && <span className="cs-badge" data-testid="unread-count" aria-label={`${unread} unread`}>{unread}</span>}
        </span>
      </button>
    </li>
  );
}

/** "My chats" or "Queued": live lists derived from the store. */
export function ChatList({ view }: { view: 'my' | 'queued' }) {
  const chats = useConsole(useShallow((state) => (view === 'my' ? myChats(state) : queuedChats(state))));
  const selected = useConsole((state) => state.selectedChatId);
  const now = useNow();
  if (chats.length === 0) {
    return <p className="cs-empty cs-empty--list">{view === 'my' ? 'No chats assigned to you.' : 'Nobody is waiting.'}</p>;
  }
  return (
    <ul className="cs-list" aria-label={view === 'my' ? 'My chats' : 'Queued chats'} data-testid={`list-${view}`}>
      {chats.map((chat) => <ChatEntry key={chat.id} chat={chat} selected={chat.id === selected} now={now} />)}
    </ul>
  );
}
