import { z } from 'zod';
import { ROUTING_STATUSES } from '../../../protocol/entities.js';
import { id, sortOrder } from '../shared/schemas.js';

/** Payload schemas of the Agent Chat API (the ones it shares with customers live in ../shared). */

const groupIds = z.array(z.number().int().nonnegative()).max(200);

export const login = z.looseObject({
  token: z.string().min(1),
  away: z.boolean().optional(),
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

export const listArchives = z.object({
  filters: z.looseObject({
    query: z.string().max(1024).optional(),
    from: z.string().optional(),
    to: z.string().optional(),
    agents: z.union([z.array(id), z.object({ values: z.array(id) })]).optional(),
    group_ids: groupIds.optional(),
    /** Switchboard: threads of one customer. */
    customer_id: id.optional(),
  }).optional(),
  sort_order: sortOrder.optional(),
  limit: z.number().int().optional(),
  page_id: z.string().optional(),
  highlights: z.unknown().optional(),
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
export const listCustomers = z.object({ limit: z.number().int().optional(), sort_order: sortOrder.optional(), page_id: z.string().optional() });
export const tag = z.object({ chat_id: id, thread_id: id, tag: z.string().min(1).max(256) });
export const listRoutingStatuses = z.object({ filters: z.object({ group_ids: groupIds.optional() }).optional() });
export const setRoutingStatus = z.object({ status: z.enum(ROUTING_STATUSES), agent_id: id.optional() });
export const setAwayStatus = z.object({ away: z.boolean() });
export const chatRef = z.object({ id });
export const agentsForTransfer = z.object({ chat_id: id });
