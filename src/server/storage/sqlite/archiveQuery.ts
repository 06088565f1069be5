import type { ArchiveQuery, SetFilter } from '../../domain/ports.js';

/** SQL conditions over `threads t JOIN chats c` for the archive filters, with their parameters. */
export interface Conditions {
  where: string[];
  params: unknown[];
}

/** SQLite's JSON functions turn booleans into 1/0. */
const sqlValue = (v: string | number | boolean) => (typeof v === 'boolean' ? (v ? 1 : 0) : v);
const marks = (n: number) => Array.from({ length: n }, () => '?').join(',');

/**
 * One documented set filter over a subquery that selects one column named `v` for the thread
 * (`SELECT u.value v FROM json_each(…) u`).
 */
function setCondition(out: Conditions, values: string, f: SetFilter<string | number | boolean>): void {
  if (f.exists !== undefined) {
    out.where.push(`${f.exists ? '' : 'NOT '}EXISTS (${values})`);
    return;
  }
  const list = [...new Set(f.values ?? f.excludeValues ?? [])].map(sqlValue);
  if (list.length === 0) return;
  const present = `(SELECT COUNT(DISTINCT x.v) FROM (${values}) x WHERE x.v IN (${marks(list.length)}))`;
  const every = f.requireEveryValue === true;
  if (f.values) out.where.push(every ? `${present} = ${list.length}` : `${present} > 0`);
  else out.where.push(every ? `${present} < ${list.length}` : `${present} = 0`);
  out.params.push(...list);
}

/** A JSON path to `namespace.name` inside a properties object; the schema keeps quotes out of both parts. */
function propertyPath(root: string, namespace: string, name: string): string {
  if (/["'\\]/.test(namespace + name)) throw new Error('property filter names must not contain quotes or backslashes');
  return `${root}."${namespace}"."${name}"`;
}

/** Builds the WHERE conditions of `listArchivedThreads` (everything but the keyset). */
export function archiveConditions(q: ArchiveQuery): Conditions {
  const out: Conditions = { where: ['t.license_id = ?', 't.active = 0'], params: [q.licenseId] };
  if (q.threadIds) {
    out.where.push(`t.id IN (${marks(q.threadIds.length)})`);
    out.params.push(...q.threadIds);
  }
  if (q.from !== undefined) { out.where.push('t.created_at >= ?'); out.params.push(q.from); }
  if (q.to !== undefined) { out.where.push('t.created_at <= ?'); out.params.push(q.to); }
  if (q.customerId) { out.where.push('c.customer_id = ?'); out.params.push(q.customerId); }
  if (q.groupIds?.length) {
    out.where.push(`EXISTS (SELECT 1 FROM json_each(t.data, '$.access.group_ids') g WHERE g.value IN (${marks(q.groupIds.length)}))`);
    out.params.push(...q.groupIds);
  }
  if (q.agents) {
    // Thread users are customers and agents; only the license's agents (and bots) count.
    setCondition(out, `SELECT u.value v FROM json_each(t.data, '$.userIds') u WHERE u.value IN (SELECT a.id FROM agents a WHERE a.license_id = t.license_id)`, q.agents);
  }
  if (q.tags) setCondition(out, `SELECT g.value v FROM json_each(t.data, '$.tags') g`, q.tags);
  if (q.eventTypes) setCondition(out, 'SELECT e.type v FROM events e WHERE e.thread_id = t.id', q.eventTypes);
  for (const p of q.properties ?? []) {
    const value = `COALESCE(json_extract(t.data, '${propertyPath('$.properties', p.namespace, p.name)}'), json_extract(c.properties, '${propertyPath('$', p.namespace, p.name)}'))`;
    setCondition(out, `SELECT ${value} v WHERE ${value} IS NOT NULL`, p);
  }
  if (q.query) {
    out.where.push(`EXISTS (SELECT 1 FROM events e WHERE e.thread_id = t.id AND e.type = 'message' AND instr(lower(json_extract(e.body, '$.text')), lower(?)) > 0)`);
    out.params.push(q.query);
  }
  return out;
}
