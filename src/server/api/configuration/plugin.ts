import type { FastifyInstance } from 'fastify';
import type { Platform } from '../../domain/platform.js';
import { listWebhookNames } from '../../domain/configuration/webhookRegistry.js';
import type { KeyedRateLimiter } from '../transport/rateLimiter.js';
import { registerWebActions } from '../transport/webActions.js';
import { configurationActions, type ConfigSession } from './actions.js';

/**
 * `/<version>/configuration/action/<name>`: agent credentials (`Bearer <pat>` or
 * `Basic base64(agent_id:pat)`), Web only. `list_webhook_names` needs no credentials.
 */
export function registerConfigurationWeb(app: FastifyInstance, p: Platform, limiter: KeyedRateLimiter): void {
  registerWebActions<ConfigSession>(app, {
    name: 'configuration',
    table: configurationActions(p),
    rateKey: (session) => `agent:${session.agent.licenseId}:${session.agent.id}`,
    async authenticate(req) {
      // A suspended agent may still ask to be unsuspended, and do nothing else.
      const action = (req.params as { action?: string }).action;
      const agent = await p.agents.authenticate(req.headers.authorization, { allowSuspended: action === 'request_agent_unsuspension' });
      return { licenseId: agent.licenseId, agent };
    },
    getActions: new Set(['list_license_properties', 'list_group_properties', 'list_groups_properties', 'list_webhook_names', 'list_properties', 'list_groups', 'list_bots', 'list_agents', 'list_tags', 'list_canned_responses']),
    anonymous: new Map([['list_webhook_names', async () => listWebhookNames()]]),
  }, limiter);
}
