import { Suspense, useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { activeChatsCount } from '../state/selectors.js';
import { startChatError, useStrings } from './strings.js';
import { useCommands, useWidget, useWidgetOptions, useWidgetStore } from './WidgetContext.js';
import { LeaveMessageForm, loadLeaveMessageForm, loadPrechatForm, PrechatForm } from './lazyVisitorViews.js';
import { useStartMode } from './useStartMode.js';

/**
 * "New chat": asks for a topic (free text or a suggestion) and starts a chat about it. A refused
 * start is read from the store, so one asked for by the page (`Switchboard.startChat`) says the same.
 */
export function NewChatForm() {
  const commands = useCommands();
  const strings = useStrings();
  const store = useWidgetStore();
  const { topicSuggestions } = useWidgetOptions();
  const connected = useWidget((state) => state.connection.status === 'connected');
  const [open, setOpen] = useState(false);
  const [topic, setTopic] = useState('');
  const [busy, setBusy] = useState(false);
  const failure = useWidget((state) => state.startChatFailure);
  const openChats = useWidget(activeChatsCount);
  const error = failure === undefined ? undefined : startChatError(failure, openChats, strings);
  const clearError = () => store.getState().dispatch({ type: 'startChatFailure', error: undefined });
  const inputId = useId();
  const errorId = useId();
  const toggleRef = useRef<HTMLButtonElement>(null);
  const mode = useStartMode();
  const [left, setLeft] = useState<string | undefined>(undefined);
  const close = () => { setOpen(false); clearError(); };
  // Fetch the form's chunk as soon as it may be needed, not when the visitor clicks.
  useEffect(() => {
    if (mode.kind === 'prechat') void loadPrechatForm();
    if (mode.kind === 'offline') void loadLeaveMessageForm();
  }, [mode.kind]);

  async function start(value: string) {
    setBusy(true);
    const result = await commands.startChat(value);
    setBusy(false);
    if (result.ok) {
      setOpen(false);
      setTopic('');
    } else {
      store.getState().dispatch({ type: 'startChatFailure', error: result.error });
    }
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    if (!busy) void start(topic);
  }

  if (!open) {
    return (
      <div className="sb-new-chat">
        <button type="button" ref={toggleRef} className="sb-button sb-button--primary" onClick={() => { setLeft(undefined); setOpen(true); }} data-testid="new-chat">
          {mode.kind === 'offline' ? strings.leaveMessage : strings.newChat}
        </button>
        {left && <p className="sb-notice" role="status" data-testid="message-left">{strings.messageLeft(left)}</p>}
        {error && <p className="sb-error" role="alert" data-testid="new-chat-error">{error}</p>}
      </div>
    );
  }
  if (mode.kind === 'prechat') return <Suspense fallback={null}><PrechatForm form={mode.form} onDone={() => setOpen(false)} onCancel={close} /></Suspense>;
  if (mode.kind === 'offline') return <Suspense fallback={null}><LeaveMessageForm onDone={(email) => { setOpen(false); setLeft(email); }} onCancel={close} /></Suspense>;
  return (
    <form className="sb-new-chat sb-new-chat--open" onSubmit={submit} aria-label={strings.newChat}>
      <label htmlFor={inputId} className="sb-label">{strings.newChatTopicLabel}</label>
      <input
        id={inputId}
        className="sb-input"
        value={topic}
        placeholder={strings.newChatTopicPlaceholder}
        onChange={(event) => setTopic(event.target.value)}
        autoFocus
        maxLength={120}
        aria-describedby={error ? errorId : undefined}
        data-testid="topic-input"
      />
      {topicSuggestions.length > 0 && (
        <div className="sb-suggestions" role="group" aria-label={strings.newChatSuggestions}>
          {topicSuggestions.map((suggestion) => (
            <button key={suggestion} type="button" className="sb-chip" disabled={busy} onClick={() => void start(suggestion)}>
              {suggestion}
            </button>
          ))}
        </div>
      )}
      {error && <p id={errorId} className="sb-error" role="alert" data-testid="new-chat-error">{error}</p>}
      <div className="sb-new-chat__actions">
        <button type="submit" className="sb-button sb-button--primary" disabled={busy || !connected}>
          {busy ? strings.newChatStarting : strings.newChatStart}
        </button>
        <button type="button" className="sb-button" onClick={() => { setOpen(false); clearError(); }}>
          {strings.newChatCancel}
        </button>
      </div>
    </form>
  );
}
