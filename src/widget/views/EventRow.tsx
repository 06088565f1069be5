import { memo } from 'react';
import type { RichMessageButton, RichMessageEvent, User } from '../../protocol/entities.js';
import { FileContent, LinkifiedText } from '../../ui/EventParts.js';
import type { OutgoingMessage, StoredEvent } from '../state/model.js';
import { formatDay, formatTime } from '../../ui/format.js';
import { phoneHref, safeHref } from '../../ui/safeUrl.js';
import { Avatar } from './Avatar.js';
import { useStrings } from './strings.js';
import { systemText } from './systemText.js';
import type { Delivery, TimelineItem } from './timeline.js';
import { outgoingDelivery } from './timeline.js';
import { useCommands, useWidgetLocale } from './WidgetContext.js';

function RichButton({ event, button, customerId, chatId }: { event: RichMessageEvent & { thread_id: string }; button: RichMessageButton; customerId: string | undefined; chatId: string }) {
  const commands = useCommands();
  const chosen = customerId !== undefined && button.user_ids?.includes(customerId);
  const link = button.type === 'url' || button.type === 'webview' ? safeHref(button.value) : button.type === 'phone' ? phoneHref(button.value) : undefined;
  const postback = () => commands.sendPostback({ chatId, threadId: event.thread_id, eventId: event.id, postbackId: button.postback_id, toggled: !chosen }).catch(() => undefined);
  if (link) {
    return (
      <a className="sb-rich__button" href={link} target={button.type === 'phone' ? undefined : '_blank'} rel="noopener noreferrer" onClick={() => void postback()}>
        {button.text}
      </a>
    );
  }
  return (
    <button
      type="button"
      className="sb-rich__button"
      aria-pressed={chosen}
      data-postback={button.postback_id}
      onClick={() => {
        void postback();
        // a quick reply of type "message" also says its text in the chat, as the visitor
        if (button.type === 'message' && !chosen) commands.sendMessage(chatId, button.text);
      }}
    >
      {button.text}
    </button>
  );
}

function RichContent({ event, customerId, chatId }: { event: RichMessageEvent & { thread_id: string }; customerId: string | undefined; chatId: string }) {
  return (
    <div className={`sb-rich sb-rich--${event.template_id}`}>
      {event.elements.map((element, index) => (
        <div key={index} className="sb-rich__card">
          {element.image && safeHref(element.image.url) && <img className="sb-rich__image" src={safeHref(element.image.url)} alt={element.image.alternative_text ?? element.title ?? ''} loading="lazy" />}
          {element.title && <p className="sb-rich__title"><LinkifiedText text={element.title} /></p>}
          {element.subtitle && <p className="sb-rich__subtitle"><LinkifiedText text={element.subtitle} /></p>}
          {element.buttons && element.buttons.length > 0 && (
            <div className="sb-rich__buttons">
              {element.buttons.map((button) => <RichButton key={button.postback_id + button.text} event={event} button={button} customerId={customerId} chatId={chatId} />)}
            </div>
          )}
        </div>
      ))}
    </div>
  );
}

function DeliveryMark({ delivery, error, customId }: { delivery: Delivery; error?: string; customId?: string }) {
  const commands = useCommands();
  const strings = useStrings();
  if (delivery === 'failed' && customId) {
    return (
      <span className="sb-delivery sb-delivery--failed" role="alert">
        {error === 'chat_limit_reached' ? strings.failedChatLimit : strings.failed}{' '}
        <button type="button" className="sb-link-button" onClick={() => commands.retry(customId)}>{strings.retry}</button>{' '}
        <button type="button" className="sb-link-button" onClick={() => commands.discard(customId)}>{strings.discard}</button>
      </span>
    );
  }
  const label = delivery === 'sending' ? strings.sending : delivery === 'seen' ? strings.seen : strings.sent;
  return <span className={`sb-delivery sb-delivery--${delivery}`} data-testid="delivery">{label}</span>;
}

function EventBody({ event, customerId, chatId }: { event: StoredEvent; customerId: string | undefined; chatId: string }) {
  const { tag } = useWidgetLocale();
  switch (event.type) {
    case 'message':
      return <p className="sb-bubble__text" dir="auto"><LinkifiedText text={event.text} /></p>;
    case 'file':
      return <FileContent event={event} prefix="sb" locale={tag} />;
    case 'rich_message':
      return <RichContent event={event} customerId={customerId} chatId={chatId} />;
    case 'filled_form':
      return <dl className="sb-form">{event.fields.map((field) => <div key={field.id}><dt>{field.label}</dt><dd>{typeof field.answer === 'string' ? field.answer : ''}</dd></div>)}</dl>;
    default:
      return null;
  }
}

function OutgoingRow({ message }: { message: OutgoingMessage }) {
  const strings = useStrings();
  const event = message.event as { type: string; text?: string; url?: string };
  return (
    <div className="sb-row sb-row--own" data-testid="outgoing">
      <div className={`sb-bubble sb-bubble--own sb-bubble--${message.status}`}>
        {event.type === 'message' ? <p className="sb-bubble__text"><LinkifiedText text={event.text ?? ''} /></p> : <p className="sb-bubble__text">{strings.previewFile(event.url?.split('/').pop() ?? '')}</p>}
      </div>
      <DeliveryMark delivery={outgoingDelivery(message)} error={message.error} customId={message.customId} />
    </div>
  );
}

/**
 * One row of the timeline: a separator, a system notice, a message, or a message still on its way.
 * Memoized: scrolling re-renders the list, not the rows already on screen.
 */
export const TimelineRow = memo(function TimelineRow({ item, users, customerId, chatId }: { item: TimelineItem; users: Record<string, User>; customerId: string | undefined; chatId: string }) {
  const strings = useStrings();
  const { tag } = useWidgetLocale();
  switch (item.kind) {
    case 'start':
      return <p className="sb-separator sb-separator--start">{strings.conversationStart}</p>;
    case 'date':
      return <p className="sb-separator sb-separator--date"><span>{formatDay(item.at, undefined, tag)}</span></p>;
    case 'thread':
      return <p className="sb-separator sb-separator--thread" data-testid="thread-separator"><span>{strings.threadStarted} · {formatDay(item.at, undefined, tag)} {formatTime(item.at, tag)}</span></p>;
    case 'outgoing':
      return <OutgoingRow message={item.message} />;
    case 'event': {
      const { event, own } = item;
      if (event.type === 'system_message') {
        const text = systemText(event, strings);
        return text ? <p className="sb-system" data-testid="system-message">{text}</p> : null;
      }
      const author = event.author_id ? users[event.author_id] : undefined;
      return (
        <div className={`sb-row ${own ? 'sb-row--own' : 'sb-row--other'}`} data-testid="message">
          {!own && (item.firstOfGroup ? <Avatar user={author} /> : <span className="sb-avatar-space" />)}
          <div className="sb-row__content">
            {!own && item.firstOfGroup && <p className="sb-author">{author?.name || strings.someone}</p>}
            <div className={`sb-bubble ${own ? 'sb-bubble--own' : 'sb-bubble--other'}${event.type === 'rich_message' ? ' sb-bubble--rich' : ''}${event.type === 'file' && event.content_type?.startsWith('image/') ? ' sb-bubble--media' : ''}`}>
              <EventBody event={event} customerId={customerId} chatId={chatId} />
            </div>
            <p className="sb-meta">
              <time dateTime={event.created_at}>{formatTime(event.created_at, tag)}</time>
              {item.delivery && <> · <DeliveryMark delivery={item.delivery} /></>}
            </p>
          </div>
        </div>
      );
    }
  }
});
