import type { AgentInput } from '../../domain/agents/agentDirectory.js';
import type { BotInput } from '../../domain/configuration/bots.js';
import type { Origin } from '../../domain/domainEvents.js';
import { DomainError } from '../../domain/errors.js';
import { prefixFilter } from '../../domain/configuration/groups.js';
import type { AgentRecord } from '../../domain/model.js';
import type { Platform } from '../../domain/platform.js';
import { listWebhookNames } from '../../domain/configuration/webhookRegistry.js';
import { action, type ActionTable } from '../transport/actionRouter.js';
import * as c from './schemas.js';
import { ownerOf } from './schemas.js';

/** The authenticated agent of a Configuration API request. */
export interface ConfigSession {
  licenseId: number;
  agent: AgentRecord;
}

/** Owners, vice-owners and administrators configure; normal agents may only read (`authorization` otherwise). */
function requireAdmin(me: ConfigSession): void {
  if (me.agent.role === 'normal') throw new DomainError('authorization', 'Only owners, vice-owners and administrators may change the configuration');
}

/** A PAT carries no client id, so actions on client-owned things name the client explicitly. */
function requireOwner(p: { owner_client_id?: string | undefined; client_id?: string | undefined }): string {
  const owner = ownerOf(p);
  if (!owner) throw new DomainError('validation', 'owner_client_id is required (a personal access token has no client id)', { field: 'owner_client_id' });
  return owner;
}

const originOf = (clientId?: string): Origin => (clientId ? { clientId } : {});

function agentInput(i: Partial<c.AgentPayload>): AgentInput {
  return strip({
    name: i.name, role: i.role, avatar: i.avatar ?? i.avatar_path, jobTitle: i.job_title, mobile: i.mobile, maxChats: i.max_chats_count,
    groups: i.groups, loginStatus: i.login_status, workScheduler: i.work_scheduler, notifications: i.notifications,
    emailSubscriptions: i.email_subscriptions ?? i.summaries, awaitingApproval: i.awaiting_approval,
  });
}

function botInput(i: Partial<c.BotPayload>): BotInput {
  return strip({
    name: i.name, avatar: i.avatar ?? i.avatar_path, maxChats: i.max_chats_count, defaultGroupPriority: i.default_group_priority,
    jobTitle: i.job_title, groups: i.groups, workScheduler: i.work_scheduler, timezone: i.timezone,
  });
}

/** Drops undefined keys (exactOptionalPropertyTypes). */
function strip<T extends object>(o: { [K in keyof T]: T[K] | undefined }): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}

const BOT_TEMPLATE_ACTIONS = ['create_bot_template', 'update_bot_template', 'delete_bot_template', 'list_bot_templates', 'reset_bot_template_secret'] as const;

/** Every Configuration API action (Web only). Writes need an admin role. */
export function configurationActions(p: Platform): ActionTable<ConfigSession> {
  const admin = <P>(fn: (me: ConfigSession, i: P) => Promise<unknown>) => (me: ConfigSession, i: P) => {
    requireAdmin(me);
    return fn(me, i);
  };
  const done = async (work: Promise<unknown>) => {
    await work;
    return {};
  };
  return {
    // License and group property values
    update_license_properties: action(c.updateLicenseProperties, admin((me, i) => done(p.licenses.update(me.licenseId, 'agent', i.properties)))),
    list_license_properties: action(c.listLicenseProperties, async (me, i) => prefixFilter(await p.licenses.list(me.licenseId, 'agent'), strip({ namespace: i.namespace, namespacePrefix: i.namespace_prefix, namePrefix: i.name_prefix }))),
    delete_license_properties: action(c.deleteLicenseProperties, admin((me, i) => done(p.licenses.delete(me.licenseId, 'agent', i.properties)))),
    update_group_properties: action(c.updateGroupProperties, admin((me, i) => done(p.groups.updateProperties(me.licenseId, i.group_id, i.properties)))),
    list_groups_properties: action(c.listGroupsProperties, (me, i) => p.groups.listProperties(me.licenseId, i.group_ids, strip({ namespace: i.namespace, namespacePrefix: i.namespace_prefix, namePrefix: i.name_prefix }))),
    list_group_properties: action(c.listGroupProperties, async (me, i) => (await p.groups.listProperties(me.licenseId, [i.id], strip({ namespace: i.namespace, namespacePrefix: i.namespace_prefix, namePrefix: i.name_prefix })))[0]!.properties),
    delete_group_properties: action(c.deleteGroupProperties, admin((me, i) => done(p.groups.deleteProperties(me.licenseId, i.id, i.properties)))),

    // Agents
    create_agent: action(c.createAgent, admin((me, i) => p.agentDirectory.create(me.licenseId, i.id, { ...agentInput(i), name: i.name }, originOf()))),
    get_agent: action(c.getAgent, (me, i) => p.agentDirectory.get(me.licenseId, i.id, i.fields ?? [])),
    list_agents: action(c.listAgents, (me, i) => p.agentDirectory.list(me.licenseId, strip({ groupIds: i.filters?.group_ids, suspended: i.filters?.suspended }), i.fields ?? [])),
    update_agent: action(c.updateAgent, (me, i) => {
      // Every agent edits its own name and avatar; anything else, or anyone else, needs an administrator.
      if (!(i.id === me.agent.id && isProfileOnly(i))) requireAdmin(me);
      return done(p.agentDirectory.update(me.licenseId, i.id, agentInput(i), originOf()));
    }),
    delete_agent: action(c.byStringId, admin((me, i) => done(p.agentDirectory.delete(me.licenseId, i.id, originOf())))),
    suspend_agent: action(c.byStringId, admin((me, i) => done(p.agentLifecycle.suspend(me.licenseId, i.id, originOf())))),
    unsuspend_agent: action(c.byStringId, admin((me, i) => done(p.agentLifecycle.unsuspend(me.licenseId, i.id, originOf())))),
    approve_agent: action(c.byStringId, admin((me, i) => done(p.agentLifecycle.approve(me.licenseId, i.id, originOf())))),
    request_agent_unsuspension: action(c.empty, (me) => done(p.agentLifecycle.requestUnsuspension(me.agent))),

    // Groups
    create_group: action(c.createGroup, admin((me, i) => p.groups.create(me.licenseId, strip({ name: i.name, languageCode: i.language_code, agentPriorities: i.agent_priorities }), originOf()))),
    update_group: action(c.updateGroup, admin((me, i) => done(p.groups.update(me.licenseId, strip({ id: i.id, name: i.name, languageCode: i.language_code, agentPriorities: i.agent_priorities }), originOf())))),
    delete_group: action(c.byGroupId, admin((me, i) => done(p.groups.delete(me.licenseId, i.id, originOf())))),
    get_group: action(c.getGroup, (me, i) => p.groups.get(me.licenseId, i.id, i.fields ?? [])),
    list_groups: action(c.listGroups, (me, i) => p.groups.list(me.licenseId, i.fields ?? [])),

    // Property definitions
    register_property: action(c.registerProperty, admin((me, i) => done(p.propertyDefinitions.register(me.licenseId, strip({
      name: i.name, ownerClientId: requireOwner(i), type: i.type, access: i.access, description: i.description, domain: i.domain, range: i.range, defaultValue: i.default_value,
    }))))),
    unregister_property: action(c.propertyRef, admin((me, i) => done(p.propertyDefinitions.unregister(me.licenseId, requireOwner(i), i.name)))),
    publish_property: action(c.publishProperty, admin((me, i) => done(p.propertyDefinitions.publish(me.licenseId, requireOwner(i), i.name, i.access_type)))),
    list_properties: action(c.ownerOnly, (me, i) => p.propertyDefinitions.list(me.licenseId, requireOwner(i))),

    // Webhooks
    register_webhook: action(c.registerWebhook, admin((me, i) => p.webhooks.register(me.licenseId, strip({
      action: i.action, url: i.url, secretKey: i.secret_key, ownerClientId: requireOwner(i), type: i.type, description: i.description,
      filters: i.filters && strip(i.filters), additionalData: i.additional_data,
    })))),
    unregister_webhook: action(c.unregisterWebhook, admin((me, i) => done(p.webhooks.unregister(me.licenseId, requireOwner(i), i.id)))),
    list_webhooks: action(c.ownerOnly, admin((me, i) => p.webhooks.list(me.licenseId, requireOwner(i)))),
    list_webhook_names: action(c.listWebhookNames, async () => listWebhookNames()),
    enable_license_webhooks: action(c.ownerOnly, admin((me, i) => done(p.webhooks.setLicenseWebhooksEnabled(me.licenseId, requireOwner(i), true)))),
    disable_license_webhooks: action(c.ownerOnly, admin((me, i) => done(p.webhooks.setLicenseWebhooksEnabled(me.licenseId, requireOwner(i), false)))),
    get_license_webhooks_state: action(c.ownerOnly, admin(async (me, i) => ({ license_webhooks_enabled: await p.webhooks.licenseWebhooksEnabled(me.licenseId, requireOwner(i)) }))),

    // Bots
    create_bot: action(c.createBot, admin((me, i) => {
      const owner = requireOwner(i);
      return p.bots.create(me.licenseId, owner, { ...botInput(i), name: i.name }, originOf(owner));
    })),
    update_bot: action(c.updateBot, admin((me, i) => done(p.bots.update(me.licenseId, i.id, botInput(i), originOf())))),
    delete_bot: action(c.byStringId, admin((me, i) => done(p.bots.delete(me.licenseId, i.id, originOf())))),
    get_bot: action(c.getBot, (me, i) => p.bots.get(me.licenseId, i.id, i.fields ?? [])),
    // NOTE: a PAT has no client id; `all:false` narrows to `owner_client_id` when one is given.
    list_bots: action(c.listBots, (me, i) => p.bots.list(me.licenseId, i.all ? undefined : ownerOf(i), i.fields ?? [])),
    reset_bot_secret: action(c.resetBotSecret, admin((me, i) => p.bots.resetSecret(me.licenseId, i.id, ownerOf(i)))),
    issue_bot_token: action(c.issueBotToken, (me, i) => p.botTokens.issue(me.agent, i)),
    // Templates create bots on every license that installs an app: there is no app installation here.
    ...Object.fromEntries(BOT_TEMPLATE_ACTIONS.map((name) => [name, action(c.anyPayload, async () => {
      throw new DomainError('validation', `${name} is not supported: Switchboard has no app installations to create template bots on; use create_bot`, { action: name });
    })])),

    // Tags: normal agents manage the tags of their own groups (tags--groups), the others every tag.
    create_tag: action(c.createTag, (me, i) => done(p.tags.create(me.agent, strip({ name: i.name, groupIds: i.group_ids }), originOf()))),
    update_tag: action(c.updateTag, (me, i) => done(p.tags.update(me.agent, strip({ name: i.name, groupIds: i.group_ids }), originOf()))),
    delete_tag: action(c.deleteTag, (me, i) => done(p.tags.delete(me.agent, i.name, originOf()))),
    list_tags: action(c.listTags, (me, i) => p.tags.list(me.agent, i.filters?.group_ids ?? 'all')),

    // Canned responses: owners, vice-owners and administrators manage them; every agent lists those of its groups.
    create_canned_response: action(c.createCannedResponse, (me, i) => p.cannedResponses.create(me.agent, { text: i.text, tags: i.tags, groupId: i.group_id })),
    update_canned_response: action(c.updateCannedResponse, (me, i) => done(p.cannedResponses.update(me.agent, i.id, strip({ text: i.text, tags: i.tags, groupId: i.group_id })))),
    delete_canned_response: action(c.deleteCannedResponse, (me, i) => done(p.cannedResponses.delete(me.agent, i.id))),
    list_canned_responses: action(c.listCannedResponses, (me, i) => p.cannedResponses.list(me.agent, strip({ groupIds: i.group_ids, limit: i.limit, pageId: i.page_id }))),
  };
}

const PROFILE_FIELDS = new Set(['id', 'name', 'avatar', 'avatar_path']);
/** An `update_agent` that touches only what an agent may change about itself. */
function isProfileOnly(input: object): boolean {
  return Object.entries(input).every(([key, value]) => value === undefined || PROFILE_FIELDS.has(key));
}
