import type { CustomerPushes, EventInput, Page, PageRequest } from './customer.js';
import type {
  Access, AgentChatSummary, Chat, CustomerUser, Properties, PropertyNames, Queue, RoutingStatus, SneakPeek, Thread,
} from './entities.js';

/** Agent Chat API wire types (protocol/agent-chat-api.md): action → {request, response}; push → payload. */

export interface AgentLoginRequest {
  /** `Bearer <token>` or `Basic <base64(agent_id:pat)>`. */
  token: string;
  timezone?: string;
  reconnect?: boolean;
  away?: boolean;
  application?: { name: string; version?: string };
  customer_monitoring_level?: 'my' | 'chatting' | 'invited' | 'online' | 'highest_available';
  pushes?: Record<string, string[]>;
}

export interface AgentProfile {
  id: string;
  type: 'agent';
  name: string;
  email: string;
  avatar: string;
  job_title?: string;
  present: boolean;
  events_seen_up_to: string;
  routing_status: RoutingStatus;
  permission: 'owner' | 'viceowner' | 'administrator' | 'normal';
}

export interface AgentLoginResponse {
  license: { id: string; organization_id: string; plan: string; expiration_timestamp: number; creation_timestamp: number; in_trial: boolean };
  my_profile: AgentProfile;
  chats_summary: AgentChatSummary[];
}

/** Agent view of a customer (`get_customer`). */
export type AgentCustomer = CustomerUser & { chat_ids?: string[] };

export type TransferTarget = { type: 'agent'; ids: string[] } | { type: 'group'; ids: number[] };

export interface ArchiveFilters {
  query?: string;
  from?: string;
  to?: string;
  agents?: { values: string[] };
  group_ids?: number[];
  /** Switchboard: threads of one customer. */
  customer_id?: string;
}

type Empty = Record<string, never>;

/** Request and response payloads of the Agent Chat API actions the console and bots use. */
export interface AgentActions {
  login: { request: AgentLoginRequest; response: AgentLoginResponse };
  logout: { request: Empty; response: Empty };
  ping: { request: Empty; response: Empty };
  list_chats: {
    request: PageRequest & { filters?: { include_active?: boolean; include_chats_without_threads?: boolean; group_ids?: number[]; my_chats?: boolean; queued?: boolean } };
    response: Page & { chats_summary: AgentChatSummary[]; found_chats: number };
  };
  list_threads: {
    request: PageRequest & { chat_id: string; min_events_count?: number; filters?: { from?: string; to?: string } };
    response: Page & { threads: Thread[]; found_threads: number };
  };
  get_chat: { request: { chat_id: string; thread_id?: string }; response: Chat };
  list_archives: {
    request: PageRequest & { filters?: ArchiveFilters; highlights?: { pre_tag?: string; post_tag?: string } };
    response: Page & { chats: (Chat & { thread: Thread })[]; found_chats: number };
  };
  start_chat: {
    request: { chat?: { properties?: Properties; access?: Access; users?: { id: string; type: 'agent' | 'customer' }[]; thread?: { events?: EventInput[]; properties?: Properties } }; active?: boolean; continuous?: boolean };
    response: { chat_id: string; thread_id: string; event_ids?: string[] };
  };
  resume_chat: {
    request: { chat: { id: string; access?: Access; properties?: Properties; thread?: { events?: EventInput[]; properties?: Properties } }; active?: boolean; continuous?: boolean };
    response: { thread_id: string; event_ids?: string[] };
  };
  deactivate_chat: { request: { id: string; ignore_requester_presence?: boolean }; response: Empty };
  transfer_chat: {
    request: { id: string; target?: TransferTarget; ignore_agents_availability?: boolean; ignore_requester_presence?: boolean };
    response: Empty;
  };
  add_user_to_chat: {
    request: { chat_id: string; user_id: string; user_type: 'agent' | 'customer'; visibility: 'all' | 'agents'; ignore_requester_presence?: boolean };
    response: Empty;
  };
  remove_user_from_chat: { request: { chat_id: string; user_id: string; user_type: 'agent' | 'customer'; ignore_requester_presence?: boolean }; response: Empty };
  send_event: { request: { chat_id: string; event: EventInput; attach_to_last_thread?: boolean }; response: { event_id: string } };
  send_rich_message_postback: {
    request: { chat_id: string; thread_id: string; event_id: string; postback: { id: string; toggled: boolean } };
    response: Empty;
  };
  send_typing_indicator: { request: { chat_id: string; is_typing: boolean; visibility?: 'all' | 'agents' }; response: Empty };
  mark_events_as_seen: { request: { chat_id: string; seen_up_to: string }; response: Empty };
  tag_thread: { request: { chat_id: string; thread_id: string; tag: string }; response: Empty };
  untag_thread: { request: { chat_id: string; thread_id: string; tag: string }; response: Empty };
  get_customer: { request: { id: string }; response: AgentCustomer };
  ban_customer: { request: { id: string; ban: { days: number } }; response: Empty };
  set_routing_status: { request: { status: RoutingStatus; agent_id?: string }; response: Empty };
  list_routing_statuses: { request: { filters?: { group_ids?: number[] } }; response: { agent_id: string; status: RoutingStatus }[] };
  /** RTM only: this connection is away; when all of an agent's connections are, it stops accepting chats. */
  set_away_status: { request: { away: boolean }; response: Empty };
  follow_chat: { request: { id: string }; response: Empty };
  unfollow_chat: { request: { id: string }; response: Empty };
  list_agents_for_transfer: { request: { chat_id: string }; response: { agent_id: string; total_active_chats: number }[] };
  update_chat_properties: { request: { id: string; properties: Properties }; response: Empty };
  delete_chat_properties: { request: { id: string; properties: PropertyNames }; response: Empty };
  update_thread_properties: { request: { chat_id: string; thread_id: string; properties: Properties }; response: Empty };
  delete_thread_properties: { request: { chat_id: string; thread_id: string; properties: PropertyNames }; response: Empty };
  update_event_properties: { request: { chat_id: string; thread_id: string; event_id: string; properties: Properties }; response: Empty };
  delete_event_properties: { request: { chat_id: string; thread_id: string; event_id: string; properties: PropertyNames }; response: Empty };
  upload_file: { request: FormData; response: { url: string } };
}

export type AgentAction = keyof AgentActions;

export const AGENT_DISCONNECT_REASONS = [
  'agent_disconnected_by_server', 'agent_logged_out_remotely', 'access_token_revoked', 'connection_evicted',
  'access_token_expired', 'connection_timeout', 'internal_error', 'too_many_unauthorized_connections',
  'license_expired', 'license_not_found', 'misdirected_connection', 'unsupported_version', 'too_many_connections',
] as const;
export type AgentDisconnectReason = (typeof AGENT_DISCONNECT_REASONS)[number];

/** Reasons after which an agent client must not reconnect on its own (agent-chat-api §3). */
export const AGENT_FINAL_DISCONNECT_REASONS: readonly AgentDisconnectReason[] = [
  'agent_disconnected_by_server', 'agent_logged_out_remotely', 'access_token_revoked', 'connection_evicted',
  'license_expired', 'license_not_found', 'misdirected_connection', 'unsupported_version', 'too_many_connections',
];

type Shared = Pick<CustomerPushes,
  | 'chat_deactivated' | 'user_added_to_chat' | 'user_removed_from_chat' | 'incoming_event' | 'event_updated'
  | 'incoming_rich_message_postback' | 'chat_properties_updated' | 'chat_properties_deleted' | 'thread_properties_updated'
  | 'thread_properties_deleted' | 'event_properties_updated' | 'event_properties_deleted' | 'events_marked_as_seen'
  | 'customer_updated' | 'incoming_typing_indicator'>;

/** Payloads of every push an agent connection may receive (the ones the console handles). */
export interface AgentPushes extends Shared {
  incoming_chat: { chat: Chat & { thread: Thread }; requester_id?: string; transferred_from?: { group_ids?: number[]; agent_ids?: string[] } };
  chat_transferred: { chat_id: string; thread_id?: string; requester_id?: string; reason: string; transferred_to: { group_ids?: number[]; agent_ids?: string[] }; queue?: Queue };
  chat_access_updated: { id: string; access: Access };
  thread_tagged: { chat_id: string; thread_id: string; tag: string };
  thread_untagged: { chat_id: string; thread_id: string; tag: string };
  incoming_sneak_peek: { chat_id: string; thread_id: string; sneak_peek: SneakPeek };
  routing_status_set: { agent_id: string; status: RoutingStatus };
  customer_banned: { customer_id: string; ban: { days: number } };
  queue_positions_updated: { chat_id: string; thread_id: string; queue: Queue }[];
  chat_unfollowed: { chat_id: string };
  groups_status_updated: { groups: { id: number; status: RoutingStatus }[] };
  chat_deleted: { chat_id: string };
  agent_disconnected: { reason: AgentDisconnectReason; data?: Record<string, unknown> };
}

export type AgentPush = keyof AgentPushes;
