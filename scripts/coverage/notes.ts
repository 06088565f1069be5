import type { Section } from './documented.js';

/**
 * Why a documented name is only partly supported (`partial`, shown while it is implemented) or
 * missing (`missing`, shown while it is not). Keyed `<section>:<name>`. A name implemented without a
 * `partial` note counts as supported; a missing one without a note reads "not implemented yet".
 * Edit these when behaviour changes; `npm run docs:coverage` rewrites docs/api-coverage.md.
 */
export const NOTES: Partial<Record<`${Section}:${string}`, { partial?: string; missing?: string }>> = {
  // Customer Chat API
  'customer:get_dynamic_configuration': { missing: 'bootstrap data of the platform\'s own widget; the Switchboard widget reads license properties instead' },
  'customer:get_configuration': { missing: 'bootstrap data of the platform\'s own widget (buttons, ticket form); forms are served by get_form' },
  'customer:get_localization': { missing: 'phrases of the platform\'s own widget; the Switchboard widget ships its strings' },
  'customer:check_goals': { missing: 'goals are not modelled' },
  'customer:request_email_verification': { missing: 'Switchboard sends no e-mail and verifies no addresses' },
  'customer:accept_greeting': { partial: 'greetings are targeted messages with a page-URL rule only (docs/api-notes.md#greetings); accepting does not start a chat' },
  'customerPushes:incoming_greeting': { partial: 'sent for targeted messages with a page-URL rule only (docs/api-notes.md#greetings)' },
  'customer:get_predicted_agent': { missing: 'routing does not predict agents yet (issue #13, routing part)' },

  // Agent Chat API
  'agent:list_archives': { partial: 'filters sales, goals, surveys, forms, greetings, agent_response and customer_countries are refused with `validation` (not modelled); the rest are honoured' },
  'agent:list_customers': { partial: 'filters and sort options are not honoured yet (issue #13, customers part)' },
  'agent:follow_chat': { missing: 'supervision is not implemented yet (issue #13, supervision part)' },
  'agent:unfollow_chat': { missing: 'supervision is not implemented yet (issue #13, supervision part)' },
  'agent:get_license_info': { missing: 'not implemented yet; the login response carries the license' },
  'agent:create_customer': { missing: 'customers are created by the token endpoint only (issue #13, customers part)' },
  'agent:update_customer': { missing: 'not implemented yet (issue #13, customers part)' },
  'agent:set_away_status': { missing: 'not implemented yet (issue #13, availability part)' },
  'agent:multicast': { missing: 'multicast is not implemented' },
  'agent:list_agents_for_transfer': { missing: 'not implemented yet (issue #13, routing part)' },

  // Configuration API
  ...Object.fromEntries(['batch_create_agents', 'batch_update_agents', 'batch_delete_agents', 'batch_suspend_agents', 'batch_unsuspend_agents',
    'batch_approve_agents', 'batch_create_bots', 'batch_update_bots', 'batch_delete_bots'].map((n) => [`configuration:${n}`, { missing: 'batch requests are not implemented; call the single action per item' }])),
  ...Object.fromEntries(['add_auto_access', 'list_auto_accesses', 'delete_auto_access', 'update_auto_access'].map((n) => [`configuration:${n}`, { missing: 'auto access rules are not modelled; chat access is set per chat' }])),
  ...Object.fromEntries(['create_bot_template', 'delete_bot_template', 'update_bot_template', 'list_bot_templates', 'reset_bot_template_secret']
    .map((n) => [`configuration:${n}`, { missing: 'bot templates are not implemented; bots are created per license' }])),
  ...Object.fromEntries(['suspend_agent', 'unsuspend_agent', 'request_agent_unsuspension', 'approve_agent']
    .map((n) => [`configuration:${n}`, { missing: 'not implemented yet (issue #13, agents part)' }])),
  ...Object.fromEntries(['create_tag', 'delete_tag', 'list_tags', 'update_tag'].map((n) => [`configuration:${n}`, { missing: 'the tag registry is not implemented yet (issue #13, tags part); tag_thread accepts any tag' }])),
  'configuration:issue_bot_token': { missing: 'not implemented yet (issue #13, bots part); bots act through X-Author-Id' },
  'configuration:list_channels': { missing: 'LiveChat product data with no Switchboard equivalent' },
  'configuration:check_product_limits_for_plan': { missing: 'LiveChat billing data with no Switchboard equivalent' },
  'configuration:get_product_source': { missing: 'LiveChat product data with no Switchboard equivalent' },

  // Pushes
  'customerPushes:customer_side_storage_updated': { missing: 'customer-side storage is not modelled' },
  'customerPushes:incoming_multicast': { missing: 'multicast is not implemented' },
  'customerPushes:groups_status_updated': { missing: 'not implemented yet (issue #13, availability part)' },
  'agentPushes:incoming_multicast': { missing: 'multicast is not implemented' },
  'agentPushes:groups_status_updated': { missing: 'not implemented yet (issue #13, availability part)' },
  'agentPushes:chat_deleted': { missing: 'chats cannot be deleted through the APIs' },
  'agentPushes:thread_deleted': { missing: 'threads cannot be deleted through the APIs' },
  'agentPushes:threads_deleted': { missing: 'threads cannot be deleted through the APIs' },
  'agentPushes:queue_positions_updated': { missing: 'agents receive the customer\'s singular queue_position_updated instead (issue #13, routing part)' },
  'agentPushes:chat_unfollowed': { missing: 'supervision is not implemented yet (issue #13, supervision part)' },
  'agentPushes:auto_accesses_updated': { missing: 'auto access rules are not modelled' },
  ...Object.fromEntries(['incoming_customers', 'incoming_customer', 'customer_page_updated', 'customer_left', 'customer_transferred']
    .map((n) => [`agentPushes:${n}`, { missing: 'visitor monitoring is not implemented yet (issue #13, customers part)' }])),
  ...Object.fromEntries(['agent_approved', 'agent_suspended', 'agent_unsuspended'].map((n) => [`agentPushes:${n}`, { missing: 'agent suspension and approval are not implemented yet (issue #13, agents part)' }])),
  ...Object.fromEntries(['tag_created', 'tag_updated', 'tag_deleted'].map((n) => [`agentPushes:${n}`, { missing: 'the tag registry is not implemented yet (issue #13, tags part)' }])),

  // Webhooks
  'webhooks:auto_accesses_updated': { missing: 'auto access rules are not modelled' },
  'webhooks:incoming_customer': { missing: 'customers are created by the token endpoint only (issue #13, customers part)' },
  'webhooks:customer_session_fields_updated': { missing: 'not emitted yet (issue #13, customers part)' },
  ...Object.fromEntries(['agent_approved', 'agent_suspended', 'agent_unsuspended'].map((n) => [`webhooks:${n}`, { missing: 'agent suspension and approval are not implemented yet (issue #13, agents part)' }])),
  ...Object.fromEntries(['tag_created', 'tag_updated', 'tag_deleted'].map((n) => [`webhooks:${n}`, { missing: 'the tag registry is not implemented yet (issue #13, tags part)' }])),
};
