import type { Access } from '../../../protocol/entities.js';
import type { AgentRecord } from '../model.js';

const SEES_ALL_GROUPS = new Set(['owner', 'viceowner', 'administrator']);

/** Owners and administrators see the chats of every group (`chats--all`). */
export const seesAllGroups = (agent: AgentRecord): boolean => SEES_ALL_GROUPS.has(agent.role);

/**
 * Whether an agent may see a chat with this access (`chats--access`): it is a member of one of the
 * chat's groups, or sees all groups. Group 0 holds every agent of the license.
 */
export function canAccessChat(agent: AgentRecord, access: Access): boolean {
  if (seesAllGroups(agent)) return true;
  return access.group_ids.some((g) => g === 0 || agent.groups.some((m) => m.id === g));
}
