import type { AgentActor } from '../identity/actor.js';
import { activeThread, chatPush, loadChat, renderBoth, requirePresence } from '../conversations/chatAccess.js';
import type { Origin } from '../domainEvents.js';
import { DomainError } from '../errors.js';
import type { EventWriter } from '../conversations/eventWriter.js';
import type { AgentRecord } from '../model.js';
import type { Clock, StoreTx } from '../ports.js';
import { userAddedPush, type Router } from './routing.js';
import type { UnitOfWork } from '../unitOfWork.js';
import { GENERAL_GROUP } from '../configuration/groups.js';

export interface TransferInput {
  id: string;
  target?: { type: 'agent' | 'group'; ids: (string | number)[] };
  ignore_agents_availability?: boolean;
  ignore_requester_presence?: boolean;
}

/**
 * `transfer_chat` to an agent, to groups, or (no target) to someone else in the chat's groups.
 * Pushes in the Switchboard order (protocol/agent-chat-api.md): system message `chat_transferred`,
 * `user_removed_from_chat` per previous agent, `chat_access_updated` when the groups change,
 * `user_added_to_chat` for the new assignee, then `chat_transferred`; the new assignee also gets
 * `incoming_chat` with `transferred_from`. With nobody free the transfer fails with
 * `group_unavailable`, unless `ignore_agents_availability` lets the chat wait in the queue.
 */
export class Transfers {
  constructor(private readonly uow: UnitOfWork, private readonly clock: Clock, private readonly router: Router, private readonly events: EventWriter) {}

  async transfer(actor: AgentActor, input: TransferInput, origin?: Origin): Promise<Record<string, never>> {
    await this.uow.run(async (tx, emit) => {
      const chat = await loadChat(tx, actor, input.id);
      const thread = await activeThread(tx, chat);
      const members = await tx.getChatUsers(chat.id);
      requirePresence(actor, members, input.ignore_requester_presence);
      const previous = members.filter((m) => m.userType === 'agent' && m.present);
      const previousIds = new Set(previous.map((m) => m.userId));
      const ignoreAvailability = input.ignore_agents_availability === true;

      const previousAccess = chat.access;
      let access = chat.access;
      let target: AgentRecord | undefined;
      let transferredTo: { agent_ids?: string[]; group_ids?: number[] };
      if (input.target?.type === 'agent') {
        if (input.target.ids.length !== 1) throw new DomainError('validation', 'target.ids must hold exactly one agent id');
        target = await tx.getAgent(actor.licenseId, String(input.target.ids[0]));
        if (!target) throw new DomainError('not_found', `Agent ${String(input.target.ids[0])} not found`);
        if (!ignoreAvailability && !(await this.#hasRoom(tx, target))) throw new DomainError('group_unavailable', `${target.name} cannot take the chat now`);
        transferredTo = { agent_ids: [target.id] };
      } else {
        if (input.target) {
          const ids = input.target.ids.map(Number);
          if (ids.length === 0 || !ids.every((g) => Number.isInteger(g) && g >= 0)) throw new DomainError('validation', 'target.ids must be group ids');
          const known = new Set([0, ...(await tx.listGroupIds(actor.licenseId))]);
          for (const g of ids) if (!known.has(g)) throw new DomainError('group_not_found', `Group ${g} not found`);
          access = { group_ids: [...new Set(ids)] };
        }
        const { free } = await this.router.candidates(tx, chat.licenseId, access.group_ids);
        target = free.find((a) => !previousIds.has(a.id));
        if (!target && !ignoreAvailability) throw new DomainError('group_unavailable', 'Nobody in the target groups can take the chat now', { group_ids: access.group_ids });
        transferredTo = { group_ids: access.group_ids };
      }

      const requester = await this.events.displayName(tx, chat.licenseId, actor.id);
      const toLabel = target ? target.name : await groupNames(tx, chat.licenseId, access.group_ids);
      await this.events.appendSystemMessage(tx, emit, chat, thread, members, 'chat_transferred', `${requester} transferred the chat to ${toLabel}`, { agent: requester, target: toLabel });

      for (const m of previous) {
        if (m.userId === target?.id) continue;
        m.present = false;
        await tx.upsertChatUser(m);
        const payload = { chat_id: chat.id, thread_id: thread.id, user_id: m.userId, reason: 'manual', requester_id: actor.id };
        emit(chatPush(chat, members, 'user_removed_from_chat', payload, m.visibility === 'all' ? payload : undefined, undefined, { userType: 'agent' }));
      }

      const groupsChanged = access.group_ids.join(',') !== chat.access.group_ids.join(',');
      if (groupsChanged) {
        chat.access = access;
        thread.access = access;
        await tx.updateChat(chat);
        await tx.updateThread(thread);
        const payload = { id: chat.id, access };
        emit({ ...chatPush(chat, members, 'chat_access_updated', payload, undefined), agentGroups: [...new Set([...previousAccess.group_ids, ...access.group_ids])] });
      }

      let queue: { position: number; wait_time: number } | undefined;
      if (target) {
        const member = await this.router.assign(tx, chat, thread, target);
        const all = await tx.getChatUsers(chat.id);
        emit(userAddedPush(chat, thread, target, member, all.map((m) => m.userId), 'manual', actor.id));
      } else {
        thread.queuedAt = this.clock.now();
        await tx.updateThread(thread);
        queue = { position: await tx.queuePosition(chat.licenseId, thread), wait_time: 0 };
      }

      const all = await tx.getChatUsers(chat.id);
      const transferred = { chat_id: chat.id, thread_id: thread.id, requester_id: actor.id, reason: 'manual', transferred_to: transferredTo, ...(queue ? { queue } : {}) };
      emit(chatPush(chat, all, 'chat_transferred', transferred, transferred, origin));
      if (target) {
        const rendered = await renderBoth(tx, chat, thread, this.clock.now());
        const transferredFrom = { group_ids: previousAccess.group_ids, agent_ids: [...previousIds] };
        emit({ kind: 'chat_push', licenseId: chat.licenseId, chatId: chat.id, name: 'incoming_chat', agentPayload: { chat: rendered.agent, requester_id: actor.id, transferred_from: transferredFrom }, userIds: [target.id] });
      }
      // Whoever was removed has room for a queued chat now.
      await this.router.drainQueue(tx, chat.licenseId, emit);
    });
    return {};
  }

  async #hasRoom(tx: StoreTx, agent: AgentRecord): Promise<boolean> {
    if (agent.routingStatus !== 'accepting_chats') return false;
    const load = await tx.countAgentActiveChats(agent.licenseId);
    return (load.get(agent.id) ?? 0) < agent.maxChats;
  }
}

/** "General", "Billing and Sales": what the transcript says instead of group ids. */
async function groupNames(tx: StoreTx, licenseId: number, ids: number[]): Promise<string> {
  const names: string[] = [];
  for (const id of ids) names.push(id === 0 ? GENERAL_GROUP.name : (await tx.getGroup(licenseId, id))?.name ?? `group ${id}`);
  return names.join(' and ');
}
