import { useId, useState, type FormEvent } from 'react';
import { useStrings } from './strings.js';
import { useCommands, useWidget, useWidgetOptions, useWidgetStore } from './WidgetContext.js';

/**
 * The open "New chat" form: a topic (free text or a suggestion), then the chat starts about it.
 * A refused start is written to the store (`startChatFailure`) so the closed form says it too.
 */
export function TopicForm({ error, onDone, onCancel }: { error: string | undefined; onDone: () => void; onCancel: () => void }) {
  const commands = useCommands();
  const strings = useStrings();
  const store = useWidgetStore();
  const { topicSuggestions } = useWidgetOptions();
  const connected = useWidget((state) => state.connection.status === 'connected');
  const [topic, setTopic] = useState('');
  const [busy, setBusy] = useState(false);
  const inputId = useId();
  const errorId = useId();

  async function start(value: string) {
    setBusy(true);
    const result = await commands.startChat(value);
    setBusy(false);
    if (result.ok) onDone();
    else store.getState().dispatch({ type: 'startChatFailure', error: result.error });
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    if (!busy) void start(topic);
  }

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
        <button type="button" className="sb-button" onClick={onCancel}>
          {strings.newChatCancel}
        </button>
      </div>
    </form>
  );
}
