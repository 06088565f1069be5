import { FIELD_KINDS, hasChoices, KIND_LABELS, type DraftField, type FieldKind } from '../state/prechatDraft.js';

/**
 * One field of the pre-chat form: kind, label, required, choices (one per line), and buttons to
 * move it up or down or remove it. `problem` is the editor's own check, shown under the field.
 */
export function PrechatFieldEditor({ field, position, count, problem, topicTaken, onChange, onLabel, onMove, onRemove }: {
  field: DraftField; position: number; count: number; problem: string | undefined; topicTaken: boolean;
  onChange: (next: DraftField) => void; onLabel: (label: string) => void; onMove: (by: -1 | 1) => void; onRemove: () => void;
}) {
  const prefix = `cs-prechat-${field.key}`;
  const name = field.label.trim() || KIND_LABELS[field.kind];
  const invalid = problem ? { 'aria-invalid': true as const, 'aria-describedby': `${prefix}-problem` } : {};
  // Only one field may be the topic: the widget reads the choice of the field with id "topic".
  const kinds = FIELD_KINDS.filter((k) => k !== 'topic' || field.kind === 'topic' || !topicTaken);
  const buttons = (
    <span className="cs-prechat__buttons">
      <button type="button" className="cs-button" disabled={position === 0} onClick={() => onMove(-1)} aria-label={`Move ${name} up`}>Up</button>
      <button type="button" className="cs-button" disabled={position === count - 1} onClick={() => onMove(1)} aria-label={`Move ${name} down`}>Down</button>
      <button type="button" className="cs-button cs-button--danger" onClick={onRemove} aria-label={`Remove ${name}`} data-testid="prechat-field-remove">Remove</button>
    </span>
  );
  if (field.kept) {
    return (
      <fieldset className="cs-prechat__field" data-testid="prechat-field" data-field-id={field.id}>
        <legend>Field {position + 1}: {name}</legend>
        <div className="cs-prechat__tools">
          <p className="cs-muted cs-small">A <code>{field.kept.type}</code> field, kept as stored: change it through the Configuration API.</p>
          {buttons}
        </div>
      </fieldset>
    );
  }
  return (
    <fieldset className="cs-prechat__field" data-testid="prechat-field" data-field-id={field.id}>
      <legend>Field {position + 1}: {name}</legend>
      <div className="cs-prechat__row">
        <div className="cs-settings__field">
          <label htmlFor={`${prefix}-kind`}>Kind</label>
          <select id={`${prefix}-kind`} value={field.kind} onChange={(e) => onChange(withKind(field, e.target.value as FieldKind))} data-testid="prechat-field-kind">
            {kinds.map((k) => <option key={k} value={k}>{KIND_LABELS[k]}</option>)}
          </select>
        </div>
        <div className="cs-settings__field cs-prechat__label">
          <label htmlFor={`${prefix}-label`}>{field.kind === 'header' ? 'Text' : 'Label'}</label>
          <input id={`${prefix}-label`} value={field.label} maxLength={256} onChange={(e) => onLabel(e.target.value)} data-testid="prechat-field-label" {...(hasChoices(field.kind) ? {} : invalid)} />
        </div>
      </div>
      {hasChoices(field.kind) && (
        <div className="cs-settings__field">
          <label htmlFor={`${prefix}-choices`}>Choices, one per line</label>
          <textarea id={`${prefix}-choices`} rows={3} value={field.choices.join('\n')} onChange={(e) => onChange({ ...field, choices: e.target.value.split('\n') })} data-testid="prechat-field-choices" {...invalid} />
        </div>
      )}
      {problem && <p id={`${prefix}-problem`} className="cs-error cs-small" data-testid="prechat-field-problem">{problem}</p>}
      <div className="cs-prechat__tools">
        {field.kind !== 'header' && (
          <label className="cs-prechat__check">
            <input type="checkbox" checked={field.required} onChange={(e) => onChange({ ...field, required: e.target.checked })} data-testid="prechat-field-required" /> Required
          </label>
        )}
        {buttons}
      </div>
    </fieldset>
  );
}

function withKind(field: DraftField, kind: FieldKind): DraftField {
  const next: DraftField = { ...field, kind, required: kind === 'header' ? false : field.required };
  if (kind === 'topic') next.id = 'topic';
  else if (field.kind === 'topic') next.id = `${kind}_${field.key}`;
  return next;
}
