import { parseFilterTime } from '../conversations/chatQueries.js';
import type { EventRecord } from '../model.js';
import type { ArchiveQuery, PropertyFilter, SetFilter } from '../ports.js';

type Value = string | number | boolean;
interface WireSetFilter<T extends Value> { exists?: boolean; values?: T[]; exclude_values?: T[]; require_every_value?: boolean }

/** `list_archives` filters as they come on the wire (validated by the API schema). */
export interface ArchiveRequestFilters {
  query?: string;
  from?: string;
  to?: string;
  thread_ids?: string[];
  /** The documented set filter, or the bare id list older Switchboard clients send. */
  agents?: WireSetFilter<string> | string[];
  tags?: WireSetFilter<string>;
  event_types?: WireSetFilter<string>;
  properties?: Record<string, Record<string, Omit<WireSetFilter<Value>, 'require_every_value'>>>;
  group_ids?: number[];
  /** Switchboard: threads of one customer. */
  customer_id?: string;
}

type Filters = Omit<ArchiveQuery, 'licenseId' | 'order' | 'after' | 'limit'>;

const time = (v: string | undefined, name: string) => (v === undefined ? undefined : parseFilterTime(v, name));

function setFilter<T extends Value>(f: WireSetFilter<T>): SetFilter<T> {
  return {
    ...(f.exists !== undefined ? { exists: f.exists } : {}),
    ...(f.values ? { values: f.values } : {}),
    ...(f.exclude_values ? { excludeValues: f.exclude_values } : {}),
    ...(f.require_every_value !== undefined ? { requireEveryValue: f.require_every_value } : {}),
  };
}

/** Turns the wire filters into the store's archive query. */
export function archiveQuery(f: ArchiveRequestFilters): Filters {
  const from = time(f.from, 'from');
  const to = time(f.to, 'to');
  const properties: PropertyFilter[] = Object.entries(f.properties ?? {}).flatMap(([namespace, names]) =>
    Object.entries(names).map(([name, op]) => ({ namespace, name, ...setFilter<Value>(op) })));
  const agents = Array.isArray(f.agents) ? (f.agents.length ? { values: f.agents } : undefined) : f.agents && setFilter(f.agents);
  return {
    ...(from !== undefined ? { from } : {}), ...(to !== undefined ? { to } : {}),
    ...(f.thread_ids ? { threadIds: f.thread_ids } : {}),
    ...(agents ? { agents } : {}),
    ...(f.tags ? { tags: setFilter(f.tags) } : {}),
    ...(f.event_types ? { eventTypes: setFilter(f.event_types) } : {}),
    ...(properties.length ? { properties } : {}),
    ...(f.group_ids?.length ? { groupIds: f.group_ids } : {}),
    ...(f.customer_id ? { customerId: f.customer_id } : {}),
    ...(f.query ? { query: f.query } : {}),
  };
}

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/**
 * The texts of a thread's messages that contain `query`, each match wrapped in the tags (default
 * `<em>`…`</em>`). NOTE: the tags make this HTML, so the message text around them is escaped.
 */
export function highlightMatches(events: readonly EventRecord[], query: string, tags: { pre_tag?: string; post_tag?: string }): string[] {
  const pre = tags.pre_tag ?? '<em>';
  const post = tags.post_tag ?? '</em>';
  const needle = query.toLowerCase();
  const out: string[] = [];
  for (const e of events) {
    const text = e.type === 'message' ? (e.body as { text?: unknown }).text : undefined;
    if (typeof text !== 'string' || !text.toLowerCase().includes(needle)) continue;
    let html = '';
    let at = 0;
    for (let i = text.toLowerCase().indexOf(needle); i !== -1; i = text.toLowerCase().indexOf(needle, at)) {
      html += `${escapeHtml(text.slice(at, i))}${pre}${escapeHtml(text.slice(i, i + query.length))}${post}`;
      at = i + query.length;
    }
    out.push(html + escapeHtml(text.slice(at)));
  }
  return out;
}
