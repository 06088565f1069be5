import { useEffect, useState, type FormEvent } from 'react';
import {
  draftFromStored, draftProblems, FIELD_KINDS, formFromDraft, idForLabel, KIND_LABELS, moveField, newField, TOPIC_FIELD_ID,
  type DraftField, type FieldKind, type PrechatDraft,
} from '../state/prechatDraft.js';
import { useSettings } from '../views/ConsoleContext.js';
import { PrechatFieldEditor } from './PrechatFieldEditor.js';
import { PrechatPreview } from './PrechatPreview.js';
import { StatusLine } from './StatusLine.js';
import { useLoad, useSave } from './useLoad.js';

/**
 * The pre-chat form a visitor fills before the first chat (`forms.prechat`, served by `get_form`):
 * on or off, its fields in order. The server checks the form again and its refusal is shown here.
 */
export function PrechatSection() {
  const settings = useSettings();
  const { data, error } = useLoad(() => settings.loadPrechatForm());
  const [draft, setDraft] = useState<PrechatDraft>();
  const [adding, setAdding] = useState<FieldKind>('question');
  const [checked, setChecked] = useState(false);
  const save = useSave();
  useEffect(() => setDraft(data === undefined ? undefined : draftFromStored(data)), [data]);
  if (error) return <p role="alert" className="cs-error">{error}</p>;
  if (!draft) return <p role="status" className="cs-muted">Loading…</p>;

  const problems = checked ? draftProblems(draft) : {};
  const topicTaken = draft.fields.some((f) => f.kind === 'topic' || f.id === TOPIC_FIELD_ID);
  const setFields = (fields: DraftField[]) => setDraft({ ...draft, fields });
  const replace = (next: DraftField) => setFields(draft.fields.map((f) => (f.key === next.key ? next : f)));

  function add() {
    if (!draft) return;
    const kind = adding === 'topic' && topicTaken ? 'question' : adding;
    setFields([...draft.fields, newField(kind, draft.fields)]);
    if (kind === 'topic') setAdding('question');
  }
  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!draft) return;
    setChecked(true);
    if (Object.keys(draftProblems(draft)).length > 0) return;
    if (!draft.enabled) {
      await save.run(() => settings.disablePrechatForm(), 'The pre-chat form is off.');
      return;
    }
    if (await save.run(() => settings.savePrechatForm(JSON.stringify(formFromDraft(draft))), 'Saved. New visitors get this form.')) {
      setDraft({ ...draft, fields: draft.fields.map((f) => ({ ...f, fresh: false })) });
    }
  }
  const refused = save.status && !save.status.ok ? save.status.text : undefined;

  return (
    <div className="cs-prechat">
      <form className="cs-settings__form cs-prechat__form" onSubmit={submit} noValidate data-testid="prechat-settings">
        <label className="cs-prechat__check">
          <input type="checkbox" checked={draft.enabled} onChange={(e) => setDraft({ ...draft, enabled: e.target.checked })} data-testid="prechat-enabled" />
          {' '}Ask visitors to fill in a form before the chat starts
        </label>
        {draft.enabled && (
          <>
            {draft.fields.length === 0 && <p className="cs-muted" data-testid="prechat-empty">No fields yet: add one below.</p>}
            {draft.fields.map((field, i) => (
              <PrechatFieldEditor key={field.key} field={field} position={i} count={draft.fields.length} problem={problems[field.key]} topicTaken={topicTaken}
                onChange={replace} onLabel={(label) => replace({ ...field, label, id: idForLabel(field, label, draft.fields) })}
                onMove={(by) => setFields(moveField(draft.fields, field.key, by))} onRemove={() => setFields(draft.fields.filter((f) => f.key !== field.key))} />
            ))}
            <div className="cs-settings__inline cs-prechat__add">
              <label htmlFor="cs-prechat-add">New field</label>
              <select id="cs-prechat-add" value={adding} onChange={(e) => setAdding(e.target.value as FieldKind)} data-testid="prechat-add-kind">
                {FIELD_KINDS.filter((k) => k !== 'topic' || !topicTaken).map((k) => <option key={k} value={k}>{KIND_LABELS[k]}</option>)}
              </select>
              <button type="button" className="cs-button" onClick={add} disabled={draft.fields.length >= 30} data-testid="prechat-add">Add field</button>
            </div>
          </>
        )}
        {refused && <p role="alert" className="cs-error" data-testid="prechat-error">{refused}</p>}
        {!refused && Object.keys(problems).length > 0 && <p role="alert" className="cs-error" data-testid="prechat-error">{problems[''] ?? 'Some fields need attention before saving.'}</p>}
        <div className="cs-settings__actions">
          <button type="submit" className="cs-button cs-button--primary" disabled={save.busy} data-testid="prechat-save">Save</button>
          <StatusLine status={save.status?.ok ? save.status : undefined} />
        </div>
      </form>
      {draft.enabled && <PrechatPreview fields={draft.fields} />}
    </div>
  );
}
