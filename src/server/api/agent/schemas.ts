import { z } from 'zod';
import { ROUTING_STATUSES } from '../../../protocol/entities.js';
import { MONITORING_LEVELS } from '../../domain/identity/visitors.js';
import { avatarUrl, id, sessionFields, sortOrder } from '../shared/schemas.js';

/** Payload schemas of the Agent Chat API (the ones it shares with customers live in ../shared). */

const groupIds = z.array(z.number().int().nonnegative()).max(200);

export const login = z.looseObject({
  token: z.string().min(1),
  away: z.boolean().optional(),
  customer_monitoring_level: z.enum(MONITORING_LEVELS).optional(),
  pushes: z.record(z.string(), z.array(z.string())).optional(),
});

export const listChats = z.object({
  filters: z.looseObject({
    include_active: z.boolean().optional(),
    active: z.boolean().nullable().optional(),
    include_chats_without_threads: z.boolean().optional(),
    group_ids: groupIds.optional(),
    /** Switchboard: only chats the requester is a present user of. */
    my_chats: z.boolean().optional(),
    /** Switchboard: only chats waiting in the queue. */
    queued: z.boolean().optional(),
  }).optional(),
  sort_order: sortOrder.optional(),
  limit: z.number().int().optional(),
  page_id: z.string().optional(),
});

/** One of `exists`, `values`, `exclude_values` (list_archives set filters). */
const oneOperator = (f: { exists?: unknown; values?: unknown; exclude_values?: unknown }) =>
  [f.exists, f.values, f.exclude_values].filter((x) => x !== undefined).length === 1;
const ONE_OPERATOR = { message: 'takes exactly one of exists, values or exclude_values' };

function setFilter<T extends z.ZodType>(value: T) {
  return z.strictObject({
    exists: z.boolean().optional(),
    values: z.array(value).min(1).max(200).optional(),
    exclude_values: z.array(value).min(1).max(200).optional(),
    require_every_value: z.boolean().optional(),
  }).refine(oneOperator, ONE_OPERATOR);
}

const propertyValue = z.union([z.string(), z.number(), z.boolean()]);
/** Namespace and property names as registered: no quotes, so they can name a JSON path. */
const propertyKey = z.string().regex(/^[A-Za-z0-9_.:@-]{1,128}$/, 'is not a property namespace or name');
const propertyFilter = z.strictObject({
  exists: z.boolean().optional(),
  values: z.array(propertyValue).min(1).max(200).optional(),
  exclude_values: z.array(propertyValue).min(1).max(200).optional(),
}).refine(oneOperator, ONE_OPERATOR);

/** Documented archive filters over data Switchboard does not keep: refused, never ignored. */
export const UNSUPPORTED_ARCHIVE_FILTERS = ['sales', 'goals', 'surveys', 'forms', 'greetings', 'agent_response', 'customer_countries'] as const;

const archiveFilters = z.strictObject({
  query: z.string().max(1024).optional(),
  from: z.string().optional(),
  to: z.string().optional(),
  thread_ids: z.array(id).min(1).max(20).optional(),
  agents: z.union([z.array(id), setFilter(id)]).optional(),
  tags: setFilter(z.string().min(1).max(256)).optional(),
  event_types: setFilter(z.string().min(1).max(64)).optional(),
  properties: z.record(propertyKey, z.record(propertyKey, propertyFilter)).optional(),
  group_ids: groupIds.optional(),
  /** Switchboard: threads of one customer. */
  customer_id: id.optional(),
  ...Object.fromEntries(UNSUPPORTED_ARCHIVE_FILTERS.map((k) => [k, z.unknown().optional()])),
}).superRefine((f, ctx) => {
  for (const key of UNSUPPORTED_ARCHIVE_FILTERS) {
    if ((f as Record<string, unknown>)[key] !== undefined) ctx.addIssue({ code: 'custom', path: [key], message: `filter ${key} is not supported by Switchboard` });
  }
  if (f.thread_ids && Object.keys(f).some((k) => k !== 'thread_ids' && (f as Record<string, unknown>)[k] !== undefined)) {
    ctx.addIssue({ code: 'custom', path: ['thread_ids'], message: 'thread_ids cannot be combined with other filters' });
  }
});

export const listArchives = z.object({
  filters: archiveFilters.optional(),
  sort_order: sortOrder.optional(),
  limit: z.number().int().optional(),
  page_id: z.string().optional(),
  highlights: z.strictObject({ pre_tag: z.string().max(64).optional(), post_tag: z.string().max(64).optional() })
    .refine((h) => (h.pre_tag === undefined) === (h.post_tag === undefined), { message: 'pre_tag and post_tag go together' }).optional(),
});

export const addUser = z.object({
  chat_id: id, user_id: id, user_type: z.enum(['agent', 'customer']), visibility: z.enum(['all', 'agents']),
  ignore_requester_presence: z.boolean().optional(),
});
export const removeUser = z.object({ chat_id: id, user_id: id, user_type: z.enum(['agent', 'customer']), ignore_requester_presence: z.boolean().optional() });

export const transfer = z.object({
  id,
  target: z.object({ type: z.enum(['agent', 'group']), ids: z.array(z.union([z.string().min(1), z.number().int().nonnegative()])).min(1).max(50) }).optional(),
  ignore_agents_availability: z.boolean().optional(),
  ignore_requester_presence: z.boolean().optional(),
});

export const typing = z.object({ chat_id: id, is_typing: z.boolean(), visibility: z.enum(['all', 'agents']).optional() });
export const banCustomer = z.object({ id, ban: z.object({ days: z.number().int() }) });
export const customerId = z.object({ id });
/** `values` or `exclude_values`, exactly one (docs: "only one value allowed for a single filter"). */
const oneOf = <T extends z.ZodType>(t: T) => z.strictObject({ values: z.array(t).min(1).max(100).optional(), exclude_values: z.array(t).min(1).max(100).optional() })
  .refine((f) => (f.values === undefined) !== (f.exclude_values === undefined), 'give exactly one of values or exclude_values');
const range = <T extends z.ZodType>(t: T) => z.strictObject({ lt: t.optional(), lte: t.optional(), gt: t.optional(), gte: t.optional(), eq: t.optional() })
  .refine((f) => Object.keys(f).length > 0, 'give at least one of lt, lte, gt, gte, eq');
const count = range(z.number().int());
const dates = range(z.string().min(1).max(64));

/** Strict: an unknown filter is refused (`validation`), never ignored (#13). */
export const listCustomers = z.strictObject({
  page_id: z.string().optional(),
  limit: z.number().int().optional(),
  sort_order: sortOrder.optional(),
  sort_by: z.enum(['created_at', 'threads_count', 'visits_count', 'agent_last_event', 'customer_last_event']).optional(),
  filters: z.strictObject({
    country: oneOf(z.string()).optional(),
    email: oneOf(z.string()).optional(),
    name: oneOf(z.string()).optional(),
    customer_id: oneOf(z.string()).optional(),
    chats_count: count.optional(),
    threads_count: count.optional(),
    visits_count: count.optional(),
    created_at: dates.optional(),
    agent_last_event_created_at: dates.optional(),
    customer_last_event_created_at: dates.optional(),
    chat_group_ids: z.strictObject({ values: z.array(z.number().int().nonnegative()).min(1).max(40).optional(), exclude_values: z.array(z.number().int().nonnegative()).min(1).max(40).optional() })
      .refine((f) => (f.values === undefined) !== (f.exclude_values === undefined), 'give exactly one of values or exclude_values').optional(),
    include_customers_without_chats: z.boolean().optional(),
  }).optional(),
});
export type ListCustomersInput = z.infer<typeof listCustomers>;

const customerFields = { name: z.string().max(256).optional(), email: z.string().max(256).optional(), avatar: avatarUrl.optional(), session_fields: sessionFields.optional() };
export const createCustomer = z.strictObject(customerFields);
export const updateCustomer = z.strictObject({ id: z.uuidv4(), ...customerFields });
export const tag = z.object({ chat_id: id, thread_id: id, tag: z.string().min(1).max(256) });
export const listRoutingStatuses = z.object({ filters: z.object({ group_ids: groupIds.optional() }).optional() });
export const setRoutingStatus = z.object({ status: z.enum(ROUTING_STATUSES), agent_id: id.optional() });
export const setAwayStatus = z.object({ away: z.boolean() });
export const chatRef = z.object({ id });
export const agentsForTransfer = z.object({ chat_id: id });
