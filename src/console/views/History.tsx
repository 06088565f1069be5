import { Fragment, memo, useEffect, useMemo, useRef } from 'react';
import type { User } from '../../protocol/entities.js';
import { FileContent, LinkifiedText } from '../../ui/EventParts.js';
import { formatDateTime, formatTime } from '../../ui/format.js';
import { uiStrings } from '../../ui/strings.js';
import { useTimelineWindow } from '../../ui/useTimelineWindow.js';
import type { ConsoleChat, StoredEvent } from '../state/model.js';
import { useCommands } from './ConsoleContext.js';
import { historyItems, type HistoryItem } from './historyItems.js';

const LOAD_OLDER_THRESHOLD = 240;
const END_THRESHOLD = 40;

function EventContent({ event }: { event: StoredEvent }) {
  switch (event.type) {
    case 'message':
      return <p className="cs-bubble__text"><LinkifiedText text={event.text} /></p>;
    case 'file':
      return <FileContent event={event} prefix="cs" />;
    case 'rich_message':
      return <p className="cs-bubble__text">{event.elements.map((element) => element.title).filter(Boolean).join(' · ') || 'Rich message'}</p>;
    case 'filled_form':
      return <dl className="cs-form">{event.fields.map((field) => <Fragment key={field.id}><dt>{field.label}</dt><dd>{typeof field.answer === 'string' ? field.answer : JSON.stringify(field.answer ?? field.answers ?? '')}</dd></Fragment>)}</dl>;
    default:
      return <p className="cs-muted">{event.type}</p>;
  }
}

function EventRow({ event, author, mine, customer }: { event: StoredEvent; author: User | undefined; mine: boolean; customer: boolean }) {
  if (event.type === 'system_message') return <p className="cs-system" data-testid="system-message">{event.text ?? event.system_message_type}</p>;
  const side = mine ? 'mine' : customer ? 'customer' : 'agent';
  return (
    <div className={`cs-row cs-row--${side}`} data-testid="message" data-author={event.author_id}>
      <div className="cs-bubble">
        <p className="cs-bubble__meta">
          <span className="cs-bubble__author">{mine ? uiStrings.you : author?.name || (customer ? 'Visitor' : event.author_id)}</span>
          {event.visibility === 'agents' && <span className="cs-tag">agents only</span>}
          <time dateTime={event.created_at}>{formatTime(event.created_at)}</time>
        </p>
        <EventContent event={event} />
      </div>
    </div>
  );
}

/** One row of the history; memoized so that scrolling re-renders the window, not the rows on screen. */
const HistoryRow = memo(function HistoryRow({ item, chatId, users, meId, customerId }: { item: HistoryItem; chatId: string; users: Record<string, User>; meId: string | undefined; customerId: string | undefined }) {
  const commands = useCommands();
  switch (item.kind) {
    case 'older':
      return <p className="cs-history__older"><button type="button" className="cs-link" onClick={() => void commands.loadOlder(chatId)} data-testid="load-older">Load earlier conversations</button></p>;
    case 'start':
      return <p className="cs-system">Start of the conversation</p>;
    case 'thread': {
      const tags = item.thread?.tags ?? [];
      return (
        <p className="cs-separator" data-testid="thread-separator">
          <span>{item.thread ? formatDateTime(item.thread.created_at) : 'Conversation'}{tags.length ? ` · ${tags.join(', ')}` : ''}</span>
        </p>
      );
    }
    case 'event': {
      const { event } = item;
      return <EventRow event={event} author={event.author_id ? users[event.author_id] : undefined} mine={event.author_id === meId} customer={event.author_id !== undefined && event.author_id === customerId} />;
    }
  }
});

/**
 * The continuous history of one chat across its threads, oldest first, with a separator per
 * thread, in the same virtual window as the widget's timeline (a 10,000-event chat mounts only the
 * rows on screen). Older threads load with `list_threads` paging (button, or scrolling near the
 * top) without moving the visible message; the view follows new messages while at the bottom.
 */
export function History({ chat, meId, customerId }: { chat: ConsoleChat; meId: string | undefined; customerId: string | undefined }) {
  const commands = useCommands();
  const scrollRef = useRef<HTMLDivElement>(null);
  const items = historyItems(chat);
  const keys = useMemo(() => items.map((item) => item.key), [items]);
  const list = useTimelineWindow({ listId: `console-${chat.id}`, keys, scrollRef, estimate: 56, overscan: 6, endThreshold: END_THRESHOLD });

  useEffect(() => {
    if (chat.history.status === 'idle') void commands.loadOlder(chat.id);
  }, [chat.id, chat.history.status, commands]);

  function onScroll() {
    const element = scrollRef.current;
    if (!element) return;
    list.onScroll();
    if (element.scrollTop < LOAD_OLDER_THRESHOLD && chat.history.status === 'partial') void commands.loadOlder(chat.id);
  }

  return (
    <div ref={scrollRef} className="cs-history" role="log" aria-label="Conversation history" tabIndex={0} onScroll={onScroll} data-testid="chat-history">
      <div className="cs-history__inner" style={{ height: list.totalSize }} onLoadCapture={list.remeasure}>
        {list.rows.map((row) => {
          const item = items[row.index];
          if (!item) return null;
          return (
            <div key={row.key} data-key={row.key} ref={list.measureRow} className="cs-history__item" style={{ transform: `translateY(${row.start}px)` }}>
              <HistoryRow item={item} chatId={chat.id} users={chat.users} meId={meId} customerId={customerId} />
            </div>
          );
        })}
      </div>
    </div>
  );
}
