import type { ChatScope } from '../../domain/ports.js';

/** `chat` (an alias of the chats table) is in the scope: one of its groups, or the user is present in it. */
export function chatScopeSql(scope: ChatScope, chat: string): { sql: string; params: unknown[] } {
  const groups = scope.groupIds.length
    ? `EXISTS (SELECT 1 FROM json_each(${chat}.access, '$.group_ids') g WHERE g.value IN (${scope.groupIds.map(() => '?').join(',')})) OR `
    : '';
  return {
    sql: `(${groups}EXISTS (SELECT 1 FROM chat_users su WHERE su.chat_id = ${chat}.id AND su.user_id = ? AND su.present = 1))`,
    params: [...scope.groupIds, scope.presentUserId],
  };
}
