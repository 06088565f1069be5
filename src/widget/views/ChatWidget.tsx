import { useEffect, useRef } from 'react';
import { ChatList } from './ChatList.js';
import { Home } from './Home.js';
import { chatPane } from './lazyVisitorViews.js';
import { LiveAnnouncer } from './LiveAnnouncer.js';
import { useStrings } from './strings.js';
import { brandStyle } from './theme.js';
import { useReplySound } from './useReplySound.js';
import { useSite } from './useSite.js';
import { useCommands, useWidget, useWidgetOptions } from './WidgetContext.js';
import './widget.css';

/**
 * The connection state, and that nobody is available while a chat is open (home says the latter
 * itself, so the banner would repeat it there).
 */
function ConnectionBanner({ inChat }: { inChat: boolean }) {
  const status = useWidget((state) => state.connection.status);
  const groupsOffline = useWidget((state) => state.groupsOffline);
  const reason = useWidget((state) => state.connection.reason);
  const commands = useCommands();
  const strings = useStrings();
  let text: string | undefined;
  if (status === 'idle' || status === 'connecting' || status === 'logging_in') text = strings.connecting;
  if (status === 'reconnecting') text = strings.reconnecting;
  if (status === 'disconnected') text = reason === 'customer_banned' ? strings.disconnectedBanned : strings.disconnected;
  return (
    <div className="sb-banners">
      <p className="sb-banner" role="status" data-testid="connection" data-status={status} hidden={text === undefined}>
        {text}
        {status === 'disconnected' && <button type="button" className="sb-link-button" onClick={() => commands.reconnect()}>{strings.reconnect}</button>}
      </p>
      {groupsOffline && inChat && <p className="sb-banner sb-banner--warn" role="status" data-testid="groups-offline">{strings.groupsOffline}</p>}
    </div>
  );
}

/** The composer of the open chat when it takes text, else the chat's heading. */
function focusChat(heading: HTMLHeadingElement | null) {
  const composer = heading?.closest('section')?.querySelector<HTMLTextAreaElement>('textarea:not(:disabled)');
  (composer ?? heading)?.focus();
}

/**
 * The whole widget: home (site, team, status, "New chat", the visitor's chats) and the open chat
 * side by side from 640 px wide, stacked below (home, or chat with a back control). When a chat
 * opens (started, picked, or restored after a reload) focus goes to its composer (#15), and back
 * to its list entry when the visitor goes back. Language direction, theme and brand colour are
 * set on the root.
 */
export function ChatWidget({ className }: { className?: string }) {
  const selected = useWidget((state) => (state.selectedChatId && state.chats[state.selectedChatId] ? state.selectedChatId : undefined));
  const commands = useCommands();
  const strings = useStrings();
  const { locale, theme } = useWidgetOptions();
  const site = useSite();
  const headingRef = useRef<HTMLHeadingElement>(null);
  const listRef = useRef<HTMLElement>(null);
  const previous = useRef<string | undefined>(undefined);
  const focusPending = useRef(false);
  const ChatPane = chatPane.useView(selected);
  useReplySound();

  useEffect(() => {
    const before = previous.current;
    previous.current = selected;
    if (selected && selected !== before) focusPending.current = true;
    else if (!selected && before) {
      focusPending.current = false;
      const entries = listRef.current?.querySelectorAll<HTMLButtonElement>('[data-chat-id]') ?? [];
      Array.from(entries).find((entry) => entry.dataset.chatId === before)?.focus();
    }
  }, [selected]);
  // NOTE: a newly opened chat takes focus once its pane is there (its chunk may still be loading).
  useEffect(() => {
    if (!focusPending.current || !headingRef.current) return;
    focusPending.current = false;
    focusChat(headingRef.current);
  }, [selected, ChatPane]);

  function open(chatId: string) {
    commands.selectChat(chatId);
    if (chatId === selected) focusChat(headingRef.current);
  }

  const back = () => commands.selectChat(undefined);

  return (
    <div
      className={`sb-root${className ? ` ${className}` : ''}`}
      lang={locale.tag}
      dir={locale.dir}
      data-theme={theme === 'auto' ? undefined : theme}
      style={brandStyle(site.brandColor)}
    >
      <div className="sb-widget" data-view={selected ? 'chat' : 'list'} role="region" aria-label={strings.widgetLabel}>
        <ConnectionBanner inChat={selected !== undefined} />
        <div className="sb-panes">
          <div className="sb-pane sb-pane--list">
            <Home />
            <ChatList ref={listRef} onOpen={open} />
          </div>
          <div className="sb-pane sb-pane--chat">
            {selected && ChatPane && <ChatPane key={selected} ref={headingRef} chatId={selected} onBack={back} />}
            {selected && !ChatPane && <p className="sb-placeholder" role="status">{strings.loadingChat}</p>}
            {!selected && <p className="sb-placeholder">{strings.selectChat}</p>}
          </div>
        </div>
        <LiveAnnouncer />
      </div>
    </div>
  );
}
