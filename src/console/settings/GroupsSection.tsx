import { useState, type FormEvent } from 'react';
import { useSettings } from '../views/ConsoleContext.js';
import { StatusLine } from './StatusLine.js';
import { useLoad, useSave } from './useLoad.js';

/** Groups by name: add, rename, delete ("General", group 0, always exists). */
export function GroupsSection() {
  const settings = useSettings();
  const groups = useLoad(() => settings.listGroups());
  const save = useSave();
  const [name, setName] = useState('');
  const [names, setNames] = useState<Record<number, string>>({});

  async function create(event: FormEvent) {
    event.preventDefault();
    if (await save.run(() => settings.createGroup(name.trim()), `Group ${name.trim()} added.`)) {
      setName('');
      groups.reload();
    }
  }
  async function rename(id: number) {
    const next = names[id]?.trim();
    if (next && (await save.run(() => settings.renameGroup(id, next), 'Renamed.'))) groups.reload();
  }
  async function remove(id: number, label: string) {
    if (await save.run(() => settings.deleteGroup(id), `Group ${label} deleted.`)) groups.reload();
  }

  if (groups.error) return <p role="alert" className="cs-error">{groups.error}</p>;
  return (
    <div className="cs-settings__stack">
      <ul className="cs-settings__list" data-testid="groups-list">
        {groups.data?.map((g) => (
          <li key={g.id} data-testid="group-row">
            {g.id === 0 ? (
              <span><strong>{g.name}</strong> <span className="cs-muted cs-small">every agent; always there</span></span>
            ) : (
              <>
                <label className="cs-visually-hidden" htmlFor={`cs-group-${g.id}`}>Name of group {g.name}</label>
                <input id={`cs-group-${g.id}`} value={names[g.id] ?? g.name} onChange={(e) => setNames({ ...names, [g.id]: e.target.value })} data-testid="group-name" />
                <button type="button" className="cs-button" onClick={() => void rename(g.id)} disabled={!names[g.id]?.trim() || names[g.id] === g.name}>Rename</button>
                <button type="button" className="cs-button cs-button--danger" onClick={() => void remove(g.id, g.name)} aria-label={`Delete ${g.name}`} data-testid="group-delete">Delete</button>
              </>
            )}
          </li>
        ))}
      </ul>
      <form className="cs-settings__inline" onSubmit={create}>
        <label htmlFor="cs-new-group">New group</label>
        <input id="cs-new-group" required maxLength={100} value={name} onChange={(e) => setName(e.target.value)} data-testid="group-new-name" />
        <button type="submit" className="cs-button cs-button--primary" disabled={save.busy || !name.trim()} data-testid="group-add">Add group</button>
      </form>
      <StatusLine status={save.status} />
    </div>
  );
}
