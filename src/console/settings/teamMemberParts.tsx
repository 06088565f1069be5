import { useState, type ReactNode } from 'react';
import type { ConfigGroup } from '../../protocol/configuration.js';

/*
 * What the agents' and the bots' settings share: both are team members that take chats from groups,
 * listed in a table, added by a form, edited in a dialog and removed after a confirmation
 * (those three: MemberEditors.tsx).
 */

/** Which member is being edited or removed, and a key that empties the "add" form after each addition. */
export interface MemberEditing<T> {
  editing: T | undefined;
  setEditing: (member: T | undefined) => void;
  removing: T | undefined;
  setRemoving: (member: T | undefined) => void;
  addFormKey: number;
  markAdded: () => void;
}

export function useMemberEditing<T>(): MemberEditing<T> {
  const [editing, setEditing] = useState<T>();
  const [removing, setRemoving] = useState<T>();
  const [added, setAdded] = useState(0);
  return { editing, setEditing, removing, setRemoving, addFormKey: added, markAdded: () => setAdded((n) => n + 1) };
}

/** A member's groups by name (`#id` for a group not loaded). */
export function groupNamesOf(groups: ConfigGroup[] | undefined, member: { groups?: { id: number }[] }): string {
  return (member.groups ?? []).map((g) => groups?.find((group) => group.id === g.id)?.name ?? `#${g.id}`).join(', ');
}

/** The groups a member takes chats from, as checkboxes; `locked` ones cannot be changed. */
export function GroupChecklist({ groups, selected, onChange, testIdPrefix, locked }: {
  groups: ConfigGroup[]; selected: number[]; onChange: (ids: number[]) => void; testIdPrefix: string; locked?: (id: number) => boolean;
}) {
  return (
    <fieldset className="cs-settings__groups">
      <legend>Groups</legend>
      {groups.map((g) => (
        <label key={g.id}>
          <input
            type="checkbox" checked={selected.includes(g.id)} disabled={locked?.(g.id)}
            onChange={(e) => onChange(e.target.checked ? [...selected, g.id] : selected.filter((id) => id !== g.id))}
            data-testid={`${testIdPrefix}-group-${g.id}`}
          /> {g.name}
        </label>
      ))}
    </fieldset>
  );
}

/** A member form's buttons: Cancel (in the edit dialog) and the submit button. */
export function MemberFormButtons({ busy, submitLabel, onCancel, testId }: { busy: boolean; submitLabel: string; onCancel?: () => void; testId: string }) {
  return (
    <div className="cs-settings__actions">
      {onCancel && <button type="button" className="cs-button" onClick={onCancel}>Cancel</button>}
      <button type="submit" className="cs-button cs-button--primary" disabled={busy} data-testid={testId}>{submitLabel}</button>
    </div>
  );
}

/** A just-made member's credentials, shown once in a labelled region until Done. */
export function OneTimeSecret({ label, testId, onDone, children }: { label: string; testId: string; onDone: () => void; children: ReactNode }) {
  return (
    <div className="cs-settings__token" role="region" aria-label={label} data-testid={testId}>
      {children}
      <button type="button" className="cs-button" onClick={onDone}>Done</button>
    </div>
  );
}
