import type { Properties, PropertyNames } from './entities.js';

type Empty = Record<string, never>;

export type AgentRole = 'owner' | 'viceowner' | 'administrator' | 'normal';
export type GroupPriority = 'first' | 'normal' | 'last' | 'supervisor';

/** An agent as `get_agent`/`list_agents` render it (with the fields the console asks for). */
export interface ConfigAgent {
  id: string;
  account_id: string;
  name: string;
  avatar: string;
  role: AgentRole;
  login_status: string;
  max_chats_count?: number;
  groups?: { id: number; priority: GroupPriority }[];
  job_title?: string;
}

export interface ConfigGroup {
  id: number;
  name: string;
  language_code?: string;
  agent_priorities?: Record<string, GroupPriority>;
}

/** What `create_agent` and `update_agent` accept (the subset the console sends). */
export interface AgentInput {
  name?: string;
  role?: Exclude<AgentRole, 'owner'>;
  avatar?: string;
  max_chats_count?: number;
  groups?: { id: number; priority: GroupPriority }[];
  job_title?: string;
}

/**
 * A canned response (Configuration API v3.7 shape, served on v3.5 paths too). `tags` are its
 * shortcuts without `#`; `author_id` is the last editor. Switchboard extension: `created_by`.
 */
export interface CannedResponse {
  id: number;
  text: string;
  tags: string[];
  group_id: number;
  is_private: boolean;
  author_id: string;
  created_by: string;
  created_at: string;
  updated_at: string;
}

/** A bot as `list_bots`/`get_bot` render it; `owner_client_id` is the client that owns it and its webhooks. */
export interface ConfigBot {
  id: string;
  name: string;
  avatar: string;
  owner_client_id?: string;
  default_group_priority?: GroupPriority;
  max_chats_count?: number;
  groups?: { id: number; priority: GroupPriority }[];
}

/** What `create_bot` and `update_bot` accept (the subset the console sends). */
export interface BotInput {
  name?: string;
  avatar?: string;
  max_chats_count?: number;
  groups?: { id: number; priority: GroupPriority }[];
}

export type WebhookType = 'license' | 'bot';

/** A registration as `list_webhooks` renders it. */
export interface ConfigWebhook {
  id: string;
  url: string;
  description: string;
  action: string;
  secret_key: string;
  owner_client_id: string;
  type: WebhookType;
  filters: Record<string, unknown>;
  additional_data?: string[];
}

export interface WebhookInput {
  action: string;
  url: string;
  secret_key: string;
  type: WebhookType;
  description?: string;
}

/** Request and response payloads of the Configuration API actions the console uses. */
export interface ConfigurationActions {
  list_license_properties: { request: { namespace?: string; name_prefix?: string }; response: Properties };
  update_license_properties: { request: { properties: Properties }; response: Empty };
  delete_license_properties: { request: { properties: PropertyNames }; response: Empty };
  /** Switchboard extension: `personal_access_token` is the new agent's sign-in, returned this once. */
  create_agent: { request: AgentInput & { id: string; name: string }; response: { id: string; personal_access_token?: string } };
  list_agents: { request: { filters?: { group_ids?: number[] }; fields?: string[] }; response: ConfigAgent[] };
  get_agent: { request: { id: string; fields?: string[] }; response: ConfigAgent };
  update_agent: { request: AgentInput & { id: string }; response: Empty };
  delete_agent: { request: { id: string }; response: Empty };
  list_groups: { request: { fields?: string[] }; response: ConfigGroup[] };
  create_group: { request: { name: string; language_code?: string; agent_priorities: Record<string, GroupPriority> }; response: { id: number } };
  update_group: { request: { id: number; name?: string; agent_priorities?: Record<string, GroupPriority> }; response: Empty };
  delete_group: { request: { id: number }; response: Empty };
  create_canned_response: { request: { text: string; tags: string[]; group_id: number }; response: { id: number } };
  update_canned_response: { request: { id: number; text?: string; tags?: string[]; group_id?: number }; response: Empty };
  delete_canned_response: { request: { id: number }; response: Empty };
  list_canned_responses: {
    request: { group_ids?: number[]; limit?: number; page_id?: string };
    response: { canned_responses: CannedResponse[]; found_canned_responses: number; next_page_id?: string };
  };
  create_bot: { request: BotInput & { name: string; owner_client_id: string }; response: { id: string; secret: string } };
  list_bots: { request: { all?: boolean; fields?: string[] }; response: ConfigBot[] };
  update_bot: { request: BotInput & { id: string }; response: Empty };
  delete_bot: { request: { id: string }; response: Empty };
  register_webhook: { request: WebhookInput & { owner_client_id: string }; response: { id: string } };
  unregister_webhook: { request: { id: string; owner_client_id: string }; response: Empty };
  list_webhooks: { request: { owner_client_id: string }; response: ConfigWebhook[] };
  list_webhook_names: { request: { version?: string }; response: { action: string; filters: string[]; additional_data: string[] }[] };
  enable_license_webhooks: { request: { owner_client_id: string }; response: Empty };
  disable_license_webhooks: { request: { owner_client_id: string }; response: Empty };
  get_license_webhooks_state: { request: { owner_client_id: string }; response: { license_webhooks_enabled: boolean } };
}
