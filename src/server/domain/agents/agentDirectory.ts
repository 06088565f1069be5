import type { RoutingStatus } from '../../../protocol/entities.js';
import type { AgentAccounts } from './agents.js';
import type { Origin } from '../domainEvents.js';
import { DomainError } from '../errors.js';
import type { AgentRecord, AgentRole, GroupPriority } from '../model.js';
import type { StoreTx } from '../ports.js';
import { ROUTING_STATUS_LABEL } from './routing.js';
import { chatGroupsOf } from '../identity/access.js';
import { requireFreeSeat } from './seats.js';
import type { UnitOfWork } from '../unitOfWork.js';

/** Agent fields the Configuration API keeps beyond what routing needs (stored with the record). */
export interface AgentExtras {
  mobile?: string;
  workScheduler?: unknown;
  notifications?: string[];
  emailSubscriptions?: string[];
  /** When a suspended agent last asked to be unsuspended (request_agent_unsuspension). */
  unsuspensionRequestedAt?: number;
}
type StoredAgent = AgentRecord & AgentExtras;

export interface AgentInput {
  name?: string;
  role?: Exclude<AgentRole, 'owner'>;
  avatar?: string;
  jobTitle?: string;
  mobile?: string;
  maxChats?: number;
  groups?: { id: number; priority: GroupPriority }[];
  loginStatus?: Exclude<RoutingStatus, 'offline'>;
  workScheduler?: unknown;
  notifications?: string[];
  emailSubscriptions?: string[];
  awaitingApproval?: boolean;
}

export const AGENT_FIELDS = ['work_scheduler', 'groups', 'email_subscriptions', 'notifications', 'job_title', 'mobile', 'max_chats_count', 'suspended', 'awaiting_approval', 'last_logout'] as const;
export type AgentField = (typeof AGENT_FIELDS)[number];

/** The agent object of get_agent/list_agents: the basics plus the requested `fields`. */
export function renderConfigAgent(a: StoredAgent, fields: readonly AgentField[]): Record<string, unknown> {
  const out: Record<string, unknown> = {
    id: a.id, account_id: a.id, name: a.name, avatar: a.avatar ?? '', role: a.role, login_status: ROUTING_STATUS_LABEL[a.loginStatus],
  };
  const values: Record<AgentField, unknown> = {
    work_scheduler: a.workScheduler ?? {}, groups: a.groups, email_subscriptions: a.emailSubscriptions ?? [], notifications: a.notifications ?? [],
    job_title: a.jobTitle ?? '', mobile: a.mobile ?? '', max_chats_count: a.maxChats, suspended: a.suspended ?? false, awaiting_approval: a.awaitingApproval ?? false,
    last_logout: undefined,
  };
  for (const f of fields) if (values[f] !== undefined) out[f] = values[f];
  return out;
}

/** Human agents as managed through the Configuration API (bots live in bots.ts). */
export class AgentDirectory {
  constructor(private readonly uow: UnitOfWork, private readonly accounts: AgentAccounts) {}

  /**
   * Creates an agent. NOTE: Switchboard extension: the response also carries the new agent's
   * `personal_access_token`, once (only its hash is stored), so whoever creates the agent can hand
   * over the sign-in; the platform answers `{id}` only. A lost token is replaced with the admin CLI
   * (`npm run admin -- reset-token <id>`).
   */
  async create(licenseId: number, id: string, input: AgentInput & { name: string }, origin?: Origin): Promise<{ id: string; personal_access_token: string }> {
    return this.uow.run(async (tx, emit) => {
      await checkGroups(tx, licenseId, input.groups);
      const { agent, token } = await this.accounts.createIn(tx, licenseId, {
        id, name: input.name, role: input.role ?? 'normal', maxChats: input.maxChats ?? 6,
        ...(input.avatar !== undefined ? { avatar: input.avatar } : {}),
        ...(input.jobTitle !== undefined ? { jobTitle: input.jobTitle } : {}),
        ...(input.groups ? { groups: input.groups } : {}),
        loginStatus: input.loginStatus ?? 'not_accepting_chats',
        ...(input.awaitingApproval ? { awaitingApproval: true } : {}),
      });
      const stored: StoredAgent = { ...agent, ...extras(input) };
      await tx.updateAgent(stored);
      emit({ kind: 'license_push', licenseId, name: 'agent_created', payload: renderConfigAgent(stored, ['groups', 'job_title', 'max_chats_count']), ...(origin ? { origin } : {}) });
      return { id: agent.id, personal_access_token: token };
    });
  }

  get(licenseId: number, id: string, fields: readonly AgentField[] = []): Promise<Record<string, unknown>> {
    return this.uow.read(async (tx) => renderConfigAgent(await requireAgent(tx, licenseId, id), fields));
  }

  list(licenseId: number, filter: { groupIds?: number[]; suspended?: boolean }, fields: readonly AgentField[] = []): Promise<Record<string, unknown>[]> {
    return this.uow.read(async (tx) => (await tx.listAgents(licenseId))
      .filter((a) => !a.isBot)
      .filter((a) => filter.suspended === undefined || (a.suspended ?? false) === filter.suspended)
      .filter((a) => !filter.groupIds?.length || filter.groupIds.some((g) => g === 0 || a.groups.some((x) => x.id === g)))
      .map((a) => renderConfigAgent(a, fields)));
  }

  async update(licenseId: number, id: string, input: AgentInput, origin?: Origin): Promise<void> {
    await this.uow.run(async (tx, emit) => {
      const agent = await requireAgent(tx, licenseId, id);
      if (agent.role === 'owner' && input.role !== undefined) throw new DomainError('authorization', 'The owner\'s role cannot be changed');
      await checkGroups(tx, licenseId, input.groups);
      if (input.name !== undefined) agent.name = input.name;
      if (input.role !== undefined) agent.role = input.role;
      if (input.avatar !== undefined) agent.avatar = input.avatar;
      if (input.jobTitle !== undefined) agent.jobTitle = input.jobTitle;
      if (input.maxChats !== undefined) agent.maxChats = input.maxChats;
      if (input.groups !== undefined) agent.groups = input.groups;
      if (input.loginStatus !== undefined) agent.loginStatus = input.loginStatus;
      if (input.awaitingApproval === true) agent.awaitingApproval = true;
      if (input.awaitingApproval === false && agent.awaitingApproval) {
        // Clearing the flag is an approval: it takes a seat.
        if (!agent.suspended) await requireFreeSeat(tx, licenseId);
        delete agent.awaitingApproval;
      }
      Object.assign(agent, extras(input));
      await tx.updateAgent(agent);
      if (input.role !== undefined || input.groups !== undefined) emit({ kind: 'agent_access_changed', licenseId, userId: id, agentGroups: chatGroupsOf(agent) });
      emit({ kind: 'license_push', licenseId, name: 'agent_updated', payload: { id, ...renderConfigAgent(agent, ['groups', 'job_title', 'max_chats_count']) }, ...(origin ? { origin } : {}) });
    });
  }

  async delete(licenseId: number, id: string, origin?: Origin): Promise<void> {
    await this.uow.run(async (tx, emit) => {
      const agent = await requireAgent(tx, licenseId, id);
      if (agent.role === 'owner') throw new DomainError('authorization', 'The owner cannot be deleted');
      await tx.deleteAgent(licenseId, id);
      emit({ kind: 'disconnect_user', licenseId, userId: id, reason: 'agent_disconnected_by_server' });
      emit({ kind: 'license_push', licenseId, name: 'agent_deleted', payload: { id }, ...(origin ? { origin } : {}) });
    });
  }
}

function extras(input: AgentInput): AgentExtras {
  return {
    ...(input.mobile !== undefined ? { mobile: input.mobile } : {}),
    ...(input.workScheduler !== undefined ? { workScheduler: input.workScheduler } : {}),
    ...(input.notifications !== undefined ? { notifications: input.notifications } : {}),
    ...(input.emailSubscriptions !== undefined ? { emailSubscriptions: input.emailSubscriptions } : {}),
  };
}

async function requireAgent(tx: StoreTx, licenseId: number, id: string): Promise<StoredAgent> {
  const agent = await tx.getAgent(licenseId, id);
  if (!agent || agent.isBot) throw new DomainError('not_found', `Agent ${id} not found`);
  return agent;
}

/** Every group named in a membership list must exist. */
export async function checkGroups(tx: StoreTx, licenseId: number, groups?: { id: number }[]): Promise<void> {
  if (!groups) return;
  const known = new Set([0, ...(await tx.listGroupIds(licenseId))]);
  for (const g of groups) if (!known.has(g.id)) throw new DomainError('group_not_found', `Group ${g.id} not found`);
}
