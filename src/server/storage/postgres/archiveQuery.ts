import type { ArchiveQuery, SetFilter } from '../../domain/ports.js';
import type { Params } from './sql.js';

/**
 * One documented set filter over a subquery that selects one jsonb column named `v` for the thread.
 * Values compare as jsonb, so 1, "1" and true stay apart as they do on the wire.
 */
function setCondition(where: string[], p: Params, values: string, f: SetFilter<string | number | boolean>): void {
  if (f.exists !== undefined) {
    where.push(`${f.exists ? '' : 'NOT '}EXISTS (${values})`);
    return;
  }
  const list = [...new Set(f.values ?? f.excludeValues ?? [])];
  if (list.length === 0) return;
  const wanted = `ARRAY(SELECT jsonb_array_elements(${p.add(JSON.stringify(list))}::jsonb))`;
  const present = `(SELECT COUNT(DISTINCT x.v) FROM (${values}) x WHERE x.v = ANY(${wanted}))`;
  const every = f.requireEveryValue === true;
  if (f.values) where.push(every ? `${present} = ${list.length}` : `${present} > 0`);
  else where.push(every ? `${present} < ${list.length}` : `${present} = 0`);
}

/** The WHERE conditions of `listArchivedThreads` over `threads t JOIN chats c` (everything but the keyset). */
export function archiveConditions(q: ArchiveQuery, p: Params): string[] {
  const where: string[] = [`t.license_id = ${p.add(q.licenseId)}`, 'NOT t.active'];
  if (q.threadIds) where.push(`t.id = ANY(${p.add(q.threadIds)}::text[])`);
  if (q.from !== undefined) where.push(`t.created_at >= ${p.add(q.from)}`);
  if (q.to !== undefined) where.push(`t.created_at <= ${p.add(q.to)}`);
  if (q.customerId) where.push(`c.customer_id = ${p.add(q.customerId)}`);
  if (q.groupIds?.length) where.push(`EXISTS (SELECT 1 FROM jsonb_array_elements(t.data->'access'->'group_ids') g(v) WHERE g.v::int = ANY(${p.add(q.groupIds)}::int[]))`);
  // Thread users are customers and agents; only the license's agents (and bots) count.
  if (q.agents) setCondition(where, p, `SELECT u.v FROM jsonb_array_elements(t.data->'userIds') u(v) WHERE (u.v #>> '{}') IN (SELECT a.id FROM agents a WHERE a.license_id = t.license_id)`, q.agents);
  if (q.tags) setCondition(where, p, `SELECT g.v FROM jsonb_array_elements(COALESCE(t.data->'tags', '[]'::jsonb)) g(v)`, q.tags);
  if (q.eventTypes) setCondition(where, p, 'SELECT to_jsonb(e.type) v FROM events e WHERE e.thread_id = t.id', q.eventTypes);
  for (const f of q.properties ?? []) {
    const value = `COALESCE(t.data->'properties'->${p.add(f.namespace)}->${p.add(f.name)}, c.properties->${p.add(f.namespace)}->${p.add(f.name)})`;
    setCondition(where, p, `SELECT ${value} v WHERE ${value} IS NOT NULL AND ${value} <> 'null'::jsonb`, f);
  }
  if (q.query) where.push(`EXISTS (SELECT 1 FROM events e WHERE e.thread_id = t.id AND e.type = 'message' AND strpos(lower(e.body->>'text'), lower(${p.add(q.query)})) > 0)`);
  return where;
}
