import type { AgentActions, AgentLoginRequest, AgentLoginResponse, AgentPushes } from '../protocol/agent.js';
import { AGENT_FINAL_DISCONNECT_REASONS } from '../protocol/agent.js';
import type { RtmClient, RtmDialect } from './RtmClient.js';
import type { TokenSource } from './RtmClient.js';

/** The Agent Chat API as an `RtmClient` flavour: `new RtmClient<AgentFlavour>({ …, dialect: agentDialect('Basic') })`. */
export interface AgentFlavour {
  actions: AgentActions;
  pushes: AgentPushes;
  loginRequest: AgentLoginRequest;
  loginResponse: AgentLoginResponse;
}

export type AgentRtmClient = RtmClient<AgentFlavour>;

/**
 * Agent dialect: `agent_disconnected` ends the session, and the token is sent with the given
 * scheme (`Basic` for `base64(agent_id:pat)`, `Bearer` for a PAT or an OAuth token).
 */
export function agentDialect(scheme: 'Basic' | 'Bearer'): RtmDialect {
  return {
    disconnectPush: 'agent_disconnected',
    finalReasons: new Set<string>(AGENT_FINAL_DISCONNECT_REASONS),
    // NOTE: a refused personal access token stays refused; retrying would only hammer the server.
    finalLoginErrors: new Set(['authentication', 'license_expired', 'license_not_found', 'wrong_product_version', 'unsupported_version', 'requester_suspended', 'requester_awaiting_approval', 'seats_limit_exceeded']),
    loginToken: (token) => `${scheme} ${token}`,
  };
}

/**
 * A personal access token as a `TokenSource`: `Basic base64(agent_id:pat)` credentials that never
 * expire on their own (a refused one is final, so `invalidate()` has nothing to drop).
 * @example
 * const identity = patTokenSource('owner@localhost', pat); // token = base64("owner@localhost:<pat>")
 */
export function patTokenSource(agentId: string, pat: string): TokenSource {
  const bytes = new TextEncoder().encode(`${agentId}:${pat}`);
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  const token = btoa(binary);
  return { getAccessToken: async () => token, invalidate: () => undefined };
}
