import type { CustomerNumberField, CustomerQuery, CustomerSortKey } from '../../domain/ports.js';
import { chatScopeSql, Params } from './sql.js';

/** Time of the newest event in the customer's chats, by the customer or by anyone else; NULL when there is none. */
const lastEvent = (byCustomer: boolean) => `(SELECT MAX(e.created_at) FROM events e JOIN chats x ON x.id = e.chat_id
  WHERE x.customer_id = c.id AND ${byCustomer ? 'e.author_id = c.id' : 'e.author_id IS NOT NULL AND e.author_id <> c.id'})`;

const NUMBER: Record<CustomerNumberField | CustomerSortKey, string> = {
  created_at: 'c.created_at',
  chats_count: "COALESCE((c.data->>'chatsCount')::bigint, 0)",
  threads_count: "COALESCE((c.data->>'threadsCount')::bigint, 0)",
  visits_count: "COALESCE((c.data->>'visitsCount')::bigint, 0)",
  agent_last_event: lastEvent(false),
  customer_last_event: lastEvent(true),
};

const TEXT = { id: 'c.id', name: "(c.data->>'name')", email: "lower(c.data->>'email')" } as const;
const OPS = { lt: '<', lte: '<=', gt: '>', gte: '>=', eq: '=' } as const;

/**
 * The SELECTs of `findCustomers`: filters, then keyset pagination on (sort value, id). A customer
 * with no value for a filtered field (no e-mail, say) never matches `values` and is never excluded.
 */
export function customerQuerySql(q: CustomerQuery): { page: string; params: unknown[]; count: string; countParams: unknown[] } {
  const p = new Params();
  const where: string[] = [`c.license_id = ${p.add(q.licenseId)}`];
  for (const m of q.match) {
    const expr = TEXT[m.field];
    const norm = (v: string) => (m.field === 'email' ? v.toLowerCase() : v);
    if (m.values) where.push(`${expr} = ANY(${p.add(m.values.map(norm))}::text[])`);
    if (m.excludeValues) where.push(`(${expr} IS NULL OR NOT ${expr} = ANY(${p.add(m.excludeValues.map(norm))}::text[]))`);
  }
  for (const r of q.ranges) where.push(`${NUMBER[r.field]} ${OPS[r.op]} ${p.add(r.value)}`);
  const inGroups = (ids: number[]) => `EXISTS (SELECT 1 FROM chats x, jsonb_array_elements(x.access->'group_ids') g(v) WHERE x.customer_id = c.id AND g.v::int = ANY(${p.add(ids)}::int[]))`;
  if (q.chatGroupIds?.values) where.push(inGroups(q.chatGroupIds.values));
  if (q.chatGroupIds?.excludeValues) where.push(`NOT ${inGroups(q.chatGroupIds.excludeValues)}`);
  if (!q.includeWithoutChats) where.push('EXISTS (SELECT 1 FROM chats x WHERE x.customer_id = c.id)');
  if (q.scope) where.push(`EXISTS (SELECT 1 FROM chats s WHERE s.customer_id = c.id AND ${chatScopeSql(q.scope, 's', p)})`);
  const countParams = [...p.values];

  // Customers with no such event sort as oldest; in filters they match no range (NULL compares false).
  const key = `COALESCE(${NUMBER[q.sortBy]}, 0)`;
  const dir = q.order === 'asc' ? 'ASC' : 'DESC';
  const cmp = q.order === 'asc' ? '>' : '<';
  const pageWhere = [...where];
  if (q.after) {
    const k = p.add(q.after.key);
    pageWhere.push(`(${key} ${cmp} ${k} OR (${key} = ${k} AND c.id ${cmp} ${p.add(q.after.id)}))`);
  }
  return {
    page: `SELECT c.data, ${key} AS sort_key FROM customers c WHERE ${pageWhere.join(' AND ')} ORDER BY sort_key ${dir}, c.id ${dir} LIMIT ${p.add(q.limit)}`,
    params: p.values,
    count: `SELECT COUNT(*) n FROM customers c WHERE ${where.join(' AND ')}`,
    countParams,
  };
}
