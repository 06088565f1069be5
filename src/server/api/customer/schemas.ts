import { z } from 'zod';
import { FORM_TYPES } from '../../../protocol/forms.js';
import { avatarUrl, httpUrl, sessionFields, sortOrder, id } from '../shared/schemas.js';

export const login = z.looseObject({
  token: z.string().min(1),
  customer: z.object({ name: z.string().max(256).optional(), email: z.string().max(256).optional(), avatar: avatarUrl.optional(), session_fields: sessionFields.optional() }).optional(),
  customer_page: z.object({ url: httpUrl(4096), title: z.string().max(1024).optional() }).optional(),
  group_id: z.number().int().nonnegative().optional(),
  pushes: z.record(z.string(), z.array(z.string())).optional(),
});

export const listChats = z.object({ limit: z.number().int().optional(), sort_order: sortOrder.optional(), page_id: z.string().optional() });
export const sneakPeek = z.object({ chat_id: id, sneak_peek_text: z.string().max(16 * 1024) });
export const updateCustomer = z.object({ name: z.string().max(256).optional(), email: z.string().max(256).optional(), avatar: avatarUrl.optional(), session_fields: sessionFields.optional() });
export const setSessionFields = z.object({ session_fields: sessionFields });
export const customerPage = z.object({ url: httpUrl(4096), title: z.string().max(1024).optional() });
export const licenseProperties = z.object({ namespace: z.string().optional(), name: z.string().optional() });
export const groupProperties = z.object({ id: z.coerce.number().int().nonnegative(), namespace: z.string().optional(), name: z.string().optional() });
export const groupStatuses = z.object({ all: z.boolean().optional(), group_ids: z.array(z.number().int().nonnegative()).max(200).optional() })
  .refine((v) => v.all === true || v.group_ids !== undefined, 'send all:true or group_ids');
/** customer-sdk sends `group_id`; the documented request is empty. */
export const predictedAgent = z.object({ group_id: z.number().int().nonnegative().optional() });
export const getForm = z.strictObject({ group_id: z.coerce.number().int().nonnegative(), type: z.enum(FORM_TYPES) });
export const getUrlInfo = z.strictObject({ url: z.string().min(1).max(2048) });
export const acceptGreeting = z.strictObject({ greeting_id: z.number().int().positive(), unique_id: z.string().min(1).max(64) });
export const cancelGreeting = z.strictObject({ unique_id: z.string().min(1).max(64) });
export const listTeam = z.strictObject({});
export const sendTranscript = z.strictObject({ chat_id: id, email: z.string().max(256).optional() });
