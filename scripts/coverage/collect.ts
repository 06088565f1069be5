import { agentActions } from '../../src/server/api/agent/actions.js';
import { configurationActions } from '../../src/server/api/configuration/actions.js';
import { customerActions } from '../../src/server/api/customer/actions.js';
import type { ActionTable, Transport } from '../../src/server/api/transport/actionRouter.js';
import type { AgentSessions } from '../../src/server/domain/agents/agentSessions.js';
import { webhookFires, WEBHOOK_NAMES } from '../../src/server/domain/configuration/webhookRegistry.js';
import type { Platform } from '../../src/server/domain/platform.js';
import { EMITTED_PUSHES } from '../../src/server/domain/pushNames.js';
import type { Section } from './documented.js';

/** What Switchboard has under one name: where it is served, or why it is registrable but inert. */
export interface Implemented {
  transports?: readonly Transport[];
}

export type Inventory = Record<Section, Map<string, Implemented>> & { registrableWebhooks: Set<string> };

/**
 * The action factories only close over their arguments; nothing may be touched while the tables
 * are built, and this stand-in fails loudly if that ever changes.
 */
const untouchable = new Proxy({}, {
  get(_target, key) {
    throw new Error(`the action tables read ${String(key)} while being built; collect.ts needs a real platform now`);
  },
}) as never;

/** Answered by the transport itself rather than an action table (rtmConnection.ts, webActions.ts). */
const TRANSPORT_ACTIONS: Record<'customer' | 'agent', Record<string, readonly Transport[]>> = {
  customer: { login: ['rtm'], ping: ['rtm'], upload_file: ['web'] },
  agent: { login: ['rtm'], ping: ['rtm'], upload_file: ['web'] },
};

function fromTable(table: ActionTable<never>, extra: Record<string, readonly Transport[]> = {}): Map<string, Implemented> {
  const out = new Map<string, Implemented>(Object.entries(extra).map(([name, transports]) => [name, { transports }]));
  for (const [name, def] of Object.entries(table)) out.set(name, { transports: def.transports ?? ['rtm', 'web'] });
  return out;
}

function pushesTo(audience: 'agent' | 'customer'): Map<string, Implemented> {
  return new Map(Object.entries(EMITTED_PUSHES).filter(([, to]) => (to as readonly string[]).includes(audience)).map(([name]) => [name, {}]));
}

/** Reads the action tables, the emitted push names and the webhook registry. */
export function collectInventory(): Inventory {
  return {
    customer: fromTable(customerActions(untouchable) as ActionTable<never>, TRANSPORT_ACTIONS.customer),
    agent: fromTable(agentActions(untouchable, untouchable as AgentSessions) as ActionTable<never>, TRANSPORT_ACTIONS.agent),
    // The Configuration API is served over the Web transport only.
    configuration: new Map([...fromTable(configurationActions(untouchable as Platform) as ActionTable<never>).keys()].map((n) => [n, { transports: ['web'] }])),
    customerPushes: pushesTo('customer'),
    agentPushes: pushesTo('agent'),
    webhooks: new Map(Object.keys(WEBHOOK_NAMES).filter(webhookFires).map((n) => [n, {}])),
    registrableWebhooks: new Set(Object.keys(WEBHOOK_NAMES)),
  };
}
