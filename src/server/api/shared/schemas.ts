import { z } from 'zod';
import { isHttpUrl } from '../../domain/urls.js';

/** Payload schemas shared by the customer and agent surfaces. Unknown fields are dropped, not refused. */

export const id = z.string().min(1).max(128);
/** A URL a client gives the server: absolute http(s) only (docs/security.md, "URLs and files"). */
export const httpUrl = (max: number) => z.string().max(max).refine(isHttpUrl, 'must be an absolute http:// or https:// URL');
/** An avatar: an http(s) URL, or empty for none. */
export const avatarUrl = z.string().max(2048).refine((v) => v === '' || isHttpUrl(v), 'must be an absolute http:// or https:// URL (or empty)');
export const properties = z.record(z.string(), z.record(z.string(), z.unknown()));
export const propertyNames = z.record(z.string(), z.array(z.string()));
export const sortOrder = z.enum(['asc', 'desc']);
export const access = z.object({ group_ids: z.array(z.number().int().nonnegative()).min(1) });
export const sessionFields = z.array(z.record(z.string(), z.string()));

export const eventInput = z.looseObject({
  type: z.string(),
  custom_id: z.string().max(256).optional(),
  properties: properties.optional(),
  visibility: z.enum(['all', 'agents']).optional(),
  recipients: z.enum(['all', 'agents']).optional(),
});

const threadInput = z.object({ events: z.array(eventInput).max(20).optional(), properties: properties.optional() });
const chatUsers = z.array(z.object({ id, type: z.enum(['agent', 'customer']) })).max(5);

export const startChat = z.object({
  chat: z.object({ properties: properties.optional(), access: access.optional(), users: chatUsers.optional(), thread: threadInput.optional() }).optional(),
  active: z.boolean().optional(),
  continuous: z.boolean().optional(),
});

export const resumeChat = z.object({
  chat: z.object({ id, properties: properties.optional(), access: access.optional(), users: chatUsers.optional(), thread: threadInput.optional() }),
  active: z.boolean().optional(),
  continuous: z.boolean().optional(),
});

export const sendEvent = z.object({ chat_id: id, event: eventInput, attach_to_last_thread: z.boolean().optional() });
export const chatId = z.object({ chat_id: id });
export const getChat = z.object({ chat_id: id, thread_id: id.optional() });
export const deactivateChat = z.object({ id, ignore_requester_presence: z.boolean().optional() });
export const listThreads = z.object({
  chat_id: id, sort_order: sortOrder.optional(), limit: z.number().int().optional(), page_id: z.string().optional(),
  min_events_count: z.number().int().optional(), filters: z.object({ from: z.string().optional(), to: z.string().optional() }).optional(),
});
export const postback = z.object({ chat_id: id, thread_id: id, event_id: id, postback: z.object({ id: z.string().min(1), toggled: z.boolean() }) });
export const markSeen = z.object({ chat_id: id, seen_up_to: z.string() });
export const chatProps = z.object({ id, properties });
export const chatPropNames = z.object({ id, properties: propertyNames });
export const threadProps = z.object({ chat_id: id, thread_id: id, properties });
export const threadPropNames = z.object({ chat_id: id, thread_id: id, properties: propertyNames });
export const eventProps = z.object({ chat_id: id, thread_id: id, event_id: id, properties });
export const eventPropNames = z.object({ chat_id: id, thread_id: id, event_id: id, properties: propertyNames });
export const empty = z.object({});
