import { useState } from 'react';
import type { ConfigAgent } from '../../protocol/configuration.js';
import { useConsole, useSettings } from '../views/ConsoleContext.js';
import { AgentForm, ROLE_LABELS, type AgentFormValues } from './AgentForm.js';
import { StatusLine } from './StatusLine.js';
import { MemberEditors } from './MemberEditors.js';
import { groupNamesOf, OneTimeSecret, useMemberEditing } from './teamMemberParts.js';
import { useLoad, useSave } from './useLoad.js';

/** The team: who signs in, with which role, chat limit and groups; add, edit, remove. */
export function AgentsSection() {
  const settings = useSettings();
  const me = useConsole((state) => state.me?.id);
  const agents = useLoad(() => settings.listAgents());
  const groups = useLoad(() => settings.listGroups());
  const save = useSave();
  const members = useMemberEditing<ConfigAgent>();
  const { setEditing, setRemoving, markAdded } = members;
  const [created, setCreated] = useState<{ id: string; token: string }>();

  async function create(values: AgentFormValues) {
    let token: string | undefined;
    const ok = await save.run(async () => {
      token = await settings.createAgent(values.id, values);
    }, `${values.name} can sign in now.`);
    if (ok && token) setCreated({ id: values.id, token });
    if (ok) {
      markAdded();
      agents.reload();
    }
  }
  async function update(agent: ConfigAgent, values: AgentFormValues) {
    const { id: _id, ...input } = values;
    if (await save.run(() => settings.updateAgent(agent.id, input), 'Saved.')) {
      setEditing(undefined);
      agents.reload();
    }
  }
  async function remove(agent: ConfigAgent) {
    if (await save.run(() => settings.deleteAgent(agent.id), `${agent.name} was removed.`)) agents.reload();
    setRemoving(undefined);
  }

  if (agents.error) return <p role="alert" className="cs-error">{agents.error}</p>;
  return (
    <div className="cs-settings__stack">
      <table className="cs-table" data-testid="agents-table">
        <caption className="cs-visually-hidden">Agents</caption>
        <thead><tr><th scope="col">Name</th><th scope="col">Role</th><th scope="col">Chats at once</th><th scope="col">Groups</th><th scope="col"><span className="cs-visually-hidden">Actions</span></th></tr></thead>
        <tbody>
          {agents.data?.map((agent) => (
            <tr key={agent.id} data-testid="agent-row" data-agent-id={agent.id}>
              <th scope="row"><span className="cs-table__name">{agent.name}</span><span className="cs-muted cs-small">{agent.id}</span></th>
              <td>{ROLE_LABELS[agent.role]}</td>
              <td>{agent.max_chats_count ?? '–'}</td>
              <td>{groupNamesOf(groups.data, agent)}</td>
              <td>
                <div className="cs-table__actions">
                <button type="button" className="cs-button" onClick={() => setEditing(agent)} aria-label={`Edit ${agent.name}`} data-testid="agent-edit">Edit</button>
                {agent.role !== 'owner' && agent.id !== me && (
                  <button type="button" className="cs-button cs-button--danger" onClick={() => setRemoving(agent)} aria-label={`Remove ${agent.name}`} data-testid="agent-remove">Remove</button>
                )}
                </div>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <StatusLine status={save.status} />
      {created && (
        <OneTimeSecret label="New agent's sign-in" testId="agent-token" onDone={() => setCreated(undefined)}>
          <p><strong>Sign-in for {created.id}</strong>. Give it to them now: it is shown only this once.</p>
          <code data-testid="agent-token-value">{created.token}</code>
        </OneTimeSecret>
      )}
      <MemberEditors
        editing={members} testIdPrefix="agent" addHeading="Add an agent" addLabel="Add agent"
        renderForm={({ member, ...form }) => <AgentForm agent={member} groups={groups.data ?? []} busy={save.busy} {...form} />}
        onCreate={create} onUpdate={update} onRemove={remove}
        removeWarning={(agent) => `${agent.name} can no longer sign in. Their past chats stay in the archives.`}
      />
    </div>
  );
}
