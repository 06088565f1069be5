import { useEffect, useRef, useState } from 'react';
import type { WidgetState } from '../state/createWidgetStore.js';
import { ChatList, chatTitle } from './ChatList.js';
import { ChatPane } from './ChatPane.js';
import { eventPreview } from './eventPreview.js';
import { strings } from './strings.js';
import { useCommands, useWidget, useWidgetStore } from './WidgetContext.js';
import './widget.css';

function ConnectionBanner() {
  const status = useWidget((state) => state.connection.status);
  const reason = useWidget((state) => state.connection.reason);
  const groupsOffline = useWidget((state) => state.groupsOffline);
  const commands = useCommands();
  let text: string | undefined;
  if (status === 'idle' || status === 'connecting' || status === 'logging_in') text = strings.connecting;
  if (status === 'reconnecting') text = strings.reconnecting;
  if (status === 'disconnected') text = strings.disconnectedReason(reason);
  return (
    <div className="sb-banners">
      <p className="sb-banner" role="status" data-testid="connection" data-status={status} hidden={text === undefined}>
        {text}
        {status === 'disconnected' && <button type="button" className="sb-link-button" onClick={() => commands.reconnect()}>{strings.reconnect}</button>}
      </p>
      {groupsOffline && <p className="sb-banner sb-banner--warn" role="status" data-testid="groups-offline">{strings.groupsOffline}</p>}
    </div>
  );
}

/** Announces new messages from others (any chat) to screen readers, politely. */
function LiveAnnouncer() {
  const store = useWidgetStore();
  const [message, setMessage] = useState('');
  useEffect(() => {
    const seen = new Map<string, string | undefined>();
    const record = (state: WidgetState) => {
      for (const chat of Object.values(state.chats)) seen.set(chat.id, chat.lastEvent?.id);
    };
    record(store.getState());
    return store.subscribe((state) => {
      for (const chat of Object.values(state.chats)) {
        const last = chat.lastEvent;
        if (!seen.has(chat.id) && !state.synced) continue;
        if (last && seen.get(chat.id) !== last.id && last.author_id && last.author_id !== state.customer?.id && state.synced) {
          const author = chat.users[last.author_id]?.name || strings.someone;
          setMessage(strings.announceMessage(author, chatTitle(chat), eventPreview(last)));
        }
      }
      record(state);
    });
  }, [store]);
  return <div className="sb-visually-hidden" aria-live="polite" aria-atomic="true" data-testid="announcer">{message}</div>;
}

/**
 * The whole widget: chat list and the open chat side by side from 640 px wide, stacked below
 * (list, or chat with a back control). Focus moves to the chat heading when a chat opens and
 * back to its list entry when the visitor goes back.
 */
export function ChatWidget({ className }: { className?: string }) {
  const selected = useWidget((state) => (state.selectedChatId && state.chats[state.selectedChatId] ? state.selectedChatId : undefined));
  const commands = useCommands();
  const headingRef = useRef<HTMLHeadingElement>(null);
  const listRef = useRef<HTMLElement>(null);
  const previous = useRef<string | undefined>(undefined);

  useEffect(() => {
    const before = previous.current;
    previous.current = selected;
    if (selected && selected !== before) headingRef.current?.focus();
    else if (!selected && before) {
      const entries = listRef.current?.querySelectorAll<HTMLButtonElement>('[data-chat-id]') ?? [];
      Array.from(entries).find((entry) => entry.dataset.chatId === before)?.focus();
    }
  }, [selected]);

  function open(chatId: string) {
    commands.selectChat(chatId);
    if (chatId === selected) headingRef.current?.focus();
  }

  const back = () => commands.selectChat(undefined);

  return (
    <div className={`sb-root${className ? ` ${className}` : ''}`}>
      <div className="sb-widget" data-view={selected ? 'chat' : 'list'} role="region" aria-label={strings.widgetLabel}>
        <ConnectionBanner />
        <div className="sb-panes">
          <div className="sb-pane sb-pane--list">
            <ChatList ref={listRef} onOpen={open} />
          </div>
          <div className="sb-pane sb-pane--chat">
            {selected ? <ChatPane key={selected} ref={headingRef} chatId={selected} onBack={back} /> : <p className="sb-placeholder">{strings.selectChat}</p>}
          </div>
        </div>
        <LiveAnnouncer />
      </div>
    </div>
  );
}
