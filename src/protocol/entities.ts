/** Wire entities shared by the Customer, Agent and Configuration APIs (protocol/data-structures.md). */

export type Properties = Record<string, Record<string, unknown>>;
/** Delete payloads list names per namespace: `{"rating":["score"]}`. */
export type PropertyNames = Record<string, string[]>;

export interface Access {
  group_ids: number[];
}

export type Visibility = 'all' | 'agents';
export type UserType = 'customer' | 'agent';

export interface SessionField {
  [key: string]: string;
}

export interface CustomerStatistics {
  chats_count: number;
  threads_count: number;
  visits_count: number;
  page_views_count: number;
  greetings_shown_count: number;
  greetings_accepted_count: number;
}

export interface CustomerUser {
  id: string;
  type: 'customer';
  name?: string;
  email?: string;
  avatar?: string;
  email_verified?: boolean;
  session_fields?: SessionField[];
  statistics?: CustomerStatistics;
  present?: boolean;
  events_seen_up_to?: string;
  created_at?: string;
  chat_ids?: string[];
  last_visit?: {
    started_at?: string;
    referrer?: string;
    user_agent?: string;
    last_pages?: { opened_at: string; url: string; title?: string }[];
  };
}

export interface AgentUser {
  id: string;
  type: 'agent';
  name: string;
  avatar?: string;
  job_title?: string;
  email?: string;
  visibility?: Visibility;
  present?: boolean;
  events_seen_up_to?: string;
}

export type User = CustomerUser | AgentUser;

interface EventBase {
  id: string;
  created_at: string;
  author_id?: string;
  custom_id?: string;
  visibility?: Visibility;
  properties?: Properties;
}

export interface Postback {
  id: string;
  thread_id: string;
  event_id: string;
  type?: string;
  value?: string;
}

export interface MessageEvent extends EventBase {
  type: 'message';
  text: string;
  postback?: Postback;
}

export interface SystemMessageEvent extends EventBase {
  type: 'system_message';
  system_message_type: string;
  text?: string;
  text_vars?: Record<string, string>;
}

export interface FileEvent extends EventBase {
  type: 'file';
  url: string;
  name: string;
  content_type: string;
  size: number;
  width?: number;
  height?: number;
  thumbnail_url?: string;
  thumbnail2x_url?: string;
  alternative_text?: string;
}

export type ButtonType = 'webview' | 'message' | 'url' | 'phone';

export interface RichMessageButton {
  text: string;
  type?: ButtonType;
  value?: string;
  webview_height?: 'compact' | 'full' | 'tall';
  postback_id: string;
  user_ids: string[];
  target?: 'new' | 'current';
}

export interface RichMessageElement {
  title?: string;
  subtitle?: string;
  image?: { url: string; name?: string; content_type?: string; size?: number; width?: number; height?: number; alternative_text?: string };
  buttons?: RichMessageButton[];
}

export interface RichMessageEvent extends EventBase {
  type: 'rich_message';
  template_id: 'cards' | 'sticker' | 'quick_replies';
  elements: RichMessageElement[];
}

export interface FormField {
  id: string;
  type: string;
  label?: string;
  required?: boolean;
  options?: { id: string; label: string; group_id?: number }[];
  answer?: unknown;
  answers?: unknown[];
}

export interface FilledFormEvent extends EventBase {
  type: 'filled_form';
  form_id: string;
  form_type?: string;
  fields: FormField[];
}

export interface FormEvent extends EventBase {
  type: 'form';
  form_id: string;
  form_type?: string;
  fields: FormField[];
}

export interface CustomEvent extends EventBase {
  type: 'custom';
  content?: Record<string, unknown>;
}

export type ChatEvent =
  | MessageEvent
  | SystemMessageEvent
  | FileEvent
  | RichMessageEvent
  | FilledFormEvent
  | FormEvent
  | CustomEvent;

export type EventType = ChatEvent['type'];

export interface Queue {
  position: number;
  wait_time: number;
  queued_at?: string;
}

export interface Thread {
  id: string;
  created_at: string;
  active: boolean;
  user_ids: string[];
  events: ChatEvent[];
  properties?: Properties;
  access?: Access;
  queue?: Queue;
  previous_thread_id?: string;
  next_thread_id?: string;
  tags?: string[];
  queues_duration?: number;
}

export interface Chat {
  id: string;
  users: User[];
  thread?: Thread;
  properties?: Properties;
  access: Access;
  is_followed?: boolean;
}

export interface LastEventOfType {
  thread_id: string;
  thread_created_at: string;
  event: ChatEvent;
}

/** Customer view of one chat in `list_chats`. */
export interface CustomerChatSummary {
  id: string;
  last_thread_id?: string;
  last_thread_created_at?: string;
  last_event_per_type: Record<string, LastEventOfType>;
  users: User[];
  access: Access;
  properties: Properties;
  active: boolean;
}

export interface ThreadSummary {
  id: string;
  created_at: string;
  user_ids: string[];
  properties: Properties;
  active: boolean;
  access: Access;
  queue?: Queue;
}

/** Agent view of one chat in agent `list_chats` and `login`. */
export interface AgentChatSummary {
  id: string;
  last_event_per_type: Record<string, LastEventOfType>;
  users: User[];
  last_thread_summary?: ThreadSummary;
  properties: Properties;
  access: Access;
  is_followed: boolean;
}

export interface TypingIndicator {
  author_id: string;
  visibility?: Visibility;
  recipients?: Visibility;
  timestamp: number;
  is_typing: boolean;
}

export interface SneakPeek {
  author_id: string;
  text: string;
  timestamp: number;
}

export const ROUTING_STATUSES = ['accepting_chats', 'not_accepting_chats', 'offline'] as const;
export type RoutingStatus = (typeof ROUTING_STATUSES)[number];
