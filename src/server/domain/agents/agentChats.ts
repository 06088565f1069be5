import type { AgentActor } from '../identity/actor.js';
import { activeThread, chatPush, loadChat, loadThread, requirePresence } from '../conversations/chatAccess.js';
import type { Origin } from '../domainEvents.js';
import { DomainError } from '../errors.js';
import type { EventWriter } from '../conversations/eventWriter.js';
import type { ChatUserRecord } from '../model.js';
import type { Router } from './routing.js';
import { userAddedPush } from './routing.js';
import { requireUsableTag } from '../configuration/tags.js';
import type { UnitOfWork } from '../unitOfWork.js';

export interface AddUserInput {
  chat_id: string;
  user_id: string;
  user_type: 'agent' | 'customer';
  visibility: 'all' | 'agents';
  ignore_requester_presence?: boolean;
}

export interface RemoveUserInput {
  chat_id: string;
  user_id: string;
  user_type: 'agent' | 'customer';
  ignore_requester_presence?: boolean;
}

/** What agents do to a chat's membership and threads: add/remove users, tag threads. */
export class AgentChats {
  constructor(private readonly uow: UnitOfWork, private readonly router: Router, private readonly events: EventWriter) {}

  async addUser(actor: AgentActor, input: AddUserInput, origin?: Origin): Promise<Record<string, never>> {
    await this.uow.run(async (tx, emit) => {
      const chat = await loadChat(tx, actor, input.chat_id);
      const thread = await activeThread(tx, chat);
      const members = await tx.getChatUsers(chat.id);
      // A bot may add itself to a chat it is not in (that is how a bot joins).
      const selfJoin = input.user_id === actor.id;
      requirePresence(actor, members, input.ignore_requester_presence || selfJoin);
      if (input.user_type === 'customer') {
        if (input.visibility !== 'all') throw new DomainError('validation', 'Customers must be added with visibility all');
        if (input.user_id !== chat.customerId) throw new DomainError('validation', 'A chat has at most one customer');
        const me = members.find((m) => m.userId === chat.customerId)!;
        if (me.present) return;
        me.present = true;
        await tx.upsertChatUser(me);
        const customer = await tx.getCustomer(chat.licenseId, chat.customerId);
        const all = await tx.getChatUsers(chat.id);
        await this.events.appendSystemMessage(tx, emit, chat, thread, all, 'customer_added', `${customer?.name || 'Customer'} was added to the chat`);
        const payload = { chat_id: chat.id, thread_id: thread.id, user: { id: chat.customerId, type: 'customer', present: true }, reason: 'manual', requester_id: actor.id };
        emit(chatPush(chat, all, 'user_added_to_chat', payload, payload, origin));
        return;
      }
      const agent = await tx.getAgent(actor.licenseId, input.user_id);
      if (!agent) throw new DomainError('not_found', `Agent ${input.user_id} not found`);
      const existing = members.find((m) => m.userId === agent.id);
      if (existing?.present && existing.visibility === input.visibility) return;
      const member: ChatUserRecord = {
        chatId: chat.id, userId: agent.id, userType: 'agent', present: true, eventsSeenUpTo: existing?.eventsSeenUpTo ?? 0, visibility: input.visibility,
      };
      await tx.upsertChatUser(member);
      if (!thread.userIds.includes(agent.id)) thread.userIds.push(agent.id);
      await tx.updateThread(thread);
      const all = await tx.getChatUsers(chat.id);
      const requester = await this.events.displayName(tx, chat.licenseId, actor.id);
      if (selfJoin) {
        await this.events.appendSystemMessage(tx, emit, chat, thread, all, 'agent_joined', `${agent.name} joined the chat`, { agent: agent.name }, input.visibility);
      } else {
        await this.events.appendSystemMessage(tx, emit, chat, thread, all, 'agent_added', `${requester} added ${agent.name} to the chat`, { agent: requester, added_agent: agent.name }, input.visibility);
      }
      emit({ ...userAddedPush(chat, thread, agent, member, all.map((m) => m.userId), 'manual', actor.id), ...(origin ? { origin } : {}) });
    });
    return {};
  }

  async removeUser(actor: AgentActor, input: RemoveUserInput, origin?: Origin): Promise<Record<string, never>> {
    if (input.user_type !== 'agent') throw new DomainError('validation', 'Only agents can be removed from a chat');
    await this.uow.run(async (tx, emit) => {
      const chat = await loadChat(tx, actor, input.chat_id);
      const thread = await activeThread(tx, chat);
      const members = await tx.getChatUsers(chat.id);
      const selfLeave = input.user_id === actor.id;
      requirePresence(actor, members, input.ignore_requester_presence || selfLeave);
      const member = members.find((m) => m.userId === input.user_id && m.userType === 'agent');
      if (!member || !member.present) throw new DomainError('not_found', `${input.user_id} is not a user of this chat`);
      member.present = false;
      await tx.upsertChatUser(member);
      const name = await this.events.displayName(tx, chat.licenseId, member.userId);
      const requester = await this.events.displayName(tx, chat.licenseId, actor.id);
      if (selfLeave) await this.events.appendSystemMessage(tx, emit, chat, thread, members, 'agent_left', `${name} left the chat`, { agent: name }, member.visibility);
      else await this.events.appendSystemMessage(tx, emit, chat, thread, members, 'agent_removed', `${requester} removed ${name} from the chat`, { agent: requester, removed_agent: name }, member.visibility);
      const payload = { chat_id: chat.id, thread_id: thread.id, user_id: member.userId, reason: 'manual', requester_id: actor.id };
      emit(chatPush(chat, members, 'user_removed_from_chat', payload, member.visibility === 'all' ? payload : undefined, origin, { userType: 'agent' }));
      // The removed agent has room for a queued chat now.
      await this.router.drainQueue(tx, chat.licenseId, emit);
    });
    return {};
  }

  /**
   * Tags a thread with a registered tag that shares a group with the thread (#13). Untagging takes
   * any tag the thread carries, also one deleted from the registry since. Tagging twice (or
   * untagging a missing tag) changes nothing.
   */
  async tagThread(actor: AgentActor, input: { chat_id: string; thread_id: string; tag: string }, add: boolean, origin?: Origin): Promise<Record<string, never>> {
    if (!input.tag.trim()) throw new DomainError('validation', 'tag must not be empty');
    await this.uow.run(async (tx, emit) => {
      const chat = await loadChat(tx, actor, input.chat_id);
      const thread = await loadThread(tx, chat, input.thread_id);
      if (add) await requireUsableTag(tx, chat.licenseId, input.tag, thread.access.group_ids);
      const has = thread.tags.includes(input.tag);
      if (has === add) return;
      thread.tags = add ? [...thread.tags, input.tag] : thread.tags.filter((t) => t !== input.tag);
      await tx.updateThread(thread);
      const payload = { chat_id: chat.id, thread_id: thread.id, tag: input.tag };
      emit(chatPush(chat, await tx.getChatUsers(chat.id), add ? 'thread_tagged' : 'thread_untagged', payload, undefined, origin));
    });
    return {};
  }
}
