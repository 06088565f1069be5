import type { Properties, PropertyNames, RoutingStatus } from '../../../protocol/entities.js';
import type { GroupRecord } from './configModel.js';
import type { AgentAccessChanged, Origin } from '../domainEvents.js';
import { DomainError } from '../errors.js';
import type { AgentRecord, GroupPriority } from '../model.js';
import type { PropertyCatalog } from './propertyCatalog.js';
import type { StoreTx } from '../ports.js';
import type { Emit, UnitOfWork } from '../unitOfWork.js';
import { chatGroupsOf } from '../identity/access.js';

/** Group 0 is virtual: it always exists and cannot be renamed or deleted. */
export const GENERAL_GROUP: Omit<GroupRecord, 'licenseId'> = { id: 0, name: 'General', languageCode: 'en' };

export interface GroupView {
  id: number;
  name: string;
  language_code: string;
  agent_priorities?: Record<string, GroupPriority>;
  routing_status?: RoutingStatus;
}

export type GroupField = 'agent_priorities' | 'routing_status';

/**
 * The members of a group and their priorities. Group 0 too holds only its members (new agents are
 * members unless created with other groups): membership decides routing and chat access alike.
 */
export function agentPriorities(agents: readonly AgentRecord[], groupId: number): Record<string, GroupPriority> {
  const out: Record<string, GroupPriority> = {};
  for (const a of agents) {
    const entry = a.groups.find((g) => g.id === groupId);
    if (entry) out[a.id] = entry.priority;
  }
  return out;
}

/** accepting_chats when a routable member accepts chats, offline when every member is offline. */
function groupRoutingStatus(agents: readonly AgentRecord[], groupId: number): RoutingStatus {
  const members = Object.entries(agentPriorities(agents, groupId)).filter(([, p]) => p !== 'supervisor').map(([id]) => agents.find((a) => a.id === id)!);
  if (members.some((a) => a.routingStatus === 'accepting_chats')) return 'accepting_chats';
  if (members.some((a) => a.routingStatus === 'not_accepting_chats')) return 'not_accepting_chats';
  return 'offline';
}

/** Groups of a license and their property values (Configuration API §3, §4). */
export class Groups {
  constructor(private readonly uow: UnitOfWork, private readonly catalog: PropertyCatalog) {}

  async create(licenseId: number, input: { name: string; languageCode?: string; agentPriorities?: Record<string, GroupPriority> }, origin?: Origin): Promise<{ id: number }> {
    return this.uow.run(async (tx, emit) => {
      const existing = await tx.listGroups(licenseId);
      const id = Math.max(0, ...existing.map((g) => g.id)) + 1;
      const group: GroupRecord = { licenseId, id, name: input.name, languageCode: input.languageCode ?? 'en' };
      await tx.insertGroup(group);
      if (input.agentPriorities) await this.#setMembers(tx, emit, licenseId, id, input.agentPriorities);
      const view = await this.#view(tx, group, ['agent_priorities']);
      emit({ kind: 'license_push', licenseId, name: 'group_created', payload: view, ...(origin ? { origin } : {}) });
      return { id };
    });
  }

  async update(licenseId: number, input: { id: number; name?: string; languageCode?: string; agentPriorities?: Record<string, GroupPriority> }, origin?: Origin): Promise<void> {
    await this.uow.run(async (tx, emit) => {
      const group = await this.#require(tx, licenseId, input.id);
      if (group.id === 0 && (input.name !== undefined || input.languageCode !== undefined)) {
        throw new DomainError('validation', 'Group 0 (General) cannot be renamed; only its agent_priorities can change');
      }
      if (input.name !== undefined) group.name = input.name;
      if (input.languageCode !== undefined) group.languageCode = input.languageCode;
      if (group.id !== 0) await tx.updateGroup(group);
      if (input.agentPriorities) await this.#setMembers(tx, emit, licenseId, group.id, input.agentPriorities);
      const changed: Record<string, unknown> = { id: group.id };
      if (input.name !== undefined) changed.name = group.name;
      if (input.languageCode !== undefined) changed.language_code = group.languageCode;
      if (input.agentPriorities) changed.agent_priorities = input.agentPriorities;
      emit({ kind: 'license_push', licenseId, name: 'group_updated', payload: changed, ...(origin ? { origin } : {}) });
    });
  }

  async delete(licenseId: number, id: number, origin?: Origin): Promise<void> {
    if (id === 0) throw new DomainError('validation', 'Group 0 (General) always exists and cannot be deleted');
    await this.uow.run(async (tx, emit) => {
      await this.#require(tx, licenseId, id);
      for (const agent of await tx.listAgents(licenseId)) {
        if (!agent.groups.some((g) => g.id === id)) continue;
        const changed = { ...agent, groups: agent.groups.filter((g) => g.id !== id) };
        await tx.updateAgent(changed);
        emit(accessChanged(changed));
      }
      await tx.deleteGroup(licenseId, id);
      emit({ kind: 'license_push', licenseId, name: 'group_deleted', payload: { id }, ...(origin ? { origin } : {}) });
    });
  }

  get(licenseId: number, id: number, fields: readonly GroupField[] = []): Promise<GroupView> {
    return this.uow.read(async (tx) => this.#view(tx, await this.#require(tx, licenseId, id), fields));
  }

  list(licenseId: number, fields: readonly GroupField[] = []): Promise<GroupView[]> {
    return this.uow.read(async (tx) => {
      const groups = [{ licenseId, ...GENERAL_GROUP }, ...(await tx.listGroups(licenseId))];
      const out: GroupView[] = [];
      for (const g of groups) out.push(await this.#view(tx, g, fields));
      return out;
    });
  }

  /** Group property values (defaults filled in) for `[]` = every group. */
  listProperties(licenseId: number, groupIds: readonly number[], filter: { namespacePrefix?: string; namePrefix?: string; namespace?: string }): Promise<{ id: number; properties: Properties }[]> {
    return this.uow.read(async (tx) => {
      const all = [0, ...(await tx.listGroupIds(licenseId))];
      for (const g of groupIds) if (!all.includes(g)) throw new DomainError('group_not_found', `Group ${g} not found`);
      const reg = await this.catalog.registry(tx, licenseId);
      const out: { id: number; properties: Properties }[] = [];
      for (const id of groupIds.length ? groupIds : all) {
        const values: Properties = {};
        for (const def of reg.all()) if (def.access.group && def.defaultValue !== undefined) (values[def.namespace] ??= {})[def.name] = def.defaultValue;
        for (const [ns, v] of Object.entries(await tx.getGroupProperties(licenseId, id))) values[ns] = { ...(values[ns] ?? {}), ...v };
        out.push({ id, properties: prefixFilter(reg.readable('group', 'agent', values), filter) });
      }
      return out;
    });
  }

  async updateProperties(licenseId: number, groupId: number, properties: Properties): Promise<void> {
    await this.uow.run(async (tx) => {
      await this.#require(tx, licenseId, groupId);
      (await this.catalog.registry(tx, licenseId)).checkWrite('group', 'agent', properties);
      await tx.updateGroupProperties(licenseId, groupId, properties);
    });
  }

  async deleteProperties(licenseId: number, groupId: number, names: PropertyNames): Promise<void> {
    await this.uow.run(async (tx) => {
      await this.#require(tx, licenseId, groupId);
      (await this.catalog.registry(tx, licenseId)).checkDelete('group', 'agent', names);
      await tx.deleteGroupProperties(licenseId, groupId, names);
    });
  }

  async #require(tx: StoreTx, licenseId: number, id: number): Promise<GroupRecord> {
    if (id === 0) return { licenseId, ...GENERAL_GROUP };
    const group = await tx.getGroup(licenseId, id);
    if (!group) throw new DomainError('group_not_found', `Group ${id} not found`);
    return group;
  }

  /** Makes exactly the listed agents members of the group with the given priorities. */
  /** Sets who belongs to a group; members' open sockets learn their new groups (agent_access_changed). */
  async #setMembers(tx: StoreTx, emit: Emit, licenseId: number, groupId: number, priorities: Record<string, GroupPriority>): Promise<void> {
    const agents = await tx.listAgents(licenseId);
    for (const id of Object.keys(priorities)) {
      if (!agents.some((a) => a.id === id)) throw new DomainError('not_found', `Agent ${id} not found`);
    }
    for (const agent of agents) {
      const wanted = priorities[agent.id];
      const others = agent.groups.filter((g) => g.id !== groupId);
      const next = wanted ? [...others, { id: groupId, priority: wanted }] : others;
      if (JSON.stringify(next) === JSON.stringify(agent.groups)) continue;
      const changed = { ...agent, groups: next };
      await tx.updateAgent(changed);
      emit(accessChanged(changed));
    }
  }

  async #view(tx: StoreTx, g: GroupRecord, fields: readonly GroupField[]): Promise<GroupView> {
    const view: GroupView = { id: g.id, name: g.name, language_code: g.languageCode };
    if (fields.length === 0) return view;
    const agents = await tx.listAgents(g.licenseId);
    if (fields.includes('agent_priorities')) view.agent_priorities = agentPriorities(agents, g.id);
    if (fields.includes('routing_status')) view.routing_status = groupRoutingStatus(agents, g.id);
    return view;
  }
}

/** Filters by namespace (exact or prefix, the 3.4 `namespace_prefix`) and name prefix. */
export function prefixFilter(values: Properties, filter: { namespacePrefix?: string; namePrefix?: string; namespace?: string }): Properties {
  const out: Properties = {};
  for (const [ns, v] of Object.entries(values)) {
    if (filter.namespace !== undefined && ns !== filter.namespace) continue;
    if (filter.namespacePrefix !== undefined && !ns.startsWith(filter.namespacePrefix)) continue;
    for (const [name, value] of Object.entries(v)) {
      if (filter.namePrefix !== undefined && !name.startsWith(filter.namePrefix)) continue;
      (out[ns] ??= {})[name] = value;
    }
  }
  return out;
}

function accessChanged(agent: AgentRecord): AgentAccessChanged {
  return { kind: 'agent_access_changed', licenseId: agent.licenseId, userId: agent.id, agentGroups: chatGroupsOf(agent) };
}
