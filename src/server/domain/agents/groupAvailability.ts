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
  return ids.map((id) => availabilityOf(id, agents, load));
}

/** One pass over the license's agents, counting only the group's members (#16: allocation per new chat). */
function availabilityOf(id: number, agents: readonly AgentRecord[], load: ReadonlyMap<string, number>): GroupAvailability {
  let accepting = false;
  let withRoom = false;
  let loggedIn = false;
  for (const a of agents) {
    if (groupPriority(a, id) === undefined) continue;
    if (a.routingStatus === 'accepting_chats') {
      accepting = true;
      if ((load.get(a.id) ?? 0) < a.maxChats) withRoom = true;
    } else if (a.routingStatus !== 'offline') loggedIn = true;
  }
  const customer: CustomerGroupStatus = !accepting ? 'offline' : withRoom ? 'online' : 'online_for_queue';
  const agent: RoutingStatus = accepting ? 'accepting_chats' : loggedIn ? 'not_accepting_chats' : 'offline';
  return { id, customer, agent };
}
