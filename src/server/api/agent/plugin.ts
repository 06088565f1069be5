import type { FastifyInstance } from 'fastify';
import type { AgentSessions } from '../../domain/agents/agentSessions.js';
import type { VisitorSessions } from '../../domain/identity/visitorSessions.js';
import { DomainError } from '../../domain/errors.js';
import { chatGroupsOf } from '../../domain/identity/access.js';
import type { AgentRecord } from '../../domain/model.js';
import type { Platform } from '../../domain/platform.js';
import { requireActive } from '../../domain/agents/seats.js';
import { validationError } from '../transport/actionRouter.js';
import type { ConnectionIdentity } from '../transport/connections.js';
import type { KeyedRateLimiter } from '../transport/rateLimiter.js';
import type { RtmSurface } from '../transport/rtmGateway.js';
import { readUpload, registerWebActions } from '../transport/webActions.js';
import { agentActions, type AgentSession } from './actions.js';
import { login } from './schemas.js';

function identityOf(agent: AgentRecord): ConnectionIdentity {
  return {
    kind: 'agent', userId: agent.id, licenseId: agent.licenseId,
    agentGroups: chatGroupsOf(agent),
  };
}

/**
 * The Agent Chat API over RTM. Logging in makes a human agent available (AgentSessions); the last
 * connection closing takes it offline after a grace period. Every action rechecks that the agent
 * still exists and that its token was not replaced.
 */
export function agentRtmSurface(p: Platform, sessions: AgentSessions, visitorSessions: VisitorSessions): RtmSurface<AgentSession> {
  return {
    kind: 'agent',
    table: agentActions(p, sessions),
    async login(raw, info) {
      const parsed = login.safeParse(raw);
      if (!parsed.success) throw validationError(parsed.error);
      const agent = await p.agents.authenticate(parsed.data.token, { allowBots: true });
      // organization_id is optional on the agent URL; when given it must be the agent's own.
      const org = info.query.get('organization_id');
      if (org) {
        const license = await p.uow.read((tx) => tx.getLicenseByOrganization(org));
        if (license?.id !== agent.licenseId) throw new DomainError('authentication', 'The agent does not belong to this organization');
      }
      await sessions.connected(agent, { id: info.connectionId, away: parsed.data.away === true });
      let response: unknown;
      try {
        response = await p.agentQueries.login(agent);
      } catch (err) {
        await sessions.disconnected(agent, info.connectionId);
        throw err;
      }
      const expiresAt = p.agents.credentialsExpireAt(parsed.data.token);
      const visitors = await p.visitors.snapshot(agent, await visitorSessions.online(agent.licenseId), parsed.data.customer_monitoring_level ?? 'highest_available');
      return {
        session: { agent, connectionId: info.connectionId }, identity: identityOf(agent), response, pushesAfterLogin: [{ name: 'incoming_customers', payload: visitors }],
        ...(expiresAt !== undefined ? { expiresAt } : {}),
      };
    },
    // Chained rather than awaited: one async frame less on every request (#16).
    recheck(session) {
      return p.credentials.agent(session.agent.licenseId, session.agent.id).then((fresh) => {
        if (!fresh || fresh.patHash !== session.agent.patHash) throw new DomainError('authentication', 'The agent or its token no longer exists');
        requireActive(fresh);
        session.agent = fresh;
      });
    },
    async revoked(session) {
      const fresh = await p.credentials.agent(session.agent.licenseId, session.agent.id);
      if (!fresh) return 'agent_disconnected_by_server';
      return fresh.patHash !== session.agent.patHash ? 'access_token_revoked' : undefined;
    },
    onRequest(session, action) {
      if (session.connectionId) sessions.activity(session.agent, session.connectionId, action);
    },
    onClosed(session) {
      // Presence and jobs queue their commands while Redis is away; nothing here can fail the close.
      void sessions.disconnected(session.agent, session.connectionId).catch(() => undefined);
    },
  };
}

/** Web routes of the Agent Chat API (`Bearer <pat>` or `Basic base64(agent_id:pat)`, `X-Author-Id` for bots). */
export function registerAgentWeb(app: FastifyInstance, p: Platform, sessions: AgentSessions, limiter: KeyedRateLimiter): void {
  registerWebActions<AgentSession>(app, {
    name: 'agent',
    table: agentActions(p, sessions),
    rateKey: (session) => `agent:${session.agent.licenseId}:${session.agent.id}`,
    async authenticate(req) {
      return { agent: await p.agents.authenticate(req.headers.authorization, { allowBots: true }) };
    },
    getActions: new Set(['list_chats', 'list_archives', 'list_threads', 'get_chat', 'get_customer', 'list_customers', 'list_routing_statuses', 'list_agents_for_transfer']),
    async upload(session, req) {
      const file = await readUpload(req);
      const author = req.headers['x-author-id'];
      const actor = await p.agents.actorFor(session.agent, typeof author === 'string' && author ? author : undefined);
      return p.files.upload(actor, file);
    },
  }, limiter);
}
