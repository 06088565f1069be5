import type { AgentRecord } from '../model.js';

/** Who performs an action. Every service method takes one and checks it. */
export type Actor = CustomerActor | AgentActor;

export interface CustomerActor {
  type: 'customer';
  id: string;
  licenseId: number;
  clientId?: string;
}

export interface AgentActor {
  type: 'agent';
  /** The acting user: the agent, or the bot it impersonates. */
  id: string;
  licenseId: number;
  agent: AgentRecord;
  /** The authenticated agent when acting as a bot. */
  via?: AgentRecord;
  clientId?: string;
}

export type Viewer = 'customer' | 'agent';

export const viewerOf = (actor: Actor): Viewer => actor.type;
