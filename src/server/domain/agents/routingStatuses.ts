import type { RoutingStatus } from '../../../protocol/entities.js';
import type { AgentActor } from '../identity/actor.js';
import type { AgentAccounts } from './agents.js';
import type { Origin } from '../domainEvents.js';
import { DomainError } from '../errors.js';
import type { Router } from './routing.js';
import type { UnitOfWork } from '../unitOfWork.js';

const MANAGERS = new Set(['owner', 'viceowner', 'administrator']);

/**
 * `set_routing_status` with its permission rules: anyone may set its own status and drive the bots
 * of its license; only owners and administrators set another human's. Humans have no `offline`
 * status of their own in 3.5: they go offline by disconnecting (AgentSessions).
 */
export class RoutingStatuses {
  constructor(private readonly uow: UnitOfWork, private readonly agents: AgentAccounts, private readonly router: Router) {}

  async set(actor: AgentActor, input: { status: RoutingStatus; agent_id?: string }, origin?: Origin): Promise<Record<string, never>> {
    const targetId = input.agent_id ?? actor.id;
    const target = await this.uow.read((tx) => tx.getAgent(actor.licenseId, targetId));
    if (!target) throw new DomainError('not_found', `Agent ${targetId} not found`);
    const requester = actor.via ?? actor.agent;
    if (!target.isBot && target.id !== requester.id && !MANAGERS.has(requester.role)) {
      throw new DomainError('authorization', 'Only owners and administrators may set another agent\'s routing status');
    }
    if (!target.isBot && input.status === 'offline') throw new DomainError('validation', 'Agents can be accepting_chats or not_accepting_chats; they go offline by logging out');
    await this.agents.setRoutingStatus(actor.licenseId, target.id, input.status, this.router, origin);
    return {};
  }
}
