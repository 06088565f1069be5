/**
 * Every action, push and webhook of the LiveChat Messaging API v3.5, compiled from the public
 * reference (livechat/livechat-public-docs: messaging/customer-chat-api/v3.5, messaging/agent-chat-api/v3.5,
 * management/configuration-api/v3.5, management/webhooks/v3.5). Facts only: what Switchboard does
 * about each lives in notes.ts.
 */
export const DOCUMENTED = {
  customer: [
    'login', 'ping', 'list_chats', 'list_threads', 'get_chat', 'start_chat', 'resume_chat', 'deactivate_chat',
    'get_dynamic_configuration', 'get_configuration', 'get_localization', 'send_event', 'upload_file',
    'send_rich_message_postback', 'send_sneak_peek', 'update_chat_properties', 'delete_chat_properties',
    'update_thread_properties', 'delete_thread_properties', 'update_event_properties', 'delete_event_properties',
    'list_license_properties', 'list_group_properties', 'update_customer', 'update_customer_page',
    'set_customer_session_fields', 'get_customer', 'list_group_statuses', 'check_goals', 'get_form',
    'get_predicted_agent', 'get_url_info', 'mark_events_as_seen', 'accept_greeting', 'cancel_greeting',
    'request_email_verification',
  ],
  agent: [
    'login', 'logout', 'ping', 'list_chats', 'list_threads', 'get_chat', 'list_archives', 'start_chat', 'resume_chat',
    'deactivate_chat', 'follow_chat', 'unfollow_chat', 'transfer_chat', 'add_user_to_chat', 'remove_user_from_chat',
    'get_license_info', 'send_event', 'upload_file', 'send_rich_message_postback', 'update_chat_properties',
    'delete_chat_properties', 'update_thread_properties', 'delete_thread_properties', 'update_event_properties',
    'delete_event_properties', 'tag_thread', 'untag_thread', 'get_customer', 'list_customers', 'create_customer',
    'update_customer', 'ban_customer', 'set_away_status', 'set_routing_status', 'list_routing_statuses',
    'mark_events_as_seen', 'send_typing_indicator', 'multicast', 'list_agents_for_transfer',
  ],
  configuration: [
    'create_agent', 'get_agent', 'list_agents', 'update_agent', 'delete_agent', 'suspend_agent', 'unsuspend_agent',
    'request_agent_unsuspension', 'approve_agent', 'batch_create_agents', 'batch_update_agents', 'batch_delete_agents',
    'batch_suspend_agents', 'batch_unsuspend_agents', 'batch_approve_agents',
    'add_auto_access', 'list_auto_accesses', 'delete_auto_access', 'update_auto_access',
    'create_bot_template', 'create_bot', 'delete_bot_template', 'delete_bot', 'update_bot_template', 'update_bot',
    'list_bot_templates', 'list_bots', 'get_bot', 'issue_bot_token', 'reset_bot_template_secret', 'reset_bot_secret',
    'batch_create_bots', 'batch_update_bots', 'batch_delete_bots',
    'create_group', 'update_group', 'delete_group', 'list_groups', 'get_group',
    'register_property', 'unregister_property', 'publish_property', 'list_properties', 'update_license_properties',
    'list_license_properties', 'delete_license_properties', 'update_group_properties', 'list_groups_properties',
    'delete_group_properties',
    'create_tag', 'delete_tag', 'list_tags', 'update_tag',
    'register_webhook', 'list_webhooks', 'unregister_webhook', 'list_webhook_names', 'enable_license_webhooks',
    'disable_license_webhooks', 'get_license_webhooks_state',
    'list_channels', 'check_product_limits_for_plan', 'get_product_source',
  ],
  customerPushes: [
    'incoming_chat', 'chat_deactivated', 'chat_transferred', 'user_added_to_chat', 'user_removed_from_chat',
    'incoming_event', 'event_updated', 'incoming_rich_message_postback', 'chat_properties_updated',
    'chat_properties_deleted', 'thread_properties_updated', 'thread_properties_deleted', 'event_properties_updated',
    'event_properties_deleted', 'customer_updated', 'customer_side_storage_updated', 'customer_disconnected',
    'groups_status_updated', 'incoming_typing_indicator', 'incoming_multicast', 'events_marked_as_seen',
    'incoming_greeting', 'greeting_accepted', 'greeting_canceled', 'queue_position_updated',
  ],
  agentPushes: [
    'incoming_chat', 'chat_deactivated', 'chat_deleted', 'thread_deleted', 'threads_deleted', 'chat_access_updated',
    'chat_transferred', 'user_added_to_chat', 'user_removed_from_chat', 'incoming_event', 'event_updated',
    'incoming_rich_message_postback', 'chat_properties_updated', 'chat_properties_deleted', 'thread_properties_updated',
    'thread_properties_deleted', 'event_properties_updated', 'event_properties_deleted', 'thread_tagged',
    'thread_untagged', 'incoming_customers', 'incoming_customer', 'customer_updated', 'customer_page_updated',
    'customer_banned', 'customer_transferred', 'customer_left', 'routing_status_set', 'agent_disconnected',
    'agent_created', 'agent_approved', 'agent_updated', 'agent_suspended', 'agent_unsuspended', 'agent_deleted',
    'auto_accesses_updated', 'bot_created', 'bot_updated', 'bot_deleted', 'group_created', 'group_deleted',
    'group_updated', 'tag_created', 'tag_deleted', 'tag_updated', 'groups_status_updated', 'incoming_typing_indicator',
    'incoming_sneak_peek', 'events_marked_as_seen', 'incoming_multicast', 'chat_unfollowed', 'queue_positions_updated',
  ],
  webhooks: [
    'incoming_chat', 'chat_deactivated', 'chat_access_updated', 'chat_transferred', 'user_added_to_chat',
    'user_removed_from_chat', 'incoming_event', 'event_updated', 'incoming_rich_message_postback',
    'chat_properties_updated', 'chat_properties_deleted', 'thread_properties_updated', 'thread_properties_deleted',
    'event_properties_updated', 'event_properties_deleted', 'thread_tagged', 'thread_untagged', 'routing_status_set',
    'incoming_customer', 'customer_session_fields_updated', 'agent_created', 'agent_approved', 'agent_updated',
    'agent_suspended', 'agent_unsuspended', 'agent_deleted', 'auto_accesses_updated', 'bot_created', 'bot_updated',
    'bot_deleted', 'group_created', 'group_deleted', 'group_updated', 'tag_created', 'tag_deleted', 'tag_updated',
    'events_marked_as_seen',
  ],
} as const;

export type Section = keyof typeof DOCUMENTED;
