import type { CustomerUser } from '../../../protocol/entities.js';
import { parseTimestamp } from '../../../protocol/time.js';
import { renderCustomer } from '../conversations/views.js';
import { DomainError } from '../errors.js';
import type { CustomerRecord } from '../model.js';
import { paginate, resolvePage } from '../pagination.js';
import type { Clock, CustomerNumberField, CustomerQuery, CustomerSortKey } from '../ports.js';
import type { UnitOfWork } from '../unitOfWork.js';
import { chatScopeOf } from './access.js';
import type { AgentActor } from './actor.js';

type OneOf<T> = { values?: T[] | undefined; exclude_values?: T[] | undefined };
type Range<T> = { lt?: T | undefined; lte?: T | undefined; gt?: T | undefined; gte?: T | undefined; eq?: T | undefined };

export interface CustomerFilters {
  country?: OneOf<string> | undefined;
  email?: OneOf<string> | undefined;
  name?: OneOf<string> | undefined;
  customer_id?: OneOf<string> | undefined;
  chats_count?: Range<number> | undefined;
  threads_count?: Range<number> | undefined;
  visits_count?: Range<number> | undefined;
  created_at?: Range<string> | undefined;
  agent_last_event_created_at?: Range<string> | undefined;
  customer_last_event_created_at?: Range<string> | undefined;
  chat_group_ids?: OneOf<number> | undefined;
  include_customers_without_chats?: boolean | undefined;
}

export interface ListCustomersInput {
  page_id?: string | undefined;
  limit?: number | undefined;
  sort_order?: 'asc' | 'desc' | undefined;
  sort_by?: CustomerSortKey | undefined;
  filters?: CustomerFilters | undefined;
}

/** What a page token remembers besides order and limit: the filters and the sort field. */
interface Remembered { filters: CustomerFilters; sortBy: CustomerSortKey }

/** Agent `list_customers`: every documented filter and sort, or a `validation` error; nothing ignored (#13). */
export class CustomerSearch {
  constructor(private readonly uow: UnitOfWork, private readonly clock: Clock) {}

  /** `actor` sees only customers with a chat it reaches (identity/access.ts, #11). */
  list(actor: AgentActor, input: ListCustomersInput): Promise<{ customers: CustomerUser[]; total_customers: number; next_page_id?: string; previous_page_id?: string }> {
    const licenseId = actor.licenseId;
    const scope = chatScopeOf(actor.agent);
    if (input.page_id !== undefined && input.sort_by !== undefined) throw new DomainError('validation', 'page_id cannot be combined with sort_by');
    if (input.filters?.country) {
      throw new DomainError('validation', 'filters.country is not supported: Switchboard does not geolocate customers', { filter: 'country' });
    }
    return this.uow.read(async (tx) => {
      const now = this.clock.now();
      const pageInput = {
        ...(input.page_id !== undefined ? { page_id: input.page_id } : {}),
        ...(input.limit !== undefined ? { limit: input.limit } : {}),
        ...(input.sort_order !== undefined ? { sort_order: input.sort_order } : {}),
        ...(input.page_id === undefined ? { filters: { filters: input.filters ?? {}, sortBy: input.sort_by ?? 'created_at' } } : {}),
      };
      const token = resolvePage<Remembered>(pageInput, { limit: 10, max: 100 }, now, `customers:${licenseId}`);
      const { filters, sortBy } = token.filters ?? { filters: {}, sortBy: 'created_at' as const };
      const base = { ...toQuery(licenseId, filters, sortBy), ...(scope ? { scope } : {}) };
      const page = await paginate(token, now, (row: { customer: CustomerRecord; sortKey: number }) => ({ key: row.sortKey, id: row.customer.id }),
        (order, after, limit) => tx.findCustomers({ ...base, order, limit, ...(after ? { after } : {}) }));
      return { customers: page.rows.map((r) => renderAgentCustomer(r.customer)), total_customers: page.total, ...page.links };
    });
  }
}

/** A customer as agents see it in lists and `get_customer`, statistics included. */
export function renderAgentCustomer(c: CustomerRecord): CustomerUser {
  return {
    ...renderCustomer(c, 'agent'),
    statistics: { chats_count: c.chatsCount ?? 0, threads_count: c.threadsCount ?? 0, visits_count: c.visitsCount, page_views_count: c.pageViewsCount, greetings_shown_count: 0, greetings_accepted_count: 0 },
  } as CustomerUser;
}

function toQuery(licenseId: number, f: CustomerFilters, sortBy: CustomerSortKey): Omit<CustomerQuery, 'order' | 'limit' | 'after'> {
  const match: CustomerQuery['match'] = [];
  for (const [key, field] of [['email', 'email'], ['name', 'name'], ['customer_id', 'id']] as const) {
    const v = f[key];
    if (v) match.push({ field, ...(v.values ? { values: v.values } : {}), ...(v.exclude_values ? { excludeValues: v.exclude_values } : {}) });
  }
  const ranges: CustomerQuery['ranges'] = [];
  const addRange = (field: CustomerNumberField, r: Range<number> | undefined) => {
    for (const op of ['lt', 'lte', 'gt', 'gte', 'eq'] as const) if (r?.[op] !== undefined) ranges.push({ field, op, value: r[op] });
  };
  addRange('chats_count', f.chats_count);
  addRange('threads_count', f.threads_count);
  addRange('visits_count', f.visits_count);
  addRange('created_at', times('created_at', f.created_at));
  addRange('agent_last_event', times('agent_last_event_created_at', f.agent_last_event_created_at));
  addRange('customer_last_event', times('customer_last_event_created_at', f.customer_last_event_created_at));
  const g = f.chat_group_ids;
  return {
    licenseId, sortBy, match, ranges,
    ...(g ? { chatGroupIds: { ...(g.values ? { values: g.values } : {}), ...(g.exclude_values ? { excludeValues: g.exclude_values } : {}) } } : {}),
    includeWithoutChats: f.include_customers_without_chats ?? true,
  };
}

/** RFC 3339 / ISO 8601 strings (any offset, microseconds) to microseconds; a date alone means its midnight UTC. */
function times(name: string, r: Range<string> | undefined): Range<number> | undefined {
  if (!r) return undefined;
  const out: Range<number> = {};
  for (const op of ['lt', 'lte', 'gt', 'gte', 'eq'] as const) {
    const v = r[op];
    if (v === undefined) continue;
    const t = parseTimestamp(v.includes('T') ? v : `${v}T00:00:00Z`);
    if (Number.isNaN(t)) throw new DomainError('validation', `filters.${name}.${op} must be an ISO 8601 timestamp`);
    out[op] = t;
  }
  return out;
}
