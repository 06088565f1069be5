import type { RoutingStatus } from '../../protocol/entities.js';
import type { ConfigAgent, ConfigGroup } from '../../protocol/configuration.js';

/** One person the chat can go to now, as the transfer dialog shows them. */
export interface TransferAgent {
  id: string;
  name: string;
  status: RoutingStatus;
  activeChats: number;
  maxChats: number;
}

export interface TransferGroup {
  id: number;
  name: string;
}

/** What the server says about who may take a chat and how busy they are (Agent Chat API). */
export interface TransferFacts {
  /** `list_agents_for_transfer`: agents with access to the chat and their active chats. */
  candidates: { agent_id: string; total_active_chats: number }[];
  /** `list_routing_statuses`. */
  statuses: { agent_id: string; status: RoutingStatus }[];
}

/**
 * People who can take the chat now — accepting chats, below their limit, not me, not already in
 * it — least busy first, with names from the Configuration API. Bots are left out: a person hands
 * a chat to a person.
 */
export function transferAgents(facts: TransferFacts, directory: ConfigAgent[], exclude: Set<string>): TransferAgent[] {
  const status = new Map(facts.statuses.map((s) => [s.agent_id, s.status]));
  const people = new Map(directory.map((a) => [a.id, a]));
  const out: TransferAgent[] = [];
  for (const c of facts.candidates) {
    const person = people.get(c.agent_id);
    const routing = status.get(c.agent_id) ?? 'offline';
    const max = person?.max_chats_count ?? 6;
    if (!person || exclude.has(c.agent_id) || routing !== 'accepting_chats' || c.total_active_chats >= max) continue;
    out.push({ id: c.agent_id, name: person.name || c.agent_id, status: routing, activeChats: c.total_active_chats, maxChats: max });
  }
  return out.sort((a, b) => a.activeChats / a.maxChats - b.activeChats / b.maxChats || a.name.localeCompare(b.name));
}

/** Groups by name; General (0) first. A group transfer waits in the queue when nobody there is free. */
export function transferGroups(groups: ConfigGroup[]): TransferGroup[] {
  return [...groups].sort((a, b) => a.id - b.id).map((g) => ({ id: g.id, name: g.name }));
}
