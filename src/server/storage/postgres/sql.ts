import type { ChatScope, PageQuery } from '../../domain/ports.js';

/** Positional parameters of one statement: `add` returns the `$n` placeholder of a value. */
export class Params {
  constructor(readonly values: unknown[] = []) {}
  add(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
}

/** Keyset condition and ORDER BY for (key, id) pagination. */
export function keyset(column: string, idColumn: string, page: PageQuery, p: Params): { where: string; order: string } {
  const dir = page.order === 'asc' ? 'ASC' : 'DESC';
  const cmp = page.order === 'asc' ? '>' : '<';
  const order = `${column} ${dir}, ${idColumn} ${dir}`;
  if (!page.after) return { where: 'TRUE', order };
  const key = p.add(page.after.key);
  return { where: `(${column} ${cmp} ${key} OR (${column} = ${key} AND ${idColumn} ${cmp} ${p.add(page.after.id)}))`, order };
}

/** `chat` (an alias of the chats table) is in the scope: one of its groups, or the user is present in it. */
export function chatScopeSql(scope: ChatScope, chat: string, p: Params): string {
  const groups = scope.groupIds.length
    ? `EXISTS (SELECT 1 FROM jsonb_array_elements(${chat}.access->'group_ids') g(v) WHERE g.v::int = ANY(${p.add(scope.groupIds)}::int[])) OR `
    : '';
  return `(${groups}EXISTS (SELECT 1 FROM chat_users su WHERE su.chat_id = ${chat}.id AND su.user_id = ${p.add(scope.presentUserId)} AND su.present))`;
}
