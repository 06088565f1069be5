/** Who receives a push: agent connections, customer connections, or both. */
export type PushAudience = 'agent' | 'customer';

/**
 * Every push the server sends, with its audience. NOTE: the `name` of every domain event is typed
 * by this table, so a new push cannot be emitted without being listed here; docs/api-coverage.md
 * is generated from it (`npm run docs:coverage`).
 */
export const EMITTED_PUSHES = {
  incoming_chat: ['agent', 'customer'],
  chat_deactivated: ['agent', 'customer'],
  chat_transferred: ['agent', 'customer'],
  chat_access_updated: ['agent'],
  user_added_to_chat: ['agent', 'customer'],
  user_removed_from_chat: ['agent', 'customer'],
  incoming_event: ['agent', 'customer'],
  event_updated: ['agent', 'customer'],
  incoming_rich_message_postback: ['agent', 'customer'],
  chat_properties_updated: ['agent', 'customer'],
  chat_properties_deleted: ['agent', 'customer'],
  thread_properties_updated: ['agent', 'customer'],
  thread_properties_deleted: ['agent', 'customer'],
  event_properties_updated: ['agent', 'customer'],
  event_properties_deleted: ['agent', 'customer'],
  thread_tagged: ['agent'],
  thread_untagged: ['agent'],
  incoming_sneak_peek: ['agent'],
  incoming_typing_indicator: ['agent', 'customer'],
  events_marked_as_seen: ['agent', 'customer'],
  customer_updated: ['agent', 'customer'],
  queue_position_updated: ['customer'],
  queue_positions_updated: ['agent'],
  chat_unfollowed: ['agent'],
  agent_suspended: ['agent'],
  agent_unsuspended: ['agent'],
  agent_approved: ['agent'],
  tag_created: ['agent'],
  tag_updated: ['agent'],
  tag_deleted: ['agent'],
  // Emitted only for its webhook (LicensePush.only = 'webhook').
  customer_session_fields_updated: ['agent'],
  incoming_customer: ['agent'],
  customer_page_updated: ['agent'],
  customer_left: ['agent'],
  // Sent by the transport: right after an agent's login, and when a group's status changes.
  incoming_customers: ['agent'],
  groups_status_updated: ['agent', 'customer'],
  routing_status_set: ['agent'],
  customer_banned: ['agent'],
  agent_created: ['agent'],
  agent_updated: ['agent'],
  agent_deleted: ['agent'],
  bot_created: ['agent'],
  bot_updated: ['agent'],
  bot_deleted: ['agent'],
  group_created: ['agent'],
  group_updated: ['agent'],
  group_deleted: ['agent'],
  incoming_greeting: ['customer'],
  greeting_accepted: ['customer'],
  greeting_canceled: ['customer'],
  // Sent by the transport when a DisconnectUser event closes a user's connections.
  customer_disconnected: ['customer'],
  agent_disconnected: ['agent'],
} as const satisfies Record<string, readonly PushAudience[]>;

export type PushName = keyof typeof EMITTED_PUSHES;

export function isEmittedPush(name: string): name is PushName {
  return Object.hasOwn(EMITTED_PUSHES, name);
}
