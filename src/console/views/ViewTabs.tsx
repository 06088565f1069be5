import { useRef, type KeyboardEvent } from 'react';
import { CHAT_VIEWS, type ChatView } from '../state/model.js';
import { myChats, queuedChats } from '../state/selectors.js';
import { canSupervise } from '../state/supervision.js';
import { useConsole } from './ConsoleContext.js';

const LABELS: Record<ChatView, string> = { my: 'My chats', queued: 'Queued', all: 'All chats', archives: 'Archives' };

/** "My chats" / "Queued" / "All chats" (supervisors) / "Archives" as an ARIA tab list (arrow keys move between tabs). */
export function ViewTabs() {
  const view = useConsole((state) => state.view);
  const dispatch = useConsole((state) => state.dispatch);
  const mine = useConsole((state) => myChats(state).length);
  const queued = useConsole((state) => queuedChats(state).length);
  const supervisor = useConsole((state) => canSupervise(state.me));
  const refs = useRef<(HTMLButtonElement | null)[]>([]);
  const counts: Partial<Record<ChatView, number>> = { my: mine, queued };
  const views = CHAT_VIEWS.filter((name) => name !== 'all' || supervisor);

  function onKeyDown(event: KeyboardEvent, index: number) {
    const step = event.key === 'ArrowRight' || event.key === 'ArrowDown' ? 1 : event.key === 'ArrowLeft' || event.key === 'ArrowUp' ? -1 : 0;
    if (!step) return;
    event.preventDefault();
    const next = (index + step + views.length) % views.length;
    dispatch({ type: 'setView', view: views[next] as ChatView });
    refs.current[next]?.focus();
  }

  return (
    <div role="tablist" aria-label="Chat lists" className="cs-tabs">
      {views.map((name, index) => (
        <button
          key={name}
          ref={(element) => {
            refs.current[index] = element;
          }}
          id={`cs-tab-${name}`}
          type="button"
          role="tab"
          aria-selected={view === name}
          aria-controls={`cs-view-${name}`}
          tabIndex={view === name ? 0 : -1}
          className="cs-tab"
          onClick={() => dispatch({ type: 'setView', view: name })}
          onKeyDown={(event) => onKeyDown(event, index)}
          data-testid={`tab-${name}`}
        >
          {LABELS[name]}
          {counts[name] !== undefined && <span className="cs-count" aria-label={`${counts[name]} chats`}>{counts[name]}</span>}
        </button>
      ))}
    </div>
  );
}
