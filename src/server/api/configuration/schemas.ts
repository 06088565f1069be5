import { z } from 'zod';
import { AGENT_FIELDS } from '../../domain/agents/agentDirectory.js';
import { BOT_FIELDS } from '../../domain/configuration/bots.js';
import { avatarUrl, properties, propertyNames } from '../shared/schemas.js';

/**
 * Configuration API payloads. Unknown fields are dropped. 3.4 names (`client_id` for
 * `owner_client_id`, `namespace_prefix`, `avatar_path`, `summaries`) are accepted as aliases.
 */

const clientId = z.string().min(1).max(128);
/** `owner_client_id`, or its 3.4 name `client_id`; required only where the action needs it. */
const owner = { owner_client_id: clientId.optional(), client_id: clientId.optional() };
export const ownerOf = (p: { owner_client_id?: string | undefined; client_id?: string | undefined }): string | undefined => p.owner_client_id ?? p.client_id;

const priority = z.enum(['first', 'normal', 'last', 'supervisor']);
const groupId = z.coerce.number().int().nonnegative();
const groups = z.array(z.object({ id: groupId, priority })).max(100);
const loginStatus = z.enum(['accepting chats', 'not accepting chats', 'accepting_chats', 'not_accepting_chats']).transform((s) => s.replace(/ /g, '_') as 'accepting_chats' | 'not_accepting_chats');
const name = z.string().min(1).max(180);

export const empty = z.object({});

// License and group property values
export const updateLicenseProperties = z.object({ properties });
export const listLicenseProperties = z.object({ namespace: z.string().optional(), namespace_prefix: z.string().optional(), name_prefix: z.string().optional() });
export const deleteLicenseProperties = z.object({ properties: propertyNames });
export const updateGroupProperties = z.object({ group_id: groupId, properties });
export const listGroupsProperties = z.object({ group_ids: z.array(groupId).max(500), namespace: z.string().optional(), namespace_prefix: z.string().optional(), name_prefix: z.string().optional() });
export const listGroupProperties = z.object({ id: groupId, namespace: z.string().optional(), namespace_prefix: z.string().optional(), name_prefix: z.string().optional() });
export const deleteGroupProperties = z.object({ id: groupId, properties: propertyNames });

// Agents
const agentFields = {
  name: name.optional(),
  role: z.enum(['viceowner', 'administrator', 'normal']).optional(),
  avatar: avatarUrl.optional(),
  avatar_path: avatarUrl.optional(),
  login_status: loginStatus.optional(),
  job_title: z.string().max(180).optional(),
  mobile: z.string().max(64).optional(),
  max_chats_count: z.number().int().min(0).max(20).optional(),
  awaiting_approval: z.boolean().optional(),
  groups: groups.optional(),
  notifications: z.array(z.string()).optional(),
  email_subscriptions: z.array(z.string()).optional(),
  summaries: z.array(z.string()).optional(),
  work_scheduler: z.record(z.string(), z.unknown()).optional(),
};
export const createAgent = z.object({ id: z.string().min(1).max(128), ...agentFields, name });
export const updateAgent = z.object({ id: z.string().min(1).max(128), ...agentFields });
const agentFieldList = z.array(z.enum(AGENT_FIELDS)).optional();
export const getAgent = z.object({ id: z.string().min(1), fields: agentFieldList });
export const listAgents = z.object({ filters: z.object({ group_ids: z.array(groupId).optional(), suspended: z.boolean().optional() }).optional(), fields: agentFieldList });
export const byStringId = z.object({ id: z.string().min(1).max(128) });

// Groups
const agentPriorities = z.record(z.string(), priority);
const groupFieldList = z.array(z.enum(['agent_priorities', 'routing_status'])).optional();
export const createGroup = z.object({ name, language_code: z.string().min(2).max(10).optional(), agent_priorities: agentPriorities });
export const updateGroup = z.object({ id: groupId, name: name.optional(), language_code: z.string().min(2).max(10).optional(), agent_priorities: agentPriorities.optional() });
export const byGroupId = z.object({ id: groupId });
export const getGroup = z.object({ id: groupId, fields: groupFieldList });
export const listGroups = z.object({ fields: groupFieldList });

// Property definitions
const ops = z.array(z.enum(['read', 'write'])).max(2);
const who = z.object({ agent: ops.optional(), customer: ops.optional() });
export const registerProperty = z.object({
  name: z.string().min(1), ...owner, type: z.enum(['int', 'string', 'bool', 'tokenized_string']),
  access: z.object({ chat: who.optional(), thread: who.optional(), event: who.optional(), license: who.optional(), group: who.optional() }),
  description: z.string().max(1024).optional(),
  domain: z.array(z.union([z.string(), z.number(), z.boolean()])).max(100).optional(),
  range: z.object({ from: z.number().int(), to: z.number().int() }).optional(),
  default_value: z.union([z.string(), z.number(), z.boolean()]).optional(),
});
export const propertyRef = z.object({ name: z.string().min(1), ...owner });
export const publishProperty = z.object({ name: z.string().min(1), ...owner, access_type: ops.min(1) });
export const ownerOnly = z.object(owner);

// Webhooks
const filter = <T extends z.ZodType>(t: T) => z.object({ values: z.array(t).optional(), exclude_values: z.array(t).optional() });
export const registerWebhook = z.object({
  action: z.string().min(1),
  url: z.string().min(1).max(500),
  secret_key: z.string().min(1).max(512),
  ...owner,
  type: z.enum(['license', 'bot']),
  description: z.string().max(1024).optional(),
  additional_data: z.array(z.enum(['chat_properties', 'chat_presence_user_ids'])).optional(),
  filters: z.object({
    author_type: z.enum(['customer', 'agent']).optional(),
    only_my_chats: z.boolean().optional(),
    chat_presence: z.object({ user_ids: filter(z.string()).optional(), my_bots: z.boolean().optional() }).optional(),
    source_type: z.array(z.enum(['my_client', 'other_clients', 'system'])).optional(),
    agent_ids: z.array(z.string()).optional(),
  }).optional(),
});
export const unregisterWebhook = z.object({ id: z.string().min(1), ...owner });
export const listWebhookNames = z.object({ version: z.string().optional() });

// Bots
const botFields = {
  name: name.optional(),
  avatar: avatarUrl.optional(),
  avatar_path: avatarUrl.optional(),
  max_chats_count: z.number().int().min(0).max(500).optional(),
  default_group_priority: priority.optional(),
  job_title: z.string().max(180).optional(),
  groups: groups.optional(),
  work_scheduler: z.record(z.string(), z.unknown()).optional(),
  timezone: z.string().max(64).optional(),
};
const botFieldList = z.array(z.enum(BOT_FIELDS)).optional();
export const createBot = z.object({ ...botFields, name, ...owner });
export const updateBot = z.object({ id: z.string().min(1), ...botFields });
export const getBot = z.object({ id: z.string().min(1), fields: botFieldList });
export const listBots = z.object({ all: z.boolean().optional(), fields: botFieldList, ...owner });
export const issueBotToken = z.object({ bot_id: z.string().min(1).max(128), client_id: clientId, bot_secret: z.string().min(1).max(256), organization_id: z.string().min(1).max(64) });
/** Bot templates: refused, see configuration/actions.ts. */
export const anyPayload = z.looseObject({});
export const resetBotSecret = z.object({ id: z.string().min(1), ...owner });

// Tags
const tagName = z.string().min(1).max(256);
const tagGroups = z.array(groupId).max(500);
export const createTag = z.object({ name: tagName, group_ids: tagGroups.optional() });
export const updateTag = z.object({ name: tagName, group_ids: tagGroups.optional() });
export const deleteTag = z.object({ name: tagName });
/** `filters.group_ids` is required by the docs when `filters` is given; no filters = every group. */
export const listTags = z.object({ filters: z.strictObject({ group_ids: tagGroups }).optional() });

export type AgentPayload = z.infer<typeof updateAgent>;
export type BotPayload = z.infer<typeof updateBot>;

// Canned responses (Configuration API v3.7 actions, served on every version path)
const cannedId = z.coerce.number().int().positive();
const cannedTags = z.array(z.string().max(64)).max(50);
const cannedText = z.string().max(10_000);
export const createCannedResponse = z.object({ text: cannedText, tags: cannedTags, group_id: groupId.default(0), is_private: z.literal(false).optional() });
export const updateCannedResponse = z.object({ id: cannedId, text: cannedText.optional(), tags: cannedTags.optional(), group_id: groupId.optional(), is_private: z.literal(false).optional() });
export const deleteCannedResponse = z.object({ id: cannedId });
export const listCannedResponses = z.object({
  group_ids: z.array(groupId).max(500).optional(), limit: z.coerce.number().int().min(1).max(100_000).optional(), page_id: z.string().max(2000).optional(),
  include_private: z.boolean().optional(), include_all_private: z.boolean().optional(),
});
