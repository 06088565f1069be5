import type {
  Access, Chat, ChatEvent, CustomerChatSummary, CustomerStatistics, CustomerUser, Properties,
  PropertyNames, Queue, SessionField, Thread, TypingIndicator, User,
} from './entities.js';
import type { FormType, GetFormResponse } from './forms.js';

/** Event as a client sends it: server fills id, author_id, created_at. */
export type EventInput = { type: ChatEvent['type'] | (string & {}); custom_id?: string; properties?: Properties; visibility?: 'all' | 'agents' } & Record<string, unknown>;

export interface CustomerLoginRequest {
  token: string;
  customer?: { name?: string; email?: string; avatar?: string; session_fields?: SessionField[] };
  customer_page?: { url: string; title?: string };
  group_id?: number;
  pushes?: Record<string, string[]>;
}

export interface CustomerLoginResponse {
  customer: CustomerUser & { statistics: CustomerStatistics };
  has_active_thread: boolean;
  chats: { chat_id: string; has_unread_events: boolean; has_active_thread: boolean }[];
  __priv_dynamic_config: { online_groups_ids?: number[]; customer_groups?: { monitoring: { id: number } } };
}

export interface PageRequest { limit?: number; sort_order?: 'asc' | 'desc'; page_id?: string }
export interface Page { next_page_id?: string; previous_page_id?: string }

/** Request and response payloads of every Customer Chat API action. */
export interface CustomerActions {
  login: { request: CustomerLoginRequest; response: CustomerLoginResponse };
  ping: { request: Record<string, never>; response: Record<string, never> };
  list_chats: { request: PageRequest; response: Page & { chats_summary: CustomerChatSummary[]; total_chats: number } };
  list_threads: {
    request: PageRequest & { chat_id: string; min_events_count?: number };
    response: Page & { threads: Thread[]; found_threads: number };
  };
  get_chat: { request: { chat_id: string; thread_id?: string }; response: Chat };
  start_chat: {
    request: { chat?: { properties?: Properties; access?: Access; thread?: { events?: EventInput[]; properties?: Properties } }; active?: boolean; continuous?: boolean };
    response: { chat_id: string; thread_id: string; event_ids?: string[] };
  };
  resume_chat: {
    request: { chat: { id: string; properties?: Properties; access?: Access; thread?: { events?: EventInput[]; properties?: Properties } }; active?: boolean; continuous?: boolean };
    response: { thread_id: string; event_ids?: string[] };
  };
  deactivate_chat: { request: { id: string }; response: Record<string, never> };
  send_event: { request: { chat_id: string; event: EventInput; attach_to_last_thread?: boolean }; response: { event_id: string } };
  send_rich_message_postback: {
    request: { chat_id: string; thread_id: string; event_id: string; postback: { id: string; toggled: boolean } };
    response: Record<string, never>;
  };
  send_sneak_peek: { request: { chat_id: string; sneak_peek_text: string }; response: Record<string, never> };
  mark_events_as_seen: { request: { chat_id: string; seen_up_to: string }; response: Record<string, never> };
  get_customer: { request: Record<string, never>; response: CustomerUser };
  update_customer: { request: { name?: string; email?: string; avatar?: string; session_fields?: SessionField[] }; response: Record<string, never> };
  set_customer_session_fields: { request: { session_fields: SessionField[] }; response: Record<string, never> };
  update_customer_page: { request: { url: string; title?: string }; response: Record<string, never> };
  update_chat_properties: { request: { id: string; properties: Properties }; response: Record<string, never> };
  delete_chat_properties: { request: { id: string; properties: PropertyNames }; response: Record<string, never> };
  update_thread_properties: { request: { chat_id: string; thread_id: string; properties: Properties }; response: Record<string, never> };
  delete_thread_properties: { request: { chat_id: string; thread_id: string; properties: PropertyNames }; response: Record<string, never> };
  update_event_properties: { request: { chat_id: string; thread_id: string; event_id: string; properties: Properties }; response: Record<string, never> };
  delete_event_properties: { request: { chat_id: string; thread_id: string; event_id: string; properties: PropertyNames }; response: Record<string, never> };
  list_license_properties: { request: { namespace?: string; name?: string }; response: Properties };
  list_group_properties: { request: { id: number; namespace?: string; name?: string }; response: Properties };
  list_group_statuses: { request: { all?: boolean; group_ids?: number[] }; response: { groups_status: Record<string, 'online' | 'offline' | 'online_for_queue'> } };
  get_predicted_agent: {
    request: { group_id?: number };
    response: { agent: { id: string; name: string; avatar: string; is_bot: boolean; job_title: string; type: 'agent' }; queue: boolean };
  };
  get_form: { request: { group_id: number; type: FormType }; response: GetFormResponse };
  /** Switchboard extension (no LiveChat equivalent): mails the chat's transcript; needs SMTP_URL on the server. */
  send_transcript: { request: { chat_id: string; email?: string }; response: Record<string, never> };
  /** Switchboard extension (no LiveChat equivalent): names and avatars of the team (human agents), for the widget's home view. */
  list_team: { request: Record<string, never>; response: { team: { name: string; avatar?: string }[] } };
  upload_file: { request: FormData; response: { url: string } };
}

export type CustomerAction = keyof CustomerActions;

/** Payloads of every push a customer connection may receive. */
export interface CustomerPushes {
  incoming_chat: { chat: Chat & { thread: Thread }; requester_id?: string; transferred_from?: { group_ids?: number[]; agent_ids?: string[] } };
  chat_deactivated: { chat_id: string; thread_id: string; user_id?: string };
  chat_transferred: { chat_id: string; thread_id?: string; reason: string; requester_id?: string; transferred_to: { group_ids?: number[]; agent_ids?: string[] }; queue?: Queue };
  user_added_to_chat: { chat_id: string; thread_id?: string; user: User; reason: string; requester_id?: string };
  user_removed_from_chat: { chat_id: string; thread_id?: string; user_id: string; reason: string; requester_id?: string };
  incoming_event: { chat_id: string; thread_id: string; event: ChatEvent };
  event_updated: { chat_id: string; thread_id: string; event: ChatEvent };
  incoming_rich_message_postback: { user_id: string; chat_id: string; thread_id: string; event_id: string; postback: { id: string; toggled: boolean } };
  chat_properties_updated: { chat_id: string; properties: Properties };
  chat_properties_deleted: { chat_id: string; properties: PropertyNames };
  thread_properties_updated: { chat_id: string; thread_id: string; properties: Properties };
  thread_properties_deleted: { chat_id: string; thread_id: string; properties: PropertyNames };
  event_properties_updated: { chat_id: string; thread_id: string; event_id: string; properties: Properties };
  event_properties_deleted: { chat_id: string; thread_id: string; event_id: string; properties: PropertyNames };
  customer_updated: Partial<CustomerUser> & { id: string };
  customer_disconnected: { reason: CustomerDisconnectReason; data?: Record<string, unknown> };
  incoming_typing_indicator: { chat_id: string; thread_id: string; typing_indicator: TypingIndicator };
  events_marked_as_seen: { user_id: string; chat_id: string; seen_up_to: string };
  queue_position_updated: { chat_id: string; thread_id: string; queue: Queue };
  groups_status_updated: { groups: { id: number; status: 'online' | 'offline' | 'online_for_queue' }[] };
}

export type CustomerPush = keyof CustomerPushes;

export const CUSTOMER_DISCONNECT_REASONS = [
  'access_token_expired', 'access_token_revoked', 'connection_timeout', 'connection_evicted',
  'internal_error', 'service_temporarily_unavailable', 'too_many_unauthorized_connections',
  'too_many_connections', 'license_not_found', 'license_expired', 'unsupported_version',
  'logged_out_remotely', 'customer_temporarily_blocked', 'customer_banned', 'inactivity_timeout',
  'product_version_changed',
] as const;
export type CustomerDisconnectReason = (typeof CUSTOMER_DISCONNECT_REASONS)[number];

/** The chat property that holds a chat's topic in the Switchboard widget. */
export const TOPIC_PROPERTY = { namespace: 'switchboard', name: 'topic' } as const;

/** Token endpoint response (`POST /v2/customer/token`). */
export interface CustomerTokenResponse {
  access_token: string;
  entity_id: string;
  expires_in: number;
  token_type: 'Bearer';
  organization_id: string;
  /** Switchboard: secret a cookie-less client stores and sends back as `refresh_token` to keep its identity. */
  refresh_token?: string;
}
