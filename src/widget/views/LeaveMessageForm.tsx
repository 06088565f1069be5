import { useId, useRef, useState, type FormEvent } from 'react';
import { activeChatsCount } from '../state/selectors.js';
import { startChatError, useStrings } from './strings.js';
import { useCommands, useWidget } from './WidgetContext.js';
import './visitor.css';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/**
 * While nobody is available: the visitor leaves a message and an e-mail address. The chat starts
 * `continuous` (it waits in the queue for the first agent); the e-mail travels as a `filled_form`
 * (type `ask_for_email`), so the server can mail the reply if the visitor has left by then.
 */
export function LeaveMessageForm({ onDone, onCancel }: { onDone: (email: string) => void; onCancel: () => void }) {
  const t = useStrings();
  const commands = useCommands();
  const customer = useWidget((state) => state.customer);
  const connected = useWidget((state) => state.connection.status === 'connected');
  const failure = useWidget((state) => state.startChatFailure);
  const openChats = useWidget(activeChatsCount);
  const [name, setName] = useState(customer?.name ?? '');
  const [email, setEmail] = useState(customer?.email ?? '');
  const [topic, setTopic] = useState('');
  const [message, setMessage] = useState('');
  const [errors, setErrors] = useState<{ email?: string; message?: string }>({});
  const [busy, setBusy] = useState(false);
  const emailRef = useRef<HTMLInputElement>(null);
  const messageRef = useRef<HTMLTextAreaElement>(null);
  const ids = { heading: useId(), name: useId(), email: useId(), topic: useId(), message: useId() };

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (busy) return;
    const found = {
      ...(!EMAIL.test(email.trim()) ? { email: email.trim() ? t.emailInvalid : t.fieldRequired(t.emailLabel) } : {}),
      ...(!message.trim() ? { message: t.fieldRequired(t.messageLabel) } : {}),
    };
    setErrors(found);
    if (found.email) return emailRef.current?.focus();
    if (found.message) return messageRef.current?.focus();
    setBusy(true);
    const fields = [
      ...(name.trim() ? [{ id: 'name', type: 'name' as const, label: t.nameLabel, answer: name.trim() }] : []),
      { id: 'email', type: 'email' as const, label: t.emailLabel, required: true, answer: email.trim() },
    ];
    const result = await commands.startFormChat({ topic, message, continuous: true, form: { id: 'offline_message', type: 'ask_for_email', fields } });
    setBusy(false);
    if (result.ok) onDone(email.trim());
  }

  const invalid = (key: 'email' | 'message') => (errors[key] ? { 'aria-invalid': true as const, 'aria-describedby': `${ids[key]}-error` } : {});
  return (
    <form className="sb-new-chat sb-new-chat--open sb-leave-message" onSubmit={submit} aria-labelledby={ids.heading} noValidate data-testid="leave-message-form">
      <h3 id={ids.heading} className="sb-form-title">{t.leaveMessageHeading}</h3>
      <p className="sb-form-intro">{t.leaveMessageIntro}</p>
      <div className="sb-field">
        <label htmlFor={ids.email} className="sb-label">{t.emailLabel}<span className="sb-required"> ({t.required})</span></label>
        <input ref={emailRef} id={ids.email} className="sb-input" type="email" autoComplete="email" maxLength={256} value={email} onChange={(e) => setEmail(e.target.value)} autoFocus data-testid="leave-email" {...invalid('email')} />
        {errors.email && <p id={`${ids.email}-error`} className="sb-error">{errors.email}</p>}
      </div>
      <div className="sb-field">
        <label htmlFor={ids.name} className="sb-label">{t.nameLabel}</label>
        <input id={ids.name} className="sb-input" autoComplete="name" maxLength={256} value={name} onChange={(e) => setName(e.target.value)} data-testid="leave-name" />
      </div>
      <div className="sb-field">
        <label htmlFor={ids.topic} className="sb-label">{t.topicLabel}</label>
        <input id={ids.topic} className="sb-input" maxLength={120} value={topic} onChange={(e) => setTopic(e.target.value)} data-testid="leave-topic" />
      </div>
      <div className="sb-field">
        <label htmlFor={ids.message} className="sb-label">{t.messageLabel}<span className="sb-required"> ({t.required})</span></label>
        <textarea ref={messageRef} id={ids.message} className="sb-input" rows={3} value={message} onChange={(e) => setMessage(e.target.value)} data-testid="leave-message" {...invalid('message')} />
        {errors.message && <p id={`${ids.message}-error`} className="sb-error">{errors.message}</p>}
      </div>
      {failure && <p className="sb-error" role="alert" data-testid="new-chat-error">{startChatError(failure, openChats, t)}</p>}
      <div className="sb-new-chat__actions">
        <button type="submit" className="sb-button sb-button--primary" disabled={busy || !connected} data-testid="leave-submit">{busy ? t.starting : t.sendMessage}</button>
        <button type="button" className="sb-button" onClick={onCancel}>{t.cancel}</button>
      </div>
    </form>
  );
}
