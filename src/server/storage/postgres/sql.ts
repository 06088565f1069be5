import type pg from 'pg';
import type { ChatScope, PageQuery } from '../../domain/ports.js';

/**
 * JSON text for a jsonb column. JSON.stringify writes a lone UTF-16 surrogate (a client may send
 * one, e.g. "\udfff") and U+0000 as `\uXXXX` escapes, which jsonb refuses (22P05); such escapes
 * become U+FFFD, as they do in text columns. An escaped backslash (`\\`) is kept as it is.
 */
export const json = (v: unknown) => jsonText(JSON.stringify(v));

/**
 * `json`'s mending for text that is already JSON. JSON.stringify writes `\u` only for control
 * characters and lone surrogates, so text without one (nearly all of it) is returned as it is.
 */
export const jsonText = (text: string) => (text.includes('\\u') ? text.replace(/\\(\\|u[dD][89a-fA-F][0-9a-fA-F]{2}|u0000)/g, (m, rest: string) => (rest === '\\' ? m : '\\ufffd')) : text);
/**
 * Statements are prepared once per connection and then only bound and run: PostgreSQL skips parsing
 * and planning them (about half of its CPU time for these short statements). Names are given to
 * the first distinct texts; texts built from filters past that bound run unnamed.
 */
const names = new Map<string, string>();
const MAX_NAMED = 2000;
export function statement(text: string, values: unknown[]): pg.QueryConfig {
  let name = names.get(text);
  if (name === undefined && names.size < MAX_NAMED) names.set(text, (name = `sb${names.size}`));
  return name === undefined ? { text, values } : { name, text, values };
}
/** PostgreSQL text cannot hold U+0000 (22021); a client's NUL becomes U+FFFD, as in jsonb. */
export const withoutNul = (params: unknown[]): unknown[] => params.map((p) => (typeof p === 'string' ? (p.includes('\0') ? p.replaceAll('\0', '\ufffd') : p) : Array.isArray(p) ? withoutNul(p) : p));

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
