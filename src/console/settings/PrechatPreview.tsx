import { hasChoices, type DraftField } from '../state/prechatDraft.js';

/** A sketch of the form as a visitor meets it in the widget: labels, boxes and choices, nothing to fill. */
export function PrechatPreview({ fields }: { fields: DraftField[] }) {
  return (
    <section className="cs-prechat__preview" aria-labelledby="cs-prechat-preview-title" data-testid="prechat-preview">
      <h3 id="cs-prechat-preview-title">What the visitor sees</h3>
      <div className="cs-prechat__sheet">
        {fields.length === 0 && <p className="cs-muted cs-small">No fields yet.</p>}
        {fields.map((f) => f.kind === 'header' ? (
          <p key={f.key} className="cs-prechat__heading">{f.label}</p>
        ) : (
          <div key={f.key} className="cs-prechat__sample">
            <span className="cs-prechat__sample-label">{f.label || '…'}{f.required && <span className="cs-muted"> (required)</span>}</span>
            {hasChoices(f.kind) && f.kind !== 'select' && f.kind !== 'topic' ? (
              <ul className="cs-prechat__choices">
                {f.choices.filter((c) => c.trim()).map((c) => <li key={c}><span aria-hidden="true" className={f.kind === 'radio' ? 'cs-prechat__dot' : 'cs-prechat__box'} />{c}</li>)}
              </ul>
            ) : (
              <span className={`cs-prechat__input${f.kind === 'textarea' || f.kind === 'question' ? ' cs-prechat__input--tall' : ''}`}>{hasChoices(f.kind) ? 'Choose…' : ''}</span>
            )}
          </div>
        ))}
        <span className="cs-prechat__start">Start the chat</span>
      </div>
    </section>
  );
}
