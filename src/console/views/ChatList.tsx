import type { ConsoleChat } from '../state/model.js';
import { useEffect } from 'react';
import { customerName, isMember, isQueued, lastMessage, myChats, queuedChats, topicOf, unreadCount, waitingSince } from '../state/selectors.js';
import { allActiveChats, holders } from '../state/supervision.js';
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

/** One entry: customer, topic, last message, unread count and waiting time (and, supervising, who holds it). */
export function ChatEntry({ chat, selected, now, showHolder = false }: { chat: ConsoleChat; selected: boolean; now: number; showHolder?: boolean }) {
  const me = useConsole((state) => state.me?.id);
  const commands = useCommands();
  // Unread counts what was said to me: in a chat I am not in (queued, supervised) there is no such thing.
  const unread = isMember(chat, me) ? unreadCount(chat, me) : 0;
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
        {showHolder && <span className="cs-entry__holder" data-testid="chat-holder">{holderLabel(chat)}</span>}
        <span className="cs-entry__bottom">
          <span className="cs-entry__preview">{preview(chat)}</span>
          {unread > 0 && <span className="cs-badge" data-testid="unread-count" aria-label={`${unread} unread`}>{unread}</span>}
        </span>
      </button>
    </li>
  );
}

function holderLabel(chat: ConsoleChat): string {
  const names = holders(chat);
  if (names.length > 0) return `With ${names.join(', ')}`;
  return isQueued(chat) ? 'Queued' : 'Unassigned';
}

const LIST_LABELS = { my: 'My chats', queued: 'Queued chats', all: 'All active chats' } as const;
const EMPTY = { my: 'No chats assigned to you.', queued: 'Nobody is waiting.', all: 'No active chats.' } as const;

/** "My chats", "Queued" or (supervisors) "All chats": live lists derived from the store. */
export function ChatList({ view }: { view: 'my' | 'queued' | 'all' }) {
  const chats = useConsole(useShallow((state) => (view === 'my' ? myChats(state) : view === 'queued' ? queuedChats(state) : allActiveChats(state))));
  const selected = useConsole((state) => state.selectedChatId);
  const commands = useCommands();
  const now = useNow();
  // Reloaded on every (re)connection too: the login summary lists only my and queued chats.
  const connected = useConsole((state) => state.connection.status === 'connected');
  useEffect(() => {
    if (view === 'all' && connected) void commands.loadActiveChats();
  }, [view, connected, commands]);
  if (chats.length === 0) return <p className="cs-empty cs-empty--list">{EMPTY[view]}</p>;
  return (
    <ul className="cs-list" aria-label={LIST_LABELS[view]} data-testid={`list-${view}`}>
      {chats.map((chat) => <ChatEntry key={chat.id} chat={chat} selected={chat.id === selected} now={now} showHolder={view === 'all'} />)}
    </ul>
  );
}
