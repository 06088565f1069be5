import { Fragment, useEffect, useLayoutEffect, useRef } from 'react';
import type { User } from '../../protocol/entities.js';
import type { ConsoleChat, StoredEvent } from '../state/model.js';
import { useCommands } from './ConsoleContext.js';
import { linkify, safeHref } from '../../ui/linkify.js';
import { formatDateTime, formatSize, formatTime } from './format.js';

/** Plain text with clickable http(s) links (the widget's linkifier); never HTML. */
function LinkedText({ text }: { text: string }) {
  return <>{linkify(text).map((part, index) => (part.kind === 'link' ? <a key={index} href={part.href} target="_blank" rel="noopener noreferrer nofollow">{part.text}</a> : <span key={index}>{part.text}</span>))}</>;
}

function EventContent({ event }: { event: StoredEvent }) {
  switch (event.type) {
    case 'message':
      return <p className="cs-bubble__text"><LinkedText text={event.text} /></p>;
    case 'file': {
      const href = safeHref(event.url);
      if (!href) return <p>{event.name}</p>;
      if (event.content_type?.startsWith('image/')) {
        return <a href={href} target="_blank" rel="noopener noreferrer"><img className="cs-image" src={safeHref(event.thumbnail_url) ?? href} alt={event.alternative_text ?? event.name} /></a>;
      }
      return <a href={href} target="_blank" rel="noopener noreferrer" download={event.name}>{event.name} ({formatSize(event.size)})</a>;
    }
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
          <span className="cs-bubble__author">{mine ? 'You' : author?.name || (customer ? 'Visitor' : event.author_id)}</span>
          {event.visibility === 'agents' && <span className="cs-tag">agents only</span>}
          <time dateTime={event.created_at}>{formatTime(event.created_at)}</time>
        </p>
        <EventContent event={event} />
      </div>
    </div>
  );
}

/**
 * The continuous history of one chat across its threads, oldest first, with a separator per
 * thread. Older threads load with `list_threads` paging (button, or scrolling to the top); the
 * view follows new messages while the reader is at the bottom.
 */
export function History({ chat, meId, customerId }: { chat: ConsoleChat; meId: string | undefined; customerId: string | undefined }) {
  const commands = useCommands();
  const scrollRef = useRef<HTMLDivElement>(null);
  const atBottom = useRef(true);
  const firstId = chat.eventOrder[0];
  const lastId = chat.eventOrder[chat.eventOrder.length - 1];
  const heightBefore = useRef<{ first: string | undefined; height: number }>({ first: undefined, height: 0 });

  // Older threads prepended: keep the visible message still. New messages at the end: follow them.
  useLayoutEffect(() => {
    const element = scrollRef.current;
    if (!element) return;
    const before = heightBefore.current;
    if (before.first !== undefined && before.first !== firstId) element.scrollTop += element.scrollHeight - before.height;
    else if (atBottom.current) element.scrollTop = element.scrollHeight;
    heightBefore.current = { first: firstId, height: element.scrollHeight };
  }, [firstId, lastId, chat.typing, chat.sneakPeek]);

  useEffect(() => {
    if (chat.history.status === 'idle') void commands.loadOlder(chat.id);
  }, [chat.id, chat.history.status, commands]);

  function onScroll() {
    const element = scrollRef.current;
    if (!element) return;
    atBottom.current = element.scrollHeight - element.scrollTop - element.clientHeight < 40;
    heightBefore.current = { first: firstId, height: element.scrollHeight };
    if (element.scrollTop < 80 && chat.history.status === 'partial') void commands.loadOlder(chat.id);
  }

  let previousThread: string | undefined;
  return (
    <div ref={scrollRef} className="cs-history" role="log" aria-label="Conversation history" tabIndex={0} onScroll={onScroll} data-testid="chat-history">
      {chat.history.status === 'partial' && (
        <button type="button" className="cs-link cs-history__older" onClick={() => void commands.loadOlder(chat.id)} data-testid="load-older">Load earlier conversations</button>
      )}
      {chat.history.status === 'complete' && <p className="cs-system">Start of the conversation</p>}
      {chat.eventOrder.map((id) => {
        const event = chat.events[id];
        if (!event) return null;
        const thread = chat.threads[event.thread_id];
        const separator = event.thread_id !== previousThread;
        previousThread = event.thread_id;
        return (
          <Fragment key={id}>
            {separator && (
              <p className="cs-separator" data-testid="thread-separator">
                <span>{thread ? formatDateTime(thread.created_at) : 'Conversation'}{thread?.tags?.length ? ` · ${thread.tags.join(', ')}` : ''}</span>
              </p>
            )}
            <EventRow event={event} author={event.author_id ? chat.users[event.author_id] : undefined} mine={event.author_id === meId} customer={event.author_id !== undefined && event.author_id === customerId} />
          </Fragment>
        );
      })}
    </div>
  );
}
