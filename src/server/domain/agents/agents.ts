import type { RoutingStatus } from '../../../protocol/entities.js';
import { DomainError } from '../errors.js';
import type { AgentActor } from '../identity/actor.js';
import { mayActAsBot } from '../identity/access.js';
import type { BotTokens } from '../identity/botTokens.js';
import { hashSecret, newHexId, newSecret, sameSecret } from '../ids.js';
import type { AgentRecord, AgentRole, GroupPriority } from '../model.js';
import type { Clock, StoreTx } from '../ports.js';
import type { Origin } from '../domainEvents.js';
import { groupPriority, type Router } from './routing.js';
import { requireActive, requireFreeSeat, requireOwnSeat } from './seats.js';
import type { UnitOfWork } from '../unitOfWork.js';

export interface NewAgent {
  id: string;
  name: string;
  role?: AgentRole;
  email?: string;
  avatar?: string;
  jobTitle?: string;
  maxChats?: number;
  groups?: { id: number; priority: GroupPriority }[];
  loginStatus?: RoutingStatus;
  /** A personal access token to use instead of a generated one. */
  token?: string;
  /** Created waiting for approve_agent: holds no seat until then. */
  awaitingApproval?: boolean;
}

/** Agent accounts and their credentials (personal access tokens). */
export class AgentAccounts {
  constructor(private readonly uow: UnitOfWork, private readonly clock: Clock, private readonly botTokens: BotTokens) {}

  /** Creates an agent with a personal access token; returns the token (only its hash is stored). */
  async create(licenseId: number, input: NewAgent): Promise<{ agent: AgentRecord; token: string }> {
    return this.uow.run((tx) => this.createIn(tx, licenseId, input));
  }

  async createIn(tx: StoreTx, licenseId: number, input: NewAgent): Promise<{ agent: AgentRecord; token: string }> {
    if (await tx.findAgentById(input.id)) throw new DomainError('already_exists', `Agent ${input.id} already exists`);
    if (!input.awaitingApproval) await requireFreeSeat(tx, licenseId);
    const token = input.token ?? newSecret();
    const agent: AgentRecord = {
      id: input.id, licenseId, name: input.name, role: input.role ?? 'normal', isBot: false,
      maxChats: input.maxChats ?? 6, groups: input.groups ?? [{ id: 0, priority: 'normal' }], patHash: hashSecret(token),
      routingStatus: 'offline', loginStatus: input.loginStatus ?? 'accepting_chats', createdAt: this.clock.now(),
      ...(input.email ? { email: input.email } : { email: input.id }),
      ...(input.avatar ? { avatar: input.avatar } : {}),
      ...(input.jobTitle ? { jobTitle: input.jobTitle } : {}),
      ...(input.awaitingApproval ? { awaitingApproval: true } : {}),
    };
    await tx.insertAgent(agent);
    return { agent, token };
  }

  /**
   * Sets an agent's or bot's routing status and tells the license's agents. Becoming available
   * lets queued chats flow to it.
   */
  async setRoutingStatus(licenseId: number, agentId: string, status: RoutingStatus, router: { drainQueue: Router['drainQueue'] }, origin?: Origin): Promise<void> {
    await this.uow.run(async (tx, emit) => {
      const agent = await tx.getAgent(licenseId, agentId);
      if (!agent) throw new DomainError('not_found', `Agent ${agentId} not found`);
      if (status === 'offline' && !agent.isBot) {
        // Humans have no offline status of their own in 3.5; they go offline by disconnecting.
      }
      agent.routingStatus = status;
      await tx.updateAgent(agent);
      emit({ kind: 'license_push', licenseId, name: 'routing_status_set', payload: { agent_id: agent.id, status }, ...(origin ? { origin } : {}) });
      if (status === 'accepting_chats') await router.drainQueue(tx, licenseId, emit);
    });
  }

  /**
   * A bare bot record (no Configuration API bookkeeping): what the router and `X-Author-Id` need.
   * The Configuration API's `create_bot` is the public way to make bots.
   */
  async createBotRecord(licenseId: number, input: { id?: string; name: string; ownerClientId?: string; maxChats?: number; groups?: { id: number; priority: GroupPriority }[]; routingStatus?: RoutingStatus }): Promise<AgentRecord> {
    return this.uow.run(async (tx) => {
      const id = input.id ?? newHexId();
      if (await tx.findAgentById(id)) throw new DomainError('already_exists', `Agent ${id} already exists`);
      const bot: AgentRecord = {
        id, licenseId, name: input.name, role: 'normal', isBot: true, maxChats: input.maxChats ?? 6,
        groups: input.groups ?? [{ id: 0, priority: 'normal' }], routingStatus: input.routingStatus ?? 'offline', loginStatus: 'accepting_chats',
        createdAt: this.clock.now(), ...(input.ownerClientId ? { ownerClientId: input.ownerClientId } : {}),
      };
      await tx.insertAgent(bot);
      return bot;
    });
  }

  /** When the credentials stop working by themselves: a bot token's expiry (microseconds); PATs do not expire. */
  credentialsExpireAt(authorization: string): number | undefined {
    const [scheme, value = ''] = authorization.trim().split(/\s+/, 2);
    const bot = /^bearer$/i.test(scheme ?? '') ? this.botTokens.verify(value) : undefined;
    return bot ? bot.exp * 1e6 : undefined;
  }

  /**
   * Who an authenticated agent acts as: itself, or (`author_id` / `X-Author-Id`) a bot it may act
   * as (identity/access.ts: its app owns the bot, or it is a manager). Bots of other licenses and
   * unknown ids are `not_found`; a human id or someone else's bot is `authorization`.
   */
  actorFor(agent: AgentRecord, authorId?: string, clientId?: string): Promise<AgentActor> {
    if (!authorId || actsAsItself(agent, authorId)) return Promise.resolve(this.selfActor(agent, clientId));
    const base = { type: 'agent' as const, licenseId: agent.licenseId, ...(clientId ? { clientId } : {}) };
    if (agent.isBot) return Promise.reject(new DomainError('authorization', 'A bot token acts as its own bot only'));
    return this.uow.read(async (tx) => {
      const bot = await tx.getAgent(agent.licenseId, authorId);
      if (!bot) throw new DomainError('not_found', `Bot ${authorId} not found`);
      if (!bot.isBot) throw new DomainError('authorization', 'Only bots can be impersonated');
      if (!mayActAsBot(agent, bot, clientId)) throw new DomainError('authorization', 'Only the bot\'s own app or an administrator may act as this bot');
      return { ...base, id: bot.id, agent: bot, via: agent };
    });
  }

  /** The agent acting as itself (what actorFor gives when no other author is named). */
  selfActor(agent: AgentRecord, clientId?: string): AgentActor {
    const actor: AgentActor = { type: 'agent', licenseId: agent.licenseId, id: agent.id, agent };
    if (clientId) actor.clientId = clientId;
    return actor;
  }

  /** An agent's or bot's routing status; undefined when it does not exist (any more). */
  routingStatusOf(licenseId: number, agentId: string): Promise<RoutingStatus | undefined> {
    return this.uow.read(async (tx) => (await tx.getAgent(licenseId, agentId))?.routingStatus);
  }

  /** `list_routing_statuses`: agents and bots of the license, optionally only those routing in some groups. */
  listRoutingStatuses(licenseId: number, groupIds?: number[]): Promise<{ agent_id: string; status: RoutingStatus }[]> {
    return this.uow.read(async (tx) => (await tx.listAgents(licenseId))
      .filter((a) => !groupIds?.length || groupIds.some((g) => groupPriority(a, g) !== undefined))
      .map((a) => ({ agent_id: a.id, status: a.routingStatus })));
  }

  /** Changes how many chats an agent takes at once; more room lets queued chats flow to it. */
  async setMaxChats(licenseId: number, agentId: string, maxChats: number, router: { drainQueue: Router['drainQueue'] }): Promise<void> {
    await this.uow.run(async (tx, emit) => {
      const agent = await tx.getAgent(licenseId, agentId);
      if (!agent) throw new DomainError('not_found', `Agent ${agentId} not found`);
      agent.maxChats = maxChats;
      await tx.updateAgent(agent);
      await router.drainQueue(tx, licenseId, emit);
    });
  }

  /**
   * Issues a new personal access token for an agent, replacing the old one. Every connection logged
   * in with the old token is closed at once (`agent_disconnected` `access_token_revoked`).
   */
  async resetToken(licenseId: number, agentId: string): Promise<string> {
    return this.uow.run(async (tx, emit) => {
      const agent = await tx.getAgent(licenseId, agentId);
      if (!agent || agent.isBot) throw new DomainError('not_found', `Agent ${agentId} not found`);
      const token = newSecret();
      agent.patHash = hashSecret(token);
      await tx.updateAgent(agent);
      emit({ kind: 'disconnect_user', licenseId, userId: agent.id, reason: 'access_token_revoked' });
      return token;
    });
  }

  /**
   * `Bearer <pat>` or `Basic base64(agent_id:pat)`. Unknown agents and wrong tokens look the same:
   * `authentication`. Then the agent must be allowed to act: not suspended (unless
   * `allowSuspended`, for request_agent_unsuspension), approved, and holding a seat. A bot token
   * (`Bearer <jwt>` from issue_bot_token) authenticates as its bot where `allowBots` is set.
   */
  authenticate(authorization: string | undefined, opts: { allowSuspended?: boolean; allowBots?: boolean } = {}): Promise<AgentRecord> {
    return this.uow.read(async (tx) => {
      if (!authorization) throw new DomainError('authentication', 'Missing credentials');
      const [scheme, value = ''] = authorization.trim().split(/\s+/, 2);
      let agent: AgentRecord | undefined;
      const bot = /^bearer$/i.test(scheme ?? '') ? this.botTokens.verify(value) : undefined;
      if (bot) {
        if (!opts.allowBots) throw new DomainError('authorization', 'Bot tokens act on the Agent Chat API only');
        const found = await tx.getAgent(bot.license_id, bot.sub);
        if (!found?.isBot) throw new DomainError('authentication', 'The bot of this token no longer exists');
        return found;
      }
      if (/^bearer$/i.test(scheme ?? '')) {
        agent = await tx.findAgentByPatHash(hashSecret(value));
      } else if (/^basic$/i.test(scheme ?? '')) {
        const decoded = Buffer.from(value, 'base64').toString('utf8');
        const i = decoded.indexOf(':');
        if (i > 0) {
          const found = await tx.findAgentById(decoded.slice(0, i));
          if (found?.patHash && sameSecret(decoded.slice(i + 1), found.patHash)) agent = found;
        }
      }
      if (!agent || agent.isBot) throw new DomainError('authentication', 'Invalid agent credentials');
      if (agent.suspended && opts.allowSuspended) return agent;
      requireActive(agent);
      await requireOwnSeat(tx, agent);
      return agent;
    });
  }
}

/** Whether a request naming `authorId` (`author_id` / `X-Author-Id`) is made by the agent as itself. */
export function actsAsItself(agent: AgentRecord, authorId: string | undefined): boolean {
  return !authorId || authorId === agent.id;
}
