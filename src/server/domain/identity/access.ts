import type { Access } from '../../../protocol/entities.js';
import type { AgentRecord, AgentRole, ChatRecord, ChatUserRecord } from '../model.js';
import type { ChatScope } from '../ports.js';

/**
 * Who may do what (docs/security.md, "Access rules"). LiveChat's role scopes: owners, vice-owners
 * and administrators hold `chats--all` and `agents-bot--all`; normal agents hold `chats--access`
 * (chats of their groups) and `chats--my` (chats they are present in). Every chat request and
 * every chat list goes through these functions, so a handler cannot forget them.
 */
const MANAGER_ROLES: ReadonlySet<AgentRole> = new Set(['owner', 'viceowner', 'administrator']);

export function isManager(agent: AgentRecord): boolean {
  return MANAGER_ROLES.has(agent.role);
}

/** The groups whose chats an agent reaches; 'all' for managers. Group 0 only when the agent belongs to it. */
export function chatGroupsOf(agent: AgentRecord): number[] | 'all' {
  return isManager(agent) ? 'all' : agent.groups.map((g) => g.id);
}

/** The filter list queries apply for an agent; undefined = every chat of the license. */
export function chatScopeOf(agent: AgentRecord): ChatScope | undefined {
  const groups = chatGroupsOf(agent);
  return groups === 'all' ? undefined : { groupIds: groups, presentUserId: agent.id };
}

/** Does the chat belong to one of the groups the agent reaches? (Presence is checked apart: it needs the chat's users.) */
export function reachesChatGroups(agent: AgentRecord, chat: ChatRecord): boolean {
  return canAccessChat(agent, chat.access);
}

/** May the agent reach a chat with this access, presence aside (a transfer target, a follower)? */
export function canAccessChat(agent: AgentRecord, access: Access): boolean {
  const groups = chatGroupsOf(agent);
  return groups === 'all' || access.group_ids.some((g) => groups.includes(g));
}

export function maySeeChat(agent: AgentRecord, chat: ChatRecord, members: readonly ChatUserRecord[]): boolean {
  return reachesChatGroups(agent, chat) || members.some((m) => m.userId === agent.id && m.present);
}

/**
 * May `requester` act as `bot` (`X-Author-Id`, RTM `author_id`) or set its routing status? Only
 * the app that owns the bot (its client id) or a manager of the license (`agents-bot--all:rw`).
 */
export function mayActAsBot(requester: AgentRecord, bot: AgentRecord, clientId?: string): boolean {
  if (!bot.isBot || bot.licenseId !== requester.licenseId) return false;
  if (isManager(requester)) return true;
  return clientId !== undefined && bot.ownerClientId !== undefined && bot.ownerClientId === clientId;
}
