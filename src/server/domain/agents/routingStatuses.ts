import type { RoutingStatus } from '../../../protocol/entities.js';
import type { AgentActor } from '../identity/actor.js';
import { isManager, mayActAsBot } from '../identity/access.js';
import type { AgentAccounts } from './agents.js';
import type { Origin } from '../domainEvents.js';
import { DomainError } from '../errors.js';
import type { Router } from './routing.js';
import type { UnitOfWork } from '../unitOfWork.js';

/**
 * `set_routing_status` with its permission rules: anyone may set its own status; a bot's status is
 * set by its own app or a manager (`agents-bot--my` / `agents-bot--all`); only managers set another
 * human's. Humans have no `offline` status of their own in 3.5: they go offline by disconnecting
 * (AgentSessions).
 */
export class RoutingStatuses {
  constructor(private readonly uow: UnitOfWork, private readonly agents: AgentAccounts, private readonly router: Router) {}

  async set(actor: AgentActor, input: { status: RoutingStatus; agent_id?: string }, origin?: Origin): Promise<Record<string, never>> {
    const targetId = input.agent_id ?? actor.id;
    const target = await this.uow.read((tx) => tx.getAgent(actor.licenseId, targetId));
    if (!target) throw new DomainError('not_found', `Agent ${targetId} not found`);
    const requester = actor.via ?? actor.agent;
    if (target.isBot && target.id !== actor.id && !mayActAsBot(requester, target, actor.clientId)) {
      throw new DomainError('authorization', 'Only the bot\'s own app or an administrator may set its routing status');
    }
    if (!target.isBot && target.id !== requester.id && !isManager(requester)) {
      throw new DomainError('authorization', 'Only owners and administrators may set another agent\'s routing status');
    }
    if (!target.isBot && input.status === 'offline') throw new DomainError('validation', 'Agents can be accepting_chats or not_accepting_chats; they go offline by logging out');
    await this.agents.setRoutingStatus(actor.licenseId, target.id, input.status, this.router, origin);
    return {};
  }
}
