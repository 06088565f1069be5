import type { Thread, User } from '../../../protocol/entities.js';
import type { Actor, Viewer } from '../identity/actor.js';
import type { ChatPush, Origin } from '../domainEvents.js';
import { DomainError } from '../errors.js';
import { isManager, maySeeChat, reachesChatGroups } from '../identity/access.js';
import type { AgentRecord, ChatRecord, ChatUserRecord, CustomerRecord, ThreadRecord } from '../model.js';
import type { PushName } from '../pushNames.js';
import type { StoreTx } from '../ports.js';
import { renderChat, renderThread, renderUsers, type UserDirectory } from './views.js';

/**
 * Loads a chat the actor may see, or fails with `not_found`: foreign chats look the same as missing
 * ones. Customers see their own chats; agents the chats of their groups or those they are present
 * in, managers every chat of the license (identity/access.ts). Every chat action loads its chat here.
 */
export function loadChat(tx: StoreTx, actor: Actor, chatId: string): Promise<ChatRecord> {
  return loadVisible(tx, actor, chatId, (licenseId, id) => tx.getChat(licenseId, id));
}

/**
 * As loadChat, for actions that only read their chat: the store may hand out its shared record
 * (StoreTx.viewChat), which must not be changed (#16: no copy of the chat per send_event).
 */
export function viewChat(tx: StoreTx, actor: Actor, chatId: string): Promise<Readonly<ChatRecord>> {
  return loadVisible(tx, actor, chatId, (licenseId, id) => tx.viewChat(licenseId, id));
}

function loadVisible<C extends Readonly<ChatRecord>>(tx: StoreTx, actor: Actor, chatId: string, read: (licenseId: number, id: string) => Promise<C | undefined>): Promise<C> {
  if (typeof chatId !== 'string' || chatId.length === 0) return Promise.reject(new DomainError('validation', 'chat id is required'));
  // NOTE: chained, not an async function: every chat action loads its chat (#16, one async frame less).
  // A customer's check needs no second read.
  if (actor.type === 'customer') {
    const customerId = actor.id;
    return read(actor.licenseId, chatId).then((chat) => visibleOrNotFound(chat, chat?.customerId === customerId));
  }
  const { agent } = actor;
  return read(actor.licenseId, chatId).then((chat) => {
    // Most agents reach a chat through its groups: its users are read only otherwise.
    if (!chat || reachesChatGroups(agent, chat)) return visibleOrNotFound(chat, true);
    return tx.getChatUsers(chat.id).then((members) => visibleOrNotFound(chat, maySeeChat(agent, chat, members)));
  });
}

function visibleOrNotFound<C>(chat: C | undefined, visible: boolean): C {
  if (!chat || !visible) throw new DomainError('not_found', 'Chat not found');
  return chat;
}

/**
 * A customer as an agent reaches it: managers every customer of the license, other agents only
 * customers with a chat they may see (`not_found` otherwise). Returns the ids of those chats.
 */
export async function loadReachableCustomer(tx: StoreTx, agent: AgentRecord, customerId: string): Promise<{ customer: CustomerRecord; chatIds: string[] }> {
  const customer = typeof customerId === 'string' ? await tx.getCustomer(agent.licenseId, customerId) : undefined;
  if (!customer) throw new DomainError('not_found', 'Customer not found');
  const all = await tx.listCustomerChatIds(agent.licenseId, customer.id);
  if (isManager(agent)) return { customer, chatIds: all };
  const chatIds: string[] = [];
  for (const id of all) {
    const chat = await tx.getChat(agent.licenseId, id);
    if (chat && (reachesChatGroups(agent, chat) || maySeeChat(agent, chat, await tx.getChatUsers(chat.id)))) chatIds.push(id);
  }
  if (chatIds.length === 0) throw new DomainError('not_found', 'Customer not found');
  return { customer, chatIds };
}

/** Refuses with `authorization` when an agent to be put into a chat could not see it there. */
export function requireAgentReaches(agent: AgentRecord, chat: ChatRecord, members: readonly ChatUserRecord[]): void {
  if (!maySeeChat(agent, chat, members)) throw new DomainError('authorization', `${agent.id} has no access to the chat's groups`);
}

export async function loadThread(tx: StoreTx, chat: ChatRecord, threadId: string): Promise<ThreadRecord> {
  const thread = await tx.getThread(chat.id, threadId);
  if (!thread) throw new DomainError('not_found', 'Thread not found');
  return thread;
}

/** NOTE: chained, not an async function: every send_event reads its thread here (#16, one async frame less). */
export function activeThread(tx: StoreTx, chat: ChatRecord): Promise<ThreadRecord> {
  if (!chat.activeThreadId) return Promise.reject(new DomainError('chat_inactive'));
  return tx.getThread(chat.id, chat.activeThreadId).then(requireActiveThread);
}

function requireActiveThread(thread: ThreadRecord | undefined): ThreadRecord {
  if (!thread) throw new DomainError('chat_inactive');
  return thread;
}

export async function directoryFor(tx: StoreTx, licenseId: number, members: ChatUserRecord[]): Promise<UserDirectory> {
  const dir: UserDirectory = { customers: new Map(), agents: new Map() };
  for (const m of members) {
    if (m.userType === 'customer') {
      const c = await tx.getCustomer(licenseId, m.userId);
      if (c) dir.customers.set(c.id, c);
    } else {
      const a = await tx.getAgent(licenseId, m.userId);
      if (a) dir.agents.set(a.id, a);
    }
  }
  return dir;
}

/** Renders users and a thread in both views at once (pushes carry both). */
export async function renderBoth(tx: StoreTx, chat: ChatRecord, thread: ThreadRecord | undefined, now: number) {
  const members = await tx.getChatUsers(chat.id);
  const dir = await directoryFor(tx, chat.licenseId, members);
  const events = thread ? await tx.listThreadEvents(thread.id) : [];
  const position = thread ? await tx.queuePosition(chat.licenseId, thread) : 0;
  const render = (viewer: Viewer) => {
    const users: User[] = renderUsers(members, dir, viewer);
    const t: Thread | undefined = thread ? renderThread(thread, events, viewer, now, position) : undefined;
    return renderChat(chat, users, t, viewer);
  };
  return { members, agent: render('agent'), customer: render('customer') };
}

/**
 * Key changes reach every logged-in agent with access to the chat's groups; everything else only
 * the chat's users (protocol/agent-chat-api.md §3, Delivery).
 */
const KEY_CHAT_PUSHES = new Set<PushName>(['incoming_chat', 'chat_deactivated', 'chat_transferred', 'chat_access_updated', 'user_added_to_chat', 'user_removed_from_chat']);

/** A push about a chat to its users and, for key changes, to agents with access to its groups. */
export function chatPush(chat: ChatRecord, members: ChatUserRecord[], name: PushName, agentPayload: unknown, customerPayload: unknown | undefined, origin?: Origin, meta?: ChatPush['meta']): ChatPush {
  // Optional fields are assigned, not spread: a spread makes an object of its own (#16, allocation per send_event).
  const push: ChatPush = { kind: 'chat_push', licenseId: chat.licenseId, chatId: chat.id, name, agentPayload, userIds: members.map((m) => m.userId) };
  if (customerPayload !== undefined) push.customerPayload = customerPayload;
  if (KEY_CHAT_PUSHES.has(name)) push.agentGroups = chat.access.group_ids;
  if (origin) push.origin = origin;
  if (meta) push.meta = meta;
  return push;
}

/** Agents must be present chat users to act on a chat unless they ask to ignore presence. */
export function requirePresence(actor: Actor, members: ChatUserRecord[], ignorePresence = false): void {
  if (actor.type === 'customer' || ignorePresence) return;
  if (!members.some((m) => m.userId === actor.id && m.present)) {
    throw new DomainError('authorization', 'Requester is not a user of this chat');
  }
}
