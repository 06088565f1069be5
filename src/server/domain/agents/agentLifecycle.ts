import type { Origin } from '../domainEvents.js';
import { DomainError } from '../errors.js';
import type { AgentRecord } from '../model.js';
import type { Clock, StoreTx } from '../ports.js';
import type { Emit, UnitOfWork } from '../unitOfWork.js';
import { requireFreeSeat } from './seats.js';

/**
 * Suspension and approval of human agents (Configuration API `suspend_agent`, `unsuspend_agent`,
 * `approve_agent`, `request_agent_unsuspension`). Each change that happens emits the push and
 * webhook of the same past-tense name with `{id}`; asking for the state an agent is already in
 * changes nothing and emits nothing.
 */
export class AgentLifecycle {
  constructor(private readonly uow: UnitOfWork, private readonly clock: Clock) {}

  /** The agent stops routing and its connections close (`agent_disconnected_by_server`); its sign-ins fail with `requester_suspended`. */
  async suspend(licenseId: number, id: string, origin?: Origin): Promise<void> {
    await this.uow.run(async (tx, emit) => {
      const agent = await requireHuman(tx, licenseId, id);
      if (agent.role === 'owner') throw new DomainError('authorization', 'The owner cannot be suspended');
      if (agent.suspended) return;
      agent.suspended = true;
      agent.routingStatus = 'offline';
      await tx.updateAgent(agent);
      emit({ kind: 'disconnect_user', licenseId, userId: id, reason: 'agent_disconnected_by_server', data: { suspended: true } });
      changed(emit, licenseId, 'agent_suspended', id, origin);
    });
  }

  /** Takes a seat again: `seats_limit_exceeded` when none is free. */
  async unsuspend(licenseId: number, id: string, origin?: Origin): Promise<void> {
    await this.uow.run(async (tx, emit) => {
      const agent = await requireHuman(tx, licenseId, id);
      if (!agent.suspended) return;
      if (!agent.awaitingApproval) await requireFreeSeat(tx, licenseId);
      delete agent.suspended;
      delete (agent as { unsuspensionRequestedAt?: number }).unsuspensionRequestedAt;
      await tx.updateAgent(agent);
      changed(emit, licenseId, 'agent_unsuspended', id, origin);
    });
  }

  /** Lets an agent created with `awaiting_approval` sign in; takes a seat (`seats_limit_exceeded` when none is free). */
  async approve(licenseId: number, id: string, origin?: Origin): Promise<void> {
    await this.uow.run(async (tx, emit) => {
      const agent = await requireHuman(tx, licenseId, id);
      if (!agent.awaitingApproval) return;
      if (!agent.suspended) await requireFreeSeat(tx, licenseId);
      delete agent.awaitingApproval;
      await tx.updateAgent(agent);
      changed(emit, licenseId, 'agent_approved', id, origin);
    });
  }

  /**
   * NOTE: the platform e-mails the owners and vice-owners; Switchboard sends no e-mail and records
   * the time of the request on the agent instead (see docs/api-notes.md, Agents).
   */
  async requestUnsuspension(requester: AgentRecord): Promise<void> {
    await this.uow.run(async (tx) => {
      const agent = await requireHuman(tx, requester.licenseId, requester.id);
      if (!agent.suspended) throw new DomainError('validation', 'Only a suspended agent can request unsuspension');
      await tx.updateAgent({ ...agent, unsuspensionRequestedAt: this.clock.now() } as AgentRecord);
    });
  }
}

function changed(emit: Emit, licenseId: number, name: 'agent_suspended' | 'agent_unsuspended' | 'agent_approved', id: string, origin?: Origin): void {
  emit({ kind: 'license_push', licenseId, name, payload: { id }, ...(origin ? { origin } : {}) });
}

async function requireHuman(tx: StoreTx, licenseId: number, id: string): Promise<AgentRecord> {
  const agent = await tx.getAgent(licenseId, id);
  if (!agent || agent.isBot) throw new DomainError('not_found', `Agent ${id} not found`);
  return agent;
}
