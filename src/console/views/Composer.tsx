import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { useCommands } from './ConsoleContext.js';

const TYPING_IDLE_MS = 3000;

/** Message box with file upload; Enter sends, Shift+Enter starts a new line. */
export function Composer({ chatId, disabled, disabledHint }: { chatId: string; disabled: boolean; disabledHint?: string }) {
  const commands = useCommands();
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const fileRef = useRef<HTMLInputElement>(null);
  const idle = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);

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
    if (event.key === 'Enter' && !event.shiftKey && !event.nativeEvent.isComposing) {
      event.preventDefault();
      void send();
    }
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
      <label htmlFor={`cs-composer-${chatId}`} className="cs-visually-hidden">Message</label>
      <textarea
        id={`cs-composer-${chatId}`}
        className="cs-composer__input"
        rows={2}
        value={text}
        placeholder={disabled ? disabledHint ?? 'Join the chat to reply' : 'Type a message — Enter to send, Shift+Enter for a new line'}
        disabled={disabled}
        onChange={(event) => onChange(event.target.value)}
        onKeyDown={onKeyDown}
        data-testid="composer-input"
      />
      <div className="cs-composer__actions">
        <label className={`cs-button cs-file${disabled ? ' cs-button--disabled' : ''}`}>
          Attach file
          <input ref={fileRef} type="file" className="cs-visually-hidden" disabled={disabled || busy} onChange={(event) => void onFile(event.target.files)} data-testid="composer-file" />
        </label>
        <button type="submit" className="cs-button cs-button--primary" disabled={disabled || busy || !text.trim()} data-testid="composer-send">Send</button>
      </div>
    </form>
  );
}
