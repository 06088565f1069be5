import type { CustomerNumberField, CustomerQuery, CustomerSortKey } from '../../domain/ports.js';
import { chatScopeSql } from './chatScopeSql.js';

/** Time of the newest event in the customer's chats, by the customer or by anyone else; NULL when there is none. */
const lastEvent = (byCustomer: boolean) => `(SELECT MAX(e.created_at) FROM events e JOIN chats x ON x.id = e.chat_id
  WHERE x.customer_id = c.id AND ${byCustomer ? 'e.author_id = c.id' : 'e.author_id IS NOT NULL AND e.author_id != c.id'})`;

const NUMBER: Record<CustomerNumberField | CustomerSortKey, string> = {
  created_at: 'c.created_at',
  chats_count: "COALESCE(json_extract(c.data, '$.chatsCount'), 0)",
  threads_count: "COALESCE(json_extract(c.data, '$.threadsCount'), 0)",
  visits_count: "COALESCE(json_extract(c.data, '$.visitsCount'), 0)",
  agent_last_event: lastEvent(false),
  customer_last_event: lastEvent(true),
};

const TEXT = {
  id: 'c.id',
  name: "json_extract(c.data, '$.name')",
  email: "lower(json_extract(c.data, '$.email'))",
} as const;

const OPS = { lt: '<', lte: '<=', gt: '>', gte: '>=', eq: '=' } as const;
const marks = (n: number) => Array.from({ length: n }, () => '?').join(', ');

/**
 * The SELECTs of `findCustomers`: filters, then keyset pagination on (sort value, id). A customer
 * with no value for a filtered field (no e-mail, say) never matches `values` and is never excluded.
 */
export function customerQuerySql(q: CustomerQuery): { page: string; params: unknown[]; count: string; countParams: unknown[] } {
  const where: string[] = ['c.license_id = ?'];
  const params: unknown[] = [q.licenseId];
  for (const m of q.match) {
    const expr = TEXT[m.field];
    const norm = (v: string) => (m.field === 'email' ? v.toLowerCase() : v);
    if (m.values) { where.push(`${expr} IN (${marks(m.values.length)})`); params.push(...m.values.map(norm)); }
    if (m.excludeValues) { where.push(`(${expr} IS NULL OR ${expr} NOT IN (${marks(m.excludeValues.length)}))`); params.push(...m.excludeValues.map(norm)); }
  }
  for (const r of q.ranges) { where.push(`${NUMBER[r.field]} ${OPS[r.op]} ?`); params.push(r.value); }
  const inGroups = (n: number) => `EXISTS (SELECT 1 FROM chats x, json_each(x.access, '$.group_ids') g WHERE x.customer_id = c.id AND g.value IN (${marks(n)}))`;
  if (q.chatGroupIds?.values) { where.push(inGroups(q.chatGroupIds.values.length)); params.push(...q.chatGroupIds.values); }
  if (q.chatGroupIds?.excludeValues) { where.push(`NOT ${inGroups(q.chatGroupIds.excludeValues.length)}`); params.push(...q.chatGroupIds.excludeValues); }
  if (!q.includeWithoutChats) where.push('EXISTS (SELECT 1 FROM chats x WHERE x.customer_id = c.id)');
  if (q.scope) {
    const inScope = chatScopeSql(q.scope, 's');
    where.push(`EXISTS (SELECT 1 FROM chats s WHERE s.customer_id = c.id AND ${inScope.sql})`);
    params.push(...inScope.params);
  }

  // Customers with no such event sort as oldest; in filters they match no range (NULL compares false).
  const key = `COALESCE(${NUMBER[q.sortBy]}, 0)`;
  const dir = q.order === 'asc' ? 'ASC' : 'DESC';
  const cmp = q.order === 'asc' ? '>' : '<';
  const pageWhere = [...where];
  const pageParams = [...params];
  if (q.after) {
    pageWhere.push(`(${key} ${cmp} ? OR (${key} = ? AND c.id ${cmp} ?))`);
    pageParams.push(q.after.key, q.after.key, q.after.id);
  }
  return {
    page: `SELECT c.data, ${key} AS sort_key FROM customers c WHERE ${pageWhere.join(' AND ')} ORDER BY sort_key ${dir}, c.id ${dir} LIMIT ?`,
    params: [...pageParams, q.limit],
    count: `SELECT COUNT(*) n FROM customers c WHERE ${where.join(' AND ')}`,
    countParams: params,
  };
}
