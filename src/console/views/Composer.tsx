import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { CannedListbox, cannedOptionId } from './CannedListbox.js';
import { useCannedCatalog, useCommands } from './ConsoleContext.js';
import { useCannedSuggestions } from './useCannedSuggestions.js';

const TYPING_IDLE_MS = 3000;

/**
 * Message box with file upload; Enter sends, Shift+Enter starts a new line. Typing `#` and a
 * shortcut (or the "#" button) offers canned responses: a combobox whose list the arrows walk.
 */
export function Composer({ chatId, disabled, disabledHint }: { chatId: string; disabled: boolean; disabledHint?: string }) {
  const commands = useCommands();
  const catalog = useCannedCatalog();
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const fileRef = useRef<HTMLInputElement>(null);
  const inputRef = useRef<HTMLTextAreaElement>(null);
  const idle = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const listId = `cs-canned-${chatId}`;
  const canned = useCannedSuggestions(catalog, text, (next, caret) => {
    onChange(next);
    requestAnimationFrame(() => inputRef.current?.setSelectionRange(caret, caret));
  });

  useEffect(() => () => {
    clearTimeout(idle.current);
    commands.setTyping(chatId, false);
  }, [chatId, commands]);

  function onChange(value: string) {
    setText(value);
    commands.setTyping(chatId, value.length > 0);
    clearTimeout(idle.current);
    idle.current = setTimeout(() => commands.setTyping(chatId, false), TYPING_IDLE_MS);
  }

  async function send() {
    if (!text.trim() || busy) return;
    setBusy(true);
    const sent = await commands.sendMessage(chatId, text);
    setBusy(false);
    if (sent) {
      setText('');
      commands.setTyping(chatId, false);
    }
  }

  function onKeyDown(event: KeyboardEvent<HTMLTextAreaElement>) {
    if (canned.onKeyDown(event)) return;
    if (event.key === 'Enter' && !event.shiftKey && !event.nativeEvent.isComposing) {
      event.preventDefault();
      void send();
    }
  }

  /** The "#" button: starts a shortcut at the caret, so the list opens with every response. */
  function startShortcut() {
    const input = inputRef.current;
    if (!input) return;
    const caret = input.selectionStart ?? text.length;
    const before = text.slice(0, caret);
    const hash = before === '' || /\s$/.test(before) ? '#' : ' #';
    const next = before + hash + text.slice(caret);
    onChange(next);
    canned.track(next, caret + hash.length);
    input.focus();
    requestAnimationFrame(() => input.setSelectionRange(caret + hash.length, caret + hash.length));
  }

  async function onFile(files: FileList | null) {
    const file = files?.[0];
    if (!file) return;
    setBusy(true);
    await commands.sendFile(chatId, file);
    setBusy(false);
    if (fileRef.current) fileRef.current.value = '';
  }

  return (
    <form className="cs-composer" onSubmit={(event) => { event.preventDefault(); void send(); }}>
      <div className="cs-composer__field">
        <label htmlFor={`cs-composer-${chatId}`} className="cs-visually-hidden">Message</label>
        {canned.open && <CannedListbox id={listId} matches={canned.matches} active={canned.active} onChoose={canned.choose} />}
        <textarea
          ref={inputRef}
          id={`cs-composer-${chatId}`}
          className="cs-composer__input"
          rows={2}
          value={text}
          placeholder={disabled ? disabledHint ?? 'Join the chat to reply' : 'Type a message — Enter to send, Shift+Enter for a new line, # for canned responses'}
          disabled={disabled}
          role="combobox"
          aria-autocomplete="list"
          aria-expanded={canned.open}
          aria-controls={canned.open ? listId : undefined}
          aria-activedescendant={canned.open ? cannedOptionId(listId, canned.active) : undefined}
          onChange={(event) => {
            onChange(event.target.value);
            canned.track(event.target.value, event.target.selectionStart);
          }}
          onSelect={(event) => canned.track(event.currentTarget.value, event.currentTarget.selectionStart)}
          onBlur={canned.close}
          onKeyDown={onKeyDown}
          data-testid="composer-input"
        />
      </div>
      <div className="cs-composer__actions">
        {catalog && (
          <button type="button" className="cs-button" onClick={startShortcut} disabled={disabled} aria-label="Insert a canned response" title="Canned responses (#)" data-testid="composer-canned">#</button>
        )}
        <label className={`cs-button cs-file${disabled ? ' cs-button--disabled' : ''}`}>
          Attach file
          <input ref={fileRef} type="file" className="cs-visually-hidden" disabled={disabled || busy} onChange={(event) => void onFile(event.target.files)} data-testid="composer-file" />
        </label>
        <button type="submit" className="cs-button cs-button--primary" disabled={disabled || busy || !text.trim()} data-testid="composer-send">Send</button>
      </div>
    </form>
  );
}
