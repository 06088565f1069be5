import { useState, type FormEvent } from 'react';
import type { ConfigGroup } from '../../protocol/configuration.js';
import type { CannedResponseInput } from '../state/settingsCommands.js';

const MAX_TEXT = 2000;

/** "#refund, Money" → ["refund", "money"]: the server checks the rest (letters, digits, "_"). */
export const parseShortcuts = (value: string): string[] => value.split(/[\s,]+/).map((t) => t.replace(/^#/, '').toLowerCase()).filter(Boolean);

/** Add or edit one canned response: shortcuts, text and group. Resolves true when saved. */
export function CannedResponseForm({ idPrefix, initial, groups, submitLabel, busy, onSubmit, onCancel }: {
  idPrefix: string;
  initial?: CannedResponseInput;
  groups: ConfigGroup[];
  submitLabel: string;
  busy: boolean;
  onSubmit: (input: CannedResponseInput) => Promise<boolean>;
  onCancel?: () => void;
}) {
  const [shortcuts, setShortcuts] = useState(initial ? initial.tags.map((t) => `#${t}`).join(' ') : '');
  const [text, setText] = useState(initial?.text ?? '');
  const [groupId, setGroupId] = useState(initial?.group_id ?? 0);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (await onSubmit({ tags: parseShortcuts(shortcuts), text: text.trim(), group_id: groupId }) && !initial) {
      setShortcuts('');
      setText('');
    }
  }

  return (
    <form className="cs-settings__form" onSubmit={submit} data-testid={`${idPrefix}-form`}>
      <label htmlFor={`${idPrefix}-tags`}>Shortcuts</label>
      <input id={`${idPrefix}-tags`} required value={shortcuts} onChange={(e) => setShortcuts(e.target.value)} aria-describedby={`${idPrefix}-tags-hint`} placeholder="#refund" data-testid="canned-tags" />
      <p id={`${idPrefix}-tags-hint`} className="cs-muted cs-small">Words after # in the composer, separated by spaces: lower-case letters, digits and _.</p>
      <label htmlFor={`${idPrefix}-text`}>Reply</label>
      <textarea id={`${idPrefix}-text`} required rows={3} maxLength={MAX_TEXT} value={text} onChange={(e) => setText(e.target.value)} aria-describedby={`${idPrefix}-text-hint`} data-testid="canned-text" />
      <p id={`${idPrefix}-text-hint`} className="cs-muted cs-small">{text.length} / {MAX_TEXT} characters</p>
      {groups.length > 1 && (
        <>
          <label htmlFor={`${idPrefix}-group`}>For group</label>
          <select id={`${idPrefix}-group`} value={groupId} onChange={(e) => setGroupId(Number(e.target.value))} data-testid="canned-group">
            {groups.map((g) => <option key={g.id} value={g.id}>{g.id === 0 ? `${g.name} (every agent)` : g.name}</option>)}
          </select>
        </>
      )}
      <div className="cs-settings__actions">
        <button type="submit" className="cs-button cs-button--primary" disabled={busy || !text.trim() || !parseShortcuts(shortcuts).length} data-testid="canned-submit">{submitLabel}</button>
        {onCancel && <button type="button" className="cs-button" onClick={onCancel} data-testid="canned-cancel">Cancel</button>}
      </div>
    </form>
  );
}
