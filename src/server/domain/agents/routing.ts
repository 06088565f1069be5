import type { RoutingStatus } from '../../../protocol/entities.js';
import { formatTimestamp } from '../../../protocol/time.js';
import type { ChatPush, LicensePush } from '../domainEvents.js';
import { DomainError } from '../errors.js';
import type { AgentRecord, ChatRecord, ChatUserRecord, ThreadRecord } from '../model.js';
import type { Clock, StoreTx } from '../ports.js';
import type { Emit } from '../unitOfWork.js';
import { renderAgent } from '../conversations/views.js';

export type RoutingOutcome =
  | { kind: 'assigned'; agent: AgentRecord }
  | { kind: 'queued'; position: number }
  | { kind: 'waiting' };

const PRIORITY_RANK: Record<string, number> = { first: 0, normal: 1, last: 2 };

/**
 * Where an agent stands in a group: its priority, or undefined when it does not route there. Only
 * members are routed a group's chats, group 0 included (#11: a chat goes only to agents who may
 * see it; new agents are members of group 0 unless given other groups).
 */
export function groupPriority(agent: AgentRecord, groupId: number): string | undefined {
  // An indexed loop, not find() or for…of (the records are frozen arrays, whose iterators V8 allocates):
  // this runs for every agent of a license on every new chat (#16: garbage per setup).
  const groups = agent.groups;
  for (let i = 0; i < groups.length; i++) {
    const g = groups[i]!;
    if (g.id === groupId) return g.priority !== 'supervisor' ? g.priority : undefined;
  }
  return undefined;
}

interface Ranked { agent: AgentRecord; rank: number; load: number }

/** The order chats are offered in: best group priority, then fewest active chats, then id (negative: goes before `other`). */
function routingOrderOf(rank: number, load: number, id: string, other: Ranked): number {
  return rank - other.rank || load - other.load || id.localeCompare(other.agent.id);
}
const routingOrder = (a: Ranked, b: Ranked) => routingOrderOf(a.rank, a.load, a.agent.id, b);

/** An agent's best rank over `groupIds` (lower routes first), or -1 when it routes in none of them or does not accept chats. */
function bestRank(agent: AgentRecord, groupIds: number[]): number {
  if (agent.routingStatus !== 'accepting_chats') return -1;
  let best = -1;
  for (let i = 0; i < groupIds.length; i++) {
    const priority = groupPriority(agent, groupIds[i]!);
    if (priority === undefined) continue;
    const rank = PRIORITY_RANK[priority] ?? 2;
    if (best < 0 || rank < best) best = rank;
  }
  return best;
}

/**
 * Assigns active threads to agents and bots: least loaded first within the best priority, never
 * above an agent's cap. Runs inside the caller's transaction, so concurrent starts (serialized by
 * the store) can never assign one chat twice or lose one.
 */
export class Router {
  constructor(private readonly clock: Clock) {}

  async candidates(tx: StoreTx, licenseId: number, groupIds: number[]): Promise<{ accepting: AgentRecord[]; free: AgentRecord[] }> {
    const { accepting, withRoom } = await this.#eligible(tx, licenseId, groupIds);
    withRoom.sort(routingOrder);
    return { accepting, free: withRoom.map((r) => r.agent) };
  }

  /**
   * The license's agents that accept chats in one of `groupIds`, and those of them with room, each
   * ranked once, in one pass (#16: allocation per new chat).
   */
  async #eligible(tx: StoreTx, licenseId: number, groupIds: number[]): Promise<{ accepting: AgentRecord[]; withRoom: Ranked[] }> {
    const agents = await tx.listAgents(licenseId);
    const load = await tx.countAgentActiveChats(licenseId);
    const accepting: AgentRecord[] = [];
    const withRoom: Ranked[] = [];
    for (let i = 0; i < agents.length; i++) {
      const agent = agents[i]!;
      const rank = bestRank(agent, groupIds);
      if (rank < 0) continue;
      accepting.push(agent);
      const chats = load.get(agent.id) ?? 0;
      if (chats < agent.maxChats) withRoom.push({ agent, rank, load: chats });
    }
    return { accepting, withRoom };
  }

  /**
   * What candidates() would put first in `free`, and whether anyone accepts chats at all, in one
   * pass that builds no lists: a new chat needs one agent (#16: allocation per new chat).
   */
  async #first(tx: StoreTx, licenseId: number, groupIds: number[]): Promise<{ accepting: boolean; best: Ranked | undefined }> {
    const agents = await tx.listAgents(licenseId);
    const load = await tx.countAgentActiveChats(licenseId);
    let accepting = false;
    let best: Ranked | undefined;
    for (let i = 0; i < agents.length; i++) {
      const agent = agents[i]!;
      const rank = bestRank(agent, groupIds);
      if (rank < 0) continue;
      accepting = true;
      const chats = load.get(agent.id) ?? 0;
      if (chats < agent.maxChats && (!best || routingOrderOf(rank, chats, agent.id, best) < 0)) best = { agent, rank, load: chats };
    }
    return { accepting, best };
  }

  /** Called for a newly active thread before `incoming_chat` is pushed. Throws `groups_offline` when nobody accepts chats. */
  async routeNewThread(tx: StoreTx, chat: ChatRecord, thread: ThreadRecord, opts: { continuous: boolean; alreadyAssigned: boolean }): Promise<RoutingOutcome> {
    if (opts.alreadyAssigned) return { kind: 'waiting' };
    const { accepting, best } = await this.#first(tx, chat.licenseId, chat.access.group_ids);
    const agent = best?.agent;
    if (!accepting && !opts.continuous) throw new DomainError('groups_offline', 'Nobody is available to chat right now', { group_ids: chat.access.group_ids });
    if (agent) {
      await this.assign(tx, chat, thread, agent);
      return { kind: 'assigned', agent };
    }
    // Everyone busy, or (continuous chats) nobody accepting yet: wait in the queue until someone can take it.
    thread.queuedAt = this.clock.now();
    await tx.updateThread(thread);
    return { kind: 'queued', position: await tx.queuePosition(chat.licenseId, thread) };
  }

  async assign(tx: StoreTx, chat: ChatRecord, thread: ThreadRecord, agent: AgentRecord): Promise<ChatUserRecord> {
    const member: ChatUserRecord = { chatId: chat.id, userId: agent.id, userType: 'agent', present: true, eventsSeenUpTo: 0, visibility: 'all' };
    await tx.upsertChatUser(member);
    if (!thread.userIds.includes(agent.id)) thread.userIds.push(agent.id);
    if (thread.queuedAt !== undefined) {
      thread.queuesDuration = Math.round((this.clock.now() - thread.queuedAt) / 1e6);
      delete thread.queuedAt;
    }
    await tx.updateThread(thread);
    return member;
  }

  /**
   * Assigns queued threads to whoever has room now, oldest first, and tells the rest where they stand.
   */
  async drainQueue(tx: StoreTx, licenseId: number, emit: Emit): Promise<void> {
    const queued = await tx.listQueuedThreads(licenseId);
    if (queued.length === 0) return;
    let position = 0;
    const forAgents: { groups: number[]; payload: QueueEntry }[] = [];
    // Free agents per set of groups; only an assignment changes them, so most of a long queue costs no lookup.
    const freeByGroups = new Map<string, AgentRecord[]>();
    for (const thread of queued) {
      const chat = await tx.getChat(licenseId, thread.chatId);
      if (!chat || chat.activeThreadId !== thread.id) continue;
      const key = chat.access.group_ids.join(',');
      let free = freeByGroups.get(key);
      if (!free) freeByGroups.set(key, (free = (await this.candidates(tx, licenseId, chat.access.group_ids)).free));
      const members = await tx.getChatUsers(chat.id);
      const userIds = members.map((m) => m.userId);
      // NOTE: whoever held this thread and let it go (a bot handing off, an agent transferring)
      // is not given it back: a bot that is always free would otherwise take every handoff again.
      const gaveAway = new Set(members.filter((m) => m.userType === 'agent' && !m.present && thread.userIds.includes(m.userId)).map((m) => m.userId));
      const agent = free.find((a) => !gaveAway.has(a.id));
      if (agent) freeByGroups.clear();
      if (agent) {
        const member = await this.assign(tx, chat, thread, agent);
        emit(userAddedPush(chat, thread, agent, member, [...userIds, agent.id], 'assigned'));
        continue;
      }
      position += 1;
      const queue = { position, wait_time: Math.max(0, Math.round((this.clock.now() - (thread.queuedAt ?? this.clock.now())) / 1e6)) };
      const payload = { chat_id: chat.id, thread_id: thread.id, queue };
      emit(customerQueuePush(chat, payload, userIds));
      forAgents.push({ groups: chat.access.group_ids, payload });
    }
    for (const push of agentQueuePushes(licenseId, forAgents)) emit(push);
  }
}

export interface QueueEntry { chat_id: string; thread_id: string; queue: { position: number; wait_time: number } }

/** `queue_position_updated`: the customer's one-chat push (agents get the plural one instead). */
export function customerQueuePush(chat: ChatRecord, payload: QueueEntry, userIds: string[]): ChatPush {
  return { kind: 'chat_push', licenseId: chat.licenseId, chatId: chat.id, name: 'queue_position_updated', agentPayload: undefined, customerPayload: payload, userIds };
}

/**
 * `queue_positions_updated` for agents: one array per set of groups, to the agents with access to
 * those groups, so nobody learns about queued chats it cannot see.
 */
export function agentQueuePushes(licenseId: number, entries: { groups: number[]; payload: QueueEntry }[]): LicensePush[] {
  const byGroups = new Map<string, { groups: number[]; payloads: QueueEntry[] }>();
  for (const e of entries) {
    const key = e.groups.join(',');
    let bucket = byGroups.get(key);
    if (!bucket) byGroups.set(key, (bucket = { groups: e.groups, payloads: [] }));
    bucket.payloads.push(e.payload);
  }
  return [...byGroups.values()].map((b) => ({ kind: 'license_push', licenseId, name: 'queue_positions_updated', payload: b.payloads, agentGroups: b.groups }));
}

export function userAddedPush(chat: ChatRecord, thread: ThreadRecord, agent: AgentRecord, member: ChatUserRecord, userIds: string[], reason: string, requesterId?: string): ChatPush {
  const base = { chat_id: chat.id, thread_id: thread.id, reason, ...(requesterId ? { requester_id: requesterId } : {}) };
  return {
    kind: 'chat_push',
    licenseId: chat.licenseId,
    chatId: chat.id,
    name: 'user_added_to_chat',
    agentPayload: { ...base, user: renderAgent(agent, 'agent', member) },
    customerPayload: member.visibility === 'all' ? { ...base, user: renderAgent(agent, 'customer', member) } : undefined,
    userIds,
    agentGroups: chat.access.group_ids,
    meta: { userType: 'agent' },
  };
}

export const ROUTING_STATUS_LABEL: Record<RoutingStatus, string> = {
  accepting_chats: 'accepting chats',
  not_accepting_chats: 'not accepting chats',
  offline: 'offline',
};

export const queuedAtLabel = (t: ThreadRecord): string | undefined => (t.queuedAt !== undefined ? formatTimestamp(t.queuedAt) : undefined);
