import { Suspense, useEffect, useState } from 'react';
import { activeChatsCount } from '../state/selectors.js';
import { startChatError, useStrings } from './strings.js';
import { useWidget, useWidgetStore } from './WidgetContext.js';
import { LeaveMessageForm, loadLeaveMessageForm, loadPrechatForm, PrechatForm, topicForm } from './lazyVisitorViews.js';
import { useStartMode } from './useStartMode.js';

/**
 * "New chat": a button that opens the form this start needs — the topic form, the owner's
 * pre-chat form before a first chat, or "leave a message" while nobody is available — each
 * loaded on demand. A refused start is read from the store, so one asked for by the page
 * (`Switchboard.startChat`) says the same. Whether a form is open is the list's state (its heading
 * steps aside for the form).
 */
export function NewChatForm({ open, onOpenChange: setOpen }: { open: boolean; onOpenChange: (open: boolean) => void }) {
  const strings = useStrings();
  const store = useWidgetStore();
  const failure = useWidget((state) => state.startChatFailure);
  const openChats = useWidget(activeChatsCount);
  const error = failure === undefined ? undefined : startChatError(failure, openChats, strings);
  const clearError = () => store.getState().dispatch({ type: 'startChatFailure', error: undefined });
  const mode = useStartMode();
  const [left, setLeft] = useState<string | undefined>(undefined);
  const close = () => { setOpen(false); clearError(); };
  // Fetch the form's chunk as soon as it may be needed, not when the visitor clicks.
  useEffect(() => {
    if (mode.kind === 'prechat') void loadPrechatForm();
    if (mode.kind === 'offline') void loadLeaveMessageForm();
  }, [mode.kind]);
  // NOTE: the topic form is fetched when the visitor heads for the button (pointer or keyboard).
  const prefetch = mode.kind === 'topic' ? () => void topicForm.load().catch(() => undefined) : undefined;
  const TopicForm = topicForm.useView(open && mode.kind === 'topic' ? 'open' : undefined);

  if (!open) {
    return (
      <div className="sb-new-chat">
        <button
          type="button"
          className="sb-button sb-button--primary"
          onClick={() => { setLeft(undefined); setOpen(true); }}
          onPointerEnter={prefetch}
          onFocus={prefetch}
          data-testid="new-chat"
        >
          {mode.kind === 'offline' ? strings.leaveMessage : strings.newChat}
        </button>
        {left && <p className="sb-notice" role="status" data-testid="message-left">{strings.messageLeft(left)}</p>}
        {error && <p className="sb-error" role="alert" data-testid="new-chat-error">{error}</p>}
      </div>
    );
  }
  if (mode.kind === 'prechat') return <Suspense fallback={null}><PrechatForm form={mode.form} onDone={() => setOpen(false)} onCancel={close} /></Suspense>;
  if (mode.kind === 'offline') return <Suspense fallback={null}><LeaveMessageForm onDone={(email) => { setOpen(false); setLeft(email); }} onCancel={close} /></Suspense>;
  return TopicForm ? <TopicForm error={error} onDone={() => setOpen(false)} onCancel={close} /> : null;
}
