import { useState, type FormEvent } from 'react';
import type { AgentInput, AgentRole, ConfigAgent, ConfigGroup } from '../../protocol/configuration.js';
import { GroupChecklist, MemberFormButtons } from './teamMemberParts.js';

export const ROLE_LABELS: Record<AgentRole, string> = { owner: 'Owner', viceowner: 'Vice owner', administrator: 'Administrator', normal: 'Agent' };
const ASSIGNABLE: Exclude<AgentRole, 'owner'>[] = ['normal', 'administrator', 'viceowner'];

export type AgentFormValues = AgentInput & { id: string; name: string };

/**
 * New or existing agent: id (new only), name, role, chat limit and groups. The owner's role is
 * not editable (there is one owner).
 */
export function AgentForm({ agent, groups, busy, submitLabel, onSubmit, onCancel }: {
  agent?: ConfigAgent; groups: ConfigGroup[]; busy: boolean; submitLabel: string;
  onSubmit: (values: AgentFormValues) => void; onCancel?: () => void;
}) {
  const [id, setId] = useState(agent?.id ?? '');
  const [name, setName] = useState(agent?.name ?? '');
  const [role, setRole] = useState<AgentRole>(agent?.role ?? 'normal');
  const [maxChats, setMaxChats] = useState(agent?.max_chats_count ?? 6);
  const [groupIds, setGroupIds] = useState<number[]>(agent?.groups?.map((g) => g.id) ?? [0]);
  const prefix = agent ? `cs-edit-${agent.id}` : 'cs-new-agent';

  function submit(event: FormEvent) {
    event.preventDefault();
    const values: AgentFormValues = { id: id.trim(), name: name.trim(), max_chats_count: maxChats, groups: groupIds.map((g) => ({ id: g, priority: 'normal' })) };
    if (role !== 'owner') values.role = role;
    onSubmit(values);
  }

  return (
    <form className="cs-settings__form cs-settings__form--grid" onSubmit={submit} data-testid={agent ? 'agent-edit-form' : 'agent-create-form'}>
      {!agent && (
        <>
          <label htmlFor={`${prefix}-id`}>E-mail (sign-in id)</label>
          <input id={`${prefix}-id`} type="email" required value={id} onChange={(e) => setId(e.target.value)} data-testid="agent-id" />
        </>
      )}
      <label htmlFor={`${prefix}-name`}>Name</label>
      <input id={`${prefix}-name`} required maxLength={100} value={name} onChange={(e) => setName(e.target.value)} data-testid="agent-name" />
      <label htmlFor={`${prefix}-role`}>Role</label>
      <select id={`${prefix}-role`} value={role} disabled={role === 'owner'} onChange={(e) => setRole(e.target.value as AgentRole)} data-testid="agent-role">
        {(role === 'owner' ? ['owner' as const] : ASSIGNABLE).map((r) => <option key={r} value={r}>{ROLE_LABELS[r]}</option>)}
      </select>
      <label htmlFor={`${prefix}-max`}>Chats at once</label>
      <input id={`${prefix}-max`} type="number" min={1} max={20} required value={maxChats} onChange={(e) => setMaxChats(Number(e.target.value))} data-testid="agent-max-chats" />
      <GroupChecklist groups={groups} selected={groupIds} onChange={setGroupIds} testIdPrefix="agent" locked={(g) => g === 0} />
      <MemberFormButtons busy={busy} submitLabel={submitLabel} onCancel={onCancel} testId="agent-submit" />
    </form>
  );
}
