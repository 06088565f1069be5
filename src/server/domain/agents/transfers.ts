import type { AgentActor } from '../identity/actor.js';
import { activeThread, chatPush, loadChat, renderBoth, requirePresence } from '../conversations/chatAccess.js';
import type { Origin } from '../domainEvents.js';
import { DomainError } from '../errors.js';
import type { EventWriter } from '../conversations/eventWriter.js';
import type { Access } from '../../../protocol/entities.js';
import type { AgentRecord } from '../model.js';
import { canAccessChat } from '../identity/access.js';
import type { Clock, StoreTx } from '../ports.js';
import { userAddedPush, type Router } from './routing.js';
import type { UnitOfWork } from '../unitOfWork.js';

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
 * Target agents and the requester need access to the chat's groups (`missing_access`).
 */
export class Transfers {
  constructor(private readonly uow: UnitOfWork, private readonly clock: Clock, private readonly router: Router, private readonly events: EventWriter) {}

  async transfer(actor: AgentActor, input: TransferInput, origin?: Origin): Promise<Record<string, never>> {
    await this.uow.run(async (tx, emit) => {
      const chat = await loadChat(tx, actor, input.id);
      const thread = await activeThread(tx, chat);
      const members = await tx.getChatUsers(chat.id);
      requirePresence(actor, members, input.ignore_requester_presence);
      // Not a user of the chat: the requester must at least have access to its groups (`chats--access`).
      const isUser = members.some((m) => m.userId === actor.id && m.present);
      if (!isUser && !canAccessChat(actor.agent, chat.access)) throw new DomainError('missing_access', 'The chat is in groups the requester is not a member of', { group_ids: chat.access.group_ids });
      const previous = members.filter((m) => m.userType === 'agent' && m.present);
      const previousIds = new Set(previous.map((m) => m.userId));
      const ignoreAvailability = input.ignore_agents_availability === true;

      const previousAccess = chat.access;
      let access = chat.access;
      let target: AgentRecord | undefined;
      let transferredTo: { agent_ids?: string[]; group_ids?: number[] };
      if (input.target?.type === 'agent') {
        target = await this.#pickAgent(tx, chat.licenseId, chat.access, input.target.ids.map(String), ignoreAvailability);
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
      const toLabel = target ? target.name : `group ${access.group_ids.join(', ')}`;
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

  /**
   * One of the target agents: each must exist and have access to the chat; the least loaded of
   * those who accept chats and have room wins (ties: the order given). With
   * `ignore_agents_availability` the least loaded target takes it even when busy or away.
   */
  async #pickAgent(tx: StoreTx, licenseId: number, access: Access, ids: string[], ignoreAvailability: boolean): Promise<AgentRecord> {
    const targets: AgentRecord[] = [];
    for (const id of new Set(ids)) {
      const agent = await tx.getAgent(licenseId, id);
      if (!agent) throw new DomainError('not_found', `Agent ${id} not found`);
      if (!canAccessChat(agent, access)) throw new DomainError('missing_access', `${agent.name} has no access to the chat's groups`, { agent_id: agent.id, group_ids: access.group_ids });
      targets.push(agent);
    }
    const load = await tx.countAgentActiveChats(licenseId);
    const loadOf = (a: AgentRecord) => load.get(a.id) ?? 0;
    const byLoad = [...targets].sort((a, b) => loadOf(a) - loadOf(b));
    const free = byLoad.find((a) => a.routingStatus === 'accepting_chats' && loadOf(a) < a.maxChats);
    if (free) return free;
    if (ignoreAvailability) return byLoad[0]!;
    throw new DomainError('group_unavailable', targets.length === 1 ? `${targets[0]!.name} cannot take the chat now` : 'None of the target agents can take the chat now', { agent_ids: targets.map((a) => a.id) });
  }
}
