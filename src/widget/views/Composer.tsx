import { useEffect, useId, useRef, useState, type ClipboardEvent, type KeyboardEvent } from 'react';
import { EmojiButton } from './emoji/EmojiButton.js';
import { useStrings } from './strings.js';
import { useCommands, useDrafts, useWidget } from './WidgetContext.js';

const SNEAK_PEEK_INTERVAL_MS = 1000;

export interface ComposerProps {
  chatId: string;
  /** Starts uploads; undefined when files cannot be sent now. */
  onFiles: ((files: File[]) => void) | undefined;
}

/** Why the chat cannot take messages right now, or undefined when it can. */
function useDisabledReason(): string | undefined {
  const status = useWidget((state) => state.connection.status);
  const reason = useWidget((state) => state.connection.reason);
  const s = useStrings();
  if (status === 'disconnected' || status === 'closed') return reason === 'customer_banned' ? s.disconnectedBanned : s.disconnected;
  return undefined;
}

/**
 * Enter sends, Shift+Enter adds a line. Typing sends a throttled sneak peek. Files come from the
 * attach button or paste (drag and drop is handled by the chat pane). Messages written offline
 * are queued and sent when the connection returns; in a closed chat they reopen it.
 */
export function Composer({ chatId, onFiles }: ComposerProps) {
  const commands = useCommands();
  const strings = useStrings();
  const drafts = useDrafts();
  const active = useWidget((state) => state.chats[chatId]?.active ?? false);
  const status = useWidget((state) => state.connection.status);
  const disabledReason = useDisabledReason();
  const [text, setText] = useState(() => drafts.get(chatId) ?? '');
  const fileRef = useRef<HTMLInputElement>(null);
  const inputRef = useRef<HTMLTextAreaElement>(null);
  const peek = useRef<{ last: number; timer: ReturnType<typeof setTimeout> | undefined }>({ last: 0, timer: undefined });
  const inputId = useId();
  const hintId = useId();

  useEffect(() => {
    const state = peek.current;
    return () => clearTimeout(state.timer);
  }, []);

  function update(value: string) {
    setText(value);
    drafts.set(chatId, value);
    const state = peek.current;
    const now = Date.now();
    clearTimeout(state.timer);
    const sendPeek = () => {
      state.last = Date.now();
      commands.sendSneakPeek(chatId, value);
    };
    if (now - state.last >= SNEAK_PEEK_INTERVAL_MS) sendPeek();
    else state.timer = setTimeout(sendPeek, SNEAK_PEEK_INTERVAL_MS - (now - state.last));
  }

  function send() {
    if (disabledReason || text.trim() === '') return;
    clearTimeout(peek.current.timer);
    commands.sendMessage(chatId, text);
    setText('');
    drafts.delete(chatId);
  }

  function insertEmoji(emoji: string) {
    const input = inputRef.current;
    const at = input?.selectionStart ?? text.length;
    const end = input?.selectionEnd ?? at;
    update(text.slice(0, at) + emoji + text.slice(end));
    requestAnimationFrame(() => {
      input?.focus();
      input?.setSelectionRange(at + emoji.length, at + emoji.length);
    });
  }

  function onKeyDown(event: KeyboardEvent<HTMLTextAreaElement>) {
    if (event.key === 'Enter' && !event.shiftKey && !event.nativeEvent.isComposing) {
      event.preventDefault();
      send();
    }
  }

  function onPaste(event: ClipboardEvent<HTMLTextAreaElement>) {
    const files = Array.from(event.clipboardData?.files ?? []);
    if (files.length > 0 && onFiles) {
      event.preventDefault();
      onFiles(files);
    }
  }

  const hint = disabledReason ?? (status === 'reconnecting' ? strings.offlineHint : !active ? strings.closedHint : undefined);
  return (
    <form
      className="sb-composer"
      onSubmit={(event) => {
        event.preventDefault();
        send();
      }}
    >
      {hint && <p id={hintId} className="sb-composer__hint" data-testid="composer-hint">{hint}</p>}
      <div className="sb-composer__row">
        <label htmlFor={inputId} className="sb-visually-hidden">{strings.composerLabel}</label>
        <textarea
          ref={inputRef}
          id={inputId}
          className="sb-composer__input"
          rows={1}
          value={text}
          placeholder={active ? strings.composerPlaceholder : strings.composerPlaceholderClosed}
          disabled={disabledReason !== undefined}
          aria-describedby={hint ? hintId : undefined}
          onChange={(event) => update(event.target.value)}
          onKeyDown={onKeyDown}
          onPaste={onPaste}
          data-testid="composer-input"
        />
        <input
          ref={fileRef}
          type="file"
          multiple
          hidden
          tabIndex={-1}
          onChange={(event) => {
            const files = Array.from(event.target.files ?? []);
            event.target.value = '';
            if (files.length > 0) onFiles?.(files);
          }}
        />
        <EmojiButton onPick={insertEmoji} disabled={disabledReason !== undefined} />
        <button type="button" className="sb-icon-button" onClick={() => fileRef.current?.click()} disabled={!onFiles || disabledReason !== undefined} aria-label={strings.attach} title={onFiles ? strings.attach : strings.filesOffline}>
          <svg aria-hidden="true" width="20" height="20" viewBox="0 0 24 24"><path fill="currentColor" d="M16.5 6v11.5a4 4 0 0 1-8 0V5a2.5 2.5 0 0 1 5 0v10.5a1 1 0 0 1-2 0V6H10v9.5a2.5 2.5 0 0 0 5 0V5a4 4 0 0 0-8 0v12.5a5.5 5.5 0 0 0 11 0V6h-1.5z" /></svg>
        </button>
        <button type="submit" className="sb-button sb-button--primary" disabled={disabledReason !== undefined || text.trim() === ''}>{strings.send}</button>
      </div>
    </form>
  );
}
