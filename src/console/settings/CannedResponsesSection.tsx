import { useEffect, useState, useSyncExternalStore } from 'react';
import type { CannedResponse } from '../../protocol/configuration.js';
import { canSupervise } from '../state/supervision.js';
import type { CannedResponseInput } from '../state/settingsCommands.js';
import { useCannedCatalog, useConsole, useSettings } from '../views/ConsoleContext.js';
import { CannedResponseForm } from './CannedResponseForm.js';
import { StatusLine } from './StatusLine.js';
import { useLoad, useSave } from './useLoad.js';

const NONE: readonly CannedResponse[] = [];
const noSubscription = () => () => undefined;

/**
 * Saved replies typed as `#shortcut` in the composer. Owners and administrators add, edit and
 * delete them; every agent reads those of General and their groups.
 */
export function CannedResponsesSection() {
  const settings = useSettings();
  const catalog = useCannedCatalog();
  const manager = useConsole((state) => canSupervise(state.me));
  const list = useSyncExternalStore(catalog ? catalog.subscribe : noSubscription, () => catalog?.get());
  const loadError = useSyncExternalStore(catalog ? catalog.subscribe : noSubscription, () => catalog?.error());
  const groups = useLoad(() => settings.listGroups());
  const save = useSave();
  const [editing, setEditing] = useState<number>();

  useEffect(() => {
    void catalog?.refresh();
  }, [catalog]);

  const groupName = (id: number) => groups.data?.find((g) => g.id === id)?.name ?? `Group ${id}`;
  const change = async (work: () => Promise<unknown>, done: string) => {
    const ok = await save.run(work, done);
    if (ok) await catalog?.refresh();
    return ok;
  };
  const create = (input: CannedResponseInput) => change(() => settings.createCannedResponse(input), `#${input.tags[0]} added.`);
  const update = async (id: number, input: CannedResponseInput) => {
    const ok = await change(() => settings.updateCannedResponse(id, input), 'Saved.');
    if (ok) setEditing(undefined);
    return ok;
  };

  if (!catalog) return <p role="alert" className="cs-error">Canned responses are not available here.</p>;
  if (loadError && !list) return <p role="alert" className="cs-error">{loadError}</p>;
  return (
    <div className="cs-settings__stack">
      <p className="cs-muted">
        Type <kbd>#</kbd> and a shortcut in a chat&apos;s message box to insert a reply.
        {!manager && ' Only owners and administrators change them.'}
      </p>
      {list === undefined ? <p className="cs-muted">Loading…</p> : list.length === 0 ? <p data-testid="canned-empty">No canned responses yet.</p> : (
        <ul className="cs-canned-list" data-testid="canned-list">
          {(list ?? NONE).map((r) => (
            <li key={r.id} className="cs-canned-list__row" data-testid="canned-row">
              {editing === r.id ? (
                <CannedResponseForm idPrefix={`cs-canned-edit-${r.id}`} initial={r} groups={groups.data ?? []} submitLabel="Save" busy={save.busy}
                  onSubmit={(input) => update(r.id, input)} onCancel={() => setEditing(undefined)} />
              ) : (
                <>
                  <div className="cs-canned-list__head">
                    <span className="cs-canned__tags">{r.tags.map((t) => `#${t}`).join(' ')}</span>
                    {r.group_id !== 0 && <span className="cs-tag">{groupName(r.group_id)}</span>}
                    <span className="cs-muted cs-small">by {r.created_by}</span>
                    {manager && (
                      <span className="cs-canned-list__actions">
                        <button type="button" className="cs-button" onClick={() => setEditing(r.id)} aria-label={`Edit #${r.tags[0]}`} data-testid="canned-edit">Edit</button>
                        <button type="button" className="cs-button cs-button--danger" onClick={() => void change(() => settings.deleteCannedResponse(r.id), `#${r.tags[0]} deleted.`)}
                          aria-label={`Delete #${r.tags[0]}`} disabled={save.busy} data-testid="canned-delete">Delete</button>
                      </span>
                    )}
                  </div>
                  <p className="cs-canned-list__text">{r.text}</p>
                </>
              )}
            </li>
          ))}
        </ul>
      )}
      {manager && (
        <section aria-labelledby="cs-canned-new">
          <h3 id="cs-canned-new">New canned response</h3>
          <CannedResponseForm idPrefix="cs-canned-new" groups={groups.data ?? []} submitLabel="Add canned response" busy={save.busy} onSubmit={create} />
        </section>
      )}
      <StatusLine status={save.status} />
    </div>
  );
}
