import type { RoutingStatus } from '../../../protocol/entities.js';
import type { AgentRecord } from '../model.js';
import type { StoreTx } from '../ports.js';
import { groupPriority } from './routing.js';

/** What customers see of a group: can a new chat be served now, only queued, or not at all. */
export type CustomerGroupStatus = 'online' | 'online_for_queue' | 'offline';

export interface GroupAvailability {
  id: number;
  /** online: someone accepts chats and has room; online_for_queue: someone accepts but all are full. */
  customer: CustomerGroupStatus;
  /** accepting_chats: someone accepts chats; not_accepting_chats: someone is logged in; else offline. */
  agent: RoutingStatus;
}

/** The availability of each group (group 0 first), from its agents' and bots' routing statuses and loads. */
export async function groupAvailability(tx: StoreTx, licenseId: number, groupIds?: number[]): Promise<GroupAvailability[]> {
  const known = [0, ...(await tx.listGroupIds(licenseId))];
  const ids = groupIds ? groupIds.filter((g) => known.includes(g)) : known;
  const agents = await tx.listAgents(licenseId);
  const load = await tx.countAgentActiveChats(licenseId);
  return ids.map((id) => availabilityOf(id, agents.filter((a) => groupPriority(a, id) !== undefined), load));
}

function availabilityOf(id: number, members: AgentRecord[], load: Map<string, number>): GroupAvailability {
  const accepting = members.filter((a) => a.routingStatus === 'accepting_chats');
  const customer: CustomerGroupStatus = accepting.length === 0 ? 'offline' : accepting.some((a) => (load.get(a.id) ?? 0) < a.maxChats) ? 'online' : 'online_for_queue';
  const agent: RoutingStatus = accepting.length > 0 ? 'accepting_chats' : members.some((a) => a.routingStatus !== 'offline') ? 'not_accepting_chats' : 'offline';
  return { id, customer, agent };
}
