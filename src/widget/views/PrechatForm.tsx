import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import type { FilledFormField, FormField } from '../../protocol/forms.js';
import { activeChatsCount } from '../state/selectors.js';
import { startChatError, useStrings, type Strings } from './strings.js';
import { useCommands, useWidget } from './WidgetContext.js';
import './visitor.css';

type Answers = Record<string, string | string[]>;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
/** NOTE: the server's convention (README): a choice field with id `topic` names the chat's topic. */
const TOPIC_FIELD = 'topic';

function problemOf(field: FormField, value: string | string[] | undefined, t: Strings): string | undefined {
  const empty = value === undefined || (Array.isArray(value) ? value.length === 0 : value.trim() === '');
  if (field.required && empty) return t.fieldRequired(field.label);
  if (field.type === 'email' && !empty && !EMAIL.test(String(value).trim())) return t.emailInvalid;
  return undefined;
}

function filled(fields: FormField[], answers: Answers): FilledFormField[] {
  const out: FilledFormField[] = [];
  for (const field of fields) {
    const value = answers[field.id];
    if (field.type === 'header') { out.push(field); continue; }
    if (field.options) {
      const picked = field.options.filter((o) => (Array.isArray(value) ? value.includes(o.id) : value === o.id)).map(({ id, label }) => ({ id, label }));
      if (field.type === 'checkbox') out.push({ ...field, answers: picked });
      else if (picked[0]) out.push({ ...field, answer: picked[0] });
      else out.push(field);
    } else {
      out.push(typeof value === 'string' && value.trim() ? { ...field, answer: value.trim() } : field);
    }
  }
  return out;
}

function topicFrom(fields: FormField[], answers: Answers): string {
  const topic = fields.find((f) => f.id === TOPIC_FIELD && f.options);
  const picked = topic?.options?.find((o) => o.id === answers[TOPIC_FIELD]);
  if (picked) return picked.label;
  const subject = fields.find((f) => f.type === 'subject');
  return subject ? String(answers[subject.id] ?? '') : '';
}

function FieldInput({ field, value, error, onChange }: { field: FormField; value: string | string[] | undefined; error: string | undefined; onChange: (value: string | string[]) => void }) {
  const t = useStrings();
  const id = useId();
  const errorId = `${id}-error`;
  const described = error ? { 'aria-describedby': errorId, 'aria-invalid': true as const } : {};
  const label = <>{field.label}{field.required && <span className="sb-required"> ({t.required})</span>}</>;
  const message = error && <p id={errorId} className="sb-error">{error}</p>;
  if (field.type === 'header') return <p className="sb-form-header">{field.label}</p>;
  if (field.type === 'radio' || field.type === 'checkbox') {
    const values = Array.isArray(value) ? value : value ? [value] : [];
    return (
      <fieldset className="sb-fieldset" {...described} data-testid={`prechat-${field.id}`}>
        <legend className="sb-label">{label}</legend>
        {field.options?.map((o) => (
          <label key={o.id} className="sb-option">
            <input
              type={field.type}
              name={id}
              value={o.id}
              checked={values.includes(o.id)}
              onChange={(event) => onChange(field.type === 'radio' ? o.id : event.target.checked ? [...values, o.id] : values.filter((v) => v !== o.id))}
            />
            {o.label}
          </label>
        ))}
        {message}
      </fieldset>
    );
  }
  const common = { id, className: 'sb-input', value: typeof value === 'string' ? value : '', required: field.required, 'data-testid': `prechat-${field.id}`, ...described };
  return (
    <div className="sb-field">
      <label htmlFor={id} className="sb-label">{label}</label>
      {field.type === 'select' || field.type === 'group_chooser' ? (
        <select {...common} onChange={(event) => onChange(event.target.value)}>
          <option value="">{t.choose}</option>
          {field.options?.map((o) => <option key={o.id} value={o.id}>{o.label}</option>)}
        </select>
      ) : field.type === 'question' || field.type === 'textarea' ? (
        <textarea {...common} rows={3} onChange={(event) => onChange(event.target.value)} />
      ) : (
        <input
          {...common}
          type={field.type === 'email' ? 'email' : 'text'}
          autoComplete={field.type === 'email' ? 'email' : field.type === 'name' ? 'name' : 'off'}
          maxLength={field.type === 'name' || field.type === 'email' ? 256 : 1000}
          onChange={(event) => onChange(event.target.value)}
        />
      )}
      {message}
    </div>
  );
}

/**
 * The owner's pre-chat form (`get_form`): the visitor fills it before the first chat; it is sent as
 * the `filled_form` event of `start_chat`, whose name and e-mail the server puts on the profile.
 */
export function PrechatForm({ form, onDone, onCancel }: { form: { id: string; fields: FormField[] }; onDone: () => void; onCancel: () => void }) {
  const t = useStrings();
  const commands = useCommands();
  const connected = useWidget((state) => state.connection.status === 'connected');
  const failure = useWidget((state) => state.startChatFailure);
  const openChats = useWidget(activeChatsCount);
  const [answers, setAnswers] = useState<Answers>({});
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);
  const headingId = useId();

  // The "New chat" button that opened the form is gone: the visitor continues in its first field.
  useEffect(() => {
    formRef.current?.querySelector<HTMLElement>('input, select, textarea')?.focus();
  }, []);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (busy) return;
    const found: Record<string, string> = {};
    for (const field of form.fields) {
      const problem = problemOf(field, answers[field.id], t);
      if (problem) found[field.id] = problem;
    }
    setErrors(found);
    const first = form.fields.find((f) => found[f.id]);
    if (first) {
      formRef.current?.querySelector<HTMLElement>(`[data-testid="prechat-${first.id}"]`)?.focus();
      return;
    }
    setBusy(true);
    const result = await commands.startFormChat({ topic: topicFrom(form.fields, answers), form: { id: form.id, type: 'prechat', fields: filled(form.fields, answers) } });
    setBusy(false);
    if (result.ok) onDone();
  }

  return (
    <form ref={formRef} className="sb-new-chat sb-new-chat--open sb-prechat" onSubmit={submit} aria-labelledby={headingId} noValidate data-testid="prechat-form">
      <h3 id={headingId} className="sb-form-title">{t.prechatHeading}</h3>
      <p className="sb-form-intro">{t.prechatIntro}</p>
      {form.fields.map((field) => (
        <FieldInput key={field.id} field={field} value={answers[field.id]} error={errors[field.id]} onChange={(value) => setAnswers((a) => ({ ...a, [field.id]: value }))} />
      ))}
      {failure && <p className="sb-error" role="alert" data-testid="new-chat-error">{startChatError(failure, openChats, t)}</p>}
      <div className="sb-new-chat__actions">
        <button type="submit" className="sb-button sb-button--primary" disabled={busy || !connected} data-testid="prechat-submit">{busy ? t.starting : t.prechatSubmit}</button>
        <button type="button" className="sb-button" onClick={onCancel}>{t.cancel}</button>
      </div>
    </form>
  );
}
