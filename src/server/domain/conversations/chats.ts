import type { EventInput } from '../../../protocol/customer.js';
import type { Access, Properties } from '../../../protocol/entities.js';
import type { Actor } from '../identity/actor.js';
import { chatGroupsOf } from '../identity/access.js';
import { activeThread, chatPush, loadChat, renderBoth, requirePresence } from './chatAccess.js';
import type { Origin } from '../domainEvents.js';
import { DomainError } from '../errors.js';
import { newShortId } from '../ids.js';
import type { ChatRecord, ChatUserRecord, EventRecord, ThreadRecord } from '../model.js';
import { EventWriter } from './eventWriter.js';
import { findStartRetry } from './startRetry.js';
import { dropFollowers } from '../agents/chatFollowers.js';
import type { PropertyCatalog } from '../configuration/propertyCatalog.js';
import type { Clock, StoreTx } from '../ports.js';
import { agentQueuePushes, customerQueuePush, type Router } from '../agents/routing.js';
import type { Emit, UnitOfWork } from '../unitOfWork.js';

export interface StartChatInput {
  chat?: { properties?: Properties; access?: Access; users?: { id: string; type: string }[]; thread?: { events?: EventInput[]; properties?: Properties } };
  active?: boolean;
  continuous?: boolean;
}

export interface ResumeChatInput {
  chat: { id: string; properties?: Properties; access?: Access; users?: { id: string; type: string }[]; thread?: { events?: EventInput[]; properties?: Properties } };
  active?: boolean;
  continuous?: boolean;
}

/** Chat lifecycle: start, resume (a new thread of the same chat), deactivate. */
export class ChatLifecycle {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly clock: Clock,
    private readonly router: Router,
    private readonly properties: PropertyCatalog,
    private readonly events: EventWriter,
  ) {}

  async startChat(actor: Actor, input: StartChatInput, origin?: Origin): Promise<{ chat_id: string; thread_id: string; event_ids?: string[] }> {
    const result = await this.uow.run(async (tx, emit) => {
      const active = input.active ?? true;
      const customerId = await this.#customerFor(tx, actor, input.chat?.users);
      // Before the limit check: the chat a lost acknowledgement was about already counts against it.
      const retried = await findStartRetry(tx, this.events, actor, customerId, input.chat?.thread?.events ?? []);
      if (retried) return retried;
      if (active) await this.#checkChatLimit(tx, actor, customerId);
      const access = await this.#access(tx, actor, input.chat?.access);
      const registry = await this.properties.registry(tx, actor.licenseId);
      const chatProps: Properties = structuredClone(input.chat?.properties ?? {});
      registry.checkWrite('chat', actor.type, chatProps);
      const threadProps: Properties = structuredClone(input.chat?.thread?.properties ?? {});
      registry.checkWrite('thread', actor.type, threadProps);
      if (actor.clientId) (chatProps.source ??= {})[actor.type === 'customer' ? 'customer_client_id' : 'client_id'] = actor.clientId;

      const now = this.clock.now();
      const chat: ChatRecord = {
        id: newShortId(), licenseId: actor.licenseId, customerId, access, properties: chatProps,
        createdAt: now, lastThreadId: '', lastThreadCreatedAt: now, activeThreadId: null,
      };
      const thread = this.#newThread(chat, threadProps, access, active, now, input.continuous);
      chat.lastThreadId = thread.id;
      chat.activeThreadId = active ? thread.id : null;
      await tx.insertChat(chat);
      await tx.insertThread(thread);

      const members: ChatUserRecord[] = [{ chatId: chat.id, userId: customerId, userType: 'customer', present: true, eventsSeenUpTo: 0, visibility: 'all' }];
      if (actor.type === 'agent') {
        members.push({ chatId: chat.id, userId: actor.id, userType: 'agent', present: true, eventsSeenUpTo: 0, visibility: 'all' });
        for (const u of input.chat?.users ?? []) {
          if (u.type === 'agent' && u.id !== actor.id) {
            if (!(await tx.getAgent(actor.licenseId, u.id))) throw new DomainError('validation', `Agent ${u.id} does not exist`);
            members.push({ chatId: chat.id, userId: u.id, userType: 'agent', present: true, eventsSeenUpTo: 0, visibility: 'all' });
          }
        }
      }
      for (const m of members) {
        await tx.upsertChatUser(m);
        if (!thread.userIds.includes(m.userId)) thread.userIds.push(m.userId);
      }
      await this.#bumpCustomerStats(tx, actor.licenseId, customerId, true);
      return this.#openThread(tx, emit, actor, chat, thread, input.chat?.thread?.events ?? [], input.continuous ?? false, origin, (ids) => ({
        chat_id: chat.id, thread_id: thread.id, ...(ids.length ? { event_ids: ids } : {}),
      }));
    });
    return result;
  }

  async resumeChat(actor: Actor, input: ResumeChatInput, origin?: Origin): Promise<{ thread_id: string; event_ids?: string[] }> {
    return this.uow.run(async (tx, emit) => {
      const chat = await loadChat(tx, actor, input.chat.id);
      if (chat.activeThreadId) throw new DomainError('chat_already_active');
      // Following lasts until the chat is reactivated.
      await dropFollowers(tx, chat.licenseId, chat.id, emit);
      const active = input.active ?? true;
      if (active) await this.#checkChatLimit(tx, actor, chat.customerId);
      const registry = await this.properties.registry(tx, actor.licenseId);
      if (input.chat.properties) {
        registry.checkWrite('chat', actor.type, input.chat.properties);
        for (const [ns, v] of Object.entries(input.chat.properties)) chat.properties[ns] = { ...(chat.properties[ns] ?? {}), ...v };
      }
      if (input.chat.access) chat.access = await this.#access(tx, actor, input.chat.access);
      const threadProps: Properties = structuredClone(input.chat.thread?.properties ?? {});
      registry.checkWrite('thread', actor.type, threadProps);

      const previous = await tx.getThread(chat.id, chat.lastThreadId);
      const now = this.clock.now();
      const continuous = input.continuous ?? previous?.properties.routing?.continuous === true;
      const thread = this.#newThread(chat, threadProps, chat.access, active, now, continuous, previous);
      if (previous) {
        previous.nextThreadId = thread.id;
        await tx.updateThread(previous);
      }
      chat.lastThreadId = thread.id;
      chat.lastThreadCreatedAt = now;
      chat.activeThreadId = active ? thread.id : null;
      await tx.updateChat(chat);
      await tx.insertThread(thread);

      // Agents who were in the chat stay users but are no longer present; the router picks anew.
      const members = await tx.getChatUsers(chat.id);
      for (const m of members) {
        if (m.userType === 'customer' || (actor.type === 'agent' && m.userId === actor.id)) {
          m.present = true;
          thread.userIds.push(m.userId);
        } else {
          m.present = false;
        }
        await tx.upsertChatUser(m);
      }
      if (actor.type === 'agent' && !members.some((m) => m.userId === actor.id)) {
        await tx.upsertChatUser({ chatId: chat.id, userId: actor.id, userType: 'agent', present: true, eventsSeenUpTo: 0, visibility: 'all' });
        thread.userIds.push(actor.id);
      }
      await this.#bumpCustomerStats(tx, actor.licenseId, chat.customerId, false);
      return this.#openThread(tx, emit, actor, chat, thread, input.chat.thread?.events ?? [], continuous, origin, (ids) => ({
        thread_id: thread.id, ...(ids.length ? { event_ids: ids } : {}),
      }));
    });
  }

  async deactivateChat(actor: Actor, chatId: string, origin?: Origin, ignorePresence = false): Promise<Record<string, never>> {
    await this.uow.run(async (tx, emit) => {
      const chat = await loadChat(tx, actor, chatId);
      const thread = await activeThread(tx, chat);
      requirePresence(actor, await tx.getChatUsers(chat.id), ignorePresence);
      await this.closeThread(tx, emit, chat, thread, {
        systemMessageType: actor.type === 'customer' ? 'manual_archived_customer' : 'manual_archived_agent',
        userId: actor.id,
        origin,
      });
    });
    return {};
  }

  /**
   * Closes the active thread with a system message, tells everyone, and lets queued chats take the
   * capacity it frees. Shared by deactivate_chat, bans and the router.
   */
  async closeThread(tx: StoreTx, emit: Emit, chat: ChatRecord, thread: ThreadRecord, how: { systemMessageType: string; text?: string; userId?: string; origin?: Origin }): Promise<void> {
    const members = await tx.getChatUsers(chat.id);
    const name = await this.events.displayName(tx, chat.licenseId, how.userId);
    const text = how.text ?? (how.systemMessageType === 'manual_archived_customer' ? `${name} archived the chat` : how.systemMessageType === 'manual_archived_agent' ? `${name} archived the chat` : 'The chat was closed');
    await this.events.appendSystemMessage(tx, emit, chat, thread, members, how.systemMessageType, text, how.userId ? { [how.systemMessageType.endsWith('customer') ? 'customer' : 'agent']: name } : undefined);
    thread.active = false;
    if (thread.queuedAt !== undefined) {
      thread.queuesDuration = Math.round((this.clock.now() - thread.queuedAt) / 1e6);
      delete thread.queuedAt;
    }
    await tx.updateThread(thread);
    chat.activeThreadId = null;
    await tx.updateChat(chat);
    const payload = { chat_id: chat.id, thread_id: thread.id, ...(how.userId ? { user_id: how.userId } : {}) };
    emit(chatPush(chat, members, 'chat_deactivated', payload, payload));
    await this.router.drainQueue(tx, chat.licenseId, emit);
  }

  async #openThread<R>(tx: StoreTx, emit: Emit, actor: Actor, chat: ChatRecord, thread: ThreadRecord, initial: EventInput[], continuous: boolean, origin: Origin | undefined, result: (ids: string[]) => R): Promise<R> {
    const written: EventRecord[] = [];
    for (const input of initial) {
      if (typeof input?.custom_id === 'string' && (await tx.findEventByCustomId(chat.id, actor.id, input.custom_id))) {
        throw new DomainError('validation', `event.custom_id ${JSON.stringify(input.custom_id)} is already used in this chat`);
      }
      written.push(await this.events.insertUserEvent(tx, actor, chat, thread, input));
    }
    if (written.length > 0) await this.events.markSeen(tx, chat.id, actor.id, written[written.length - 1]!.createdAt);

    let queuePosition: number | undefined;
    if (thread.active) {
      const alreadyAssigned = actor.type === 'agent';
      const outcome = await this.router.routeNewThread(tx, chat, thread, { continuous, alreadyAssigned });
      if (outcome.kind === 'queued') queuePosition = outcome.position;
      if (outcome.kind === 'assigned') {
        const name = outcome.agent.name;
        await this.events.appendSystemMessage(tx, null, chat, thread, await tx.getChatUsers(chat.id), 'routing.assigned_agent', `Chat assigned to ${name}`, { agent: name }, 'agents');
      }
    }
    const rendered = await renderBoth(tx, chat, thread, this.clock.now());
    const push = (view: typeof rendered.agent) => ({ chat: view, ...(actor.type === 'agent' ? { requester_id: actor.id } : {}) });
    emit(chatPush(chat, rendered.members, 'incoming_chat', push(rendered.agent), push(rendered.customer), origin, { sourceClientId: actor.clientId }));
    if (queuePosition !== undefined) {
      // The thread's `queue` inside incoming_chat cannot know its place; this push does.
      const queued = { chat_id: chat.id, thread_id: thread.id, queue: { position: queuePosition, wait_time: 0 } };
      emit(customerQueuePush(chat, queued, rendered.members.map((m) => m.userId)));
      for (const push of agentQueuePushes(chat.licenseId, [{ groups: chat.access.group_ids, payload: queued }])) emit(push);
    }
    return result(written.map((e) => e.id));
  }

  #newThread(chat: ChatRecord, properties: Properties, access: Access, active: boolean, now: number, continuous?: boolean, previous?: ThreadRecord): ThreadRecord {
    const props = structuredClone(properties);
    if (continuous !== undefined) (props.routing ??= {}).continuous = continuous;
    return {
      id: newShortId(), chatId: chat.id, seq: (previous?.seq ?? 0) + 1, createdAt: now, active, userIds: [],
      properties: props, access, tags: [], lastEventSeq: 0,
      ...(previous ? { previousThreadId: previous.id } : {}),
    };
  }

  async #customerFor(tx: StoreTx, actor: Actor, users?: { id: string; type: string }[]): Promise<string> {
    if (actor.type === 'customer') return actor.id;
    const customers = (users ?? []).filter((u) => u.type === 'customer');
    if (customers.length !== 1) throw new DomainError('validation', 'chat.users must contain exactly one customer');
    const customer = await tx.getCustomer(actor.licenseId, customers[0]!.id);
    if (!customer) throw new DomainError('not_found', 'Customer not found');
    return customer.id;
  }

  async #checkChatLimit(tx: StoreTx, actor: Actor, customerId: string): Promise<void> {
    if (actor.type !== 'customer') return;
    const customer = await tx.getCustomer(actor.licenseId, customerId);
    if (customer?.bannedUntil !== undefined && customer.bannedUntil > this.clock.now()) throw new DomainError('customer_banned');
    const max = await this.properties.maxCustomerChats(tx, actor.licenseId);
    const activeCount = await tx.countActiveChats(customerId);
    if (activeCount >= max) {
      throw new DomainError('chat_limit_reached', `Chat limit reached: a customer may have ${max} active chat${max === 1 ? '' : 's'}`, { limit: max, active_chats: activeCount });
    }
  }

  async #access(tx: StoreTx, actor: Actor, access?: Access): Promise<Access> {
    if (!access) return { group_ids: [0] };
    if (!Array.isArray(access.group_ids) || access.group_ids.length === 0 || !access.group_ids.every((g) => Number.isInteger(g) && g >= 0)) {
      throw new DomainError('validation', 'access.group_ids must be a non-empty array of group ids');
    }
    const known = new Set([0, ...(await tx.listGroupIds(actor.licenseId))]);
    for (const g of access.group_ids) if (!known.has(g)) throw new DomainError('group_not_found', `Group ${g} not found`);
    const reached = actor.type === 'agent' ? chatGroupsOf(actor.agent) : 'all';
    if (reached !== 'all' && !access.group_ids.every((g) => reached.includes(g))) {
      throw new DomainError('authorization', 'An agent may only open chats in its own groups');
    }
    return { group_ids: [...new Set(access.group_ids)] };
  }

  async #bumpCustomerStats(tx: StoreTx, licenseId: number, customerId: string, newChat: boolean): Promise<void> {
    const c = await tx.getCustomer(licenseId, customerId);
    if (!c) return;
    c.chatsCount = (c.chatsCount ?? 0) + (newChat ? 1 : 0);
    c.threadsCount = (c.threadsCount ?? 0) + 1;
    await tx.updateCustomer(c);
  }
}

export { requirePresence };
