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
  'customer:request_email_verification': { missing: 'Switchboard verifies no e-mail addresses (it mails only replies and transcripts, with SMTP_URL)' },
  'customer:accept_greeting': { partial: 'greetings are targeted messages with a page-URL rule only (docs/api-notes.md#greetings); accepting does not start a chat' },
  'customerPushes:incoming_greeting': { partial: 'sent for targeted messages with a page-URL rule only (docs/api-notes.md#greetings)' },

  // Agent Chat API
  'agent:list_customers': { partial: 'filters.country is refused with `validation`: customers are not geolocated' },
  'agent:list_archives': { partial: 'filters sales, goals, surveys, forms, greetings, agent_response and customer_countries are refused with `validation` (not modelled); the rest are honoured' },
  'agent:get_license_info': { missing: 'not implemented yet; the login response carries the license' },
  'agent:multicast': { missing: 'multicast is not implemented' },

  // Configuration API
  ...Object.fromEntries(['batch_create_agents', 'batch_update_agents', 'batch_delete_agents', 'batch_suspend_agents', 'batch_unsuspend_agents',
    'batch_approve_agents', 'batch_create_bots', 'batch_update_bots', 'batch_delete_bots'].map((n) => [`configuration:${n}`, { missing: 'batch requests are not implemented; call the single action per item' }])),
  ...Object.fromEntries(['add_auto_access', 'list_auto_accesses', 'delete_auto_access', 'update_auto_access'].map((n) => [`configuration:${n}`, { missing: 'auto access rules are not modelled; chat access is set per chat' }])),
  ...Object.fromEntries(['create_bot_template', 'delete_bot_template', 'update_bot_template', 'list_bot_templates', 'reset_bot_template_secret']
    .map((n) => [`configuration:${n}`, { missing: 'bot templates are not implemented; bots are created per license' }])),
  'configuration:list_channels': { missing: 'LiveChat product data with no Switchboard equivalent' },
  'configuration:check_product_limits_for_plan': { missing: 'LiveChat billing data with no Switchboard equivalent' },
  'configuration:get_product_source': { missing: 'LiveChat product data with no Switchboard equivalent' },

  // Pushes
  'customerPushes:customer_side_storage_updated': { missing: 'customer-side storage is not modelled' },
  'customerPushes:incoming_multicast': { missing: 'multicast is not implemented' },
  'agentPushes:incoming_multicast': { missing: 'multicast is not implemented' },
  'agentPushes:chat_deleted': { missing: 'chats cannot be deleted through the APIs' },
  'agentPushes:thread_deleted': { missing: 'threads cannot be deleted through the APIs' },
  'agentPushes:threads_deleted': { missing: 'threads cannot be deleted through the APIs' },
  'agentPushes:auto_accesses_updated': { missing: 'auto access rules are not modelled' },

  // Webhooks
  'webhooks:auto_accesses_updated': { missing: 'auto access rules are not modelled' },
};
