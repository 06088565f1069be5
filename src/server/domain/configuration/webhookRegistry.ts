import type { WebhookFilters, WebhookRecord } from './configModel.js';
import { DomainError } from '../errors.js';
import { newShortId } from '../ids.js';
import type { Clock } from '../ports.js';
import { isEmittedPush } from '../pushNames.js';
import type { UnitOfWork } from '../unitOfWork.js';

type Filter = 'chat_presence' | 'only_my_chats' | 'source_type' | 'author_type' | 'agent_ids';
type Extra = 'chat_properties' | 'chat_presence_user_ids';

const CHAT: Filter[] = ['chat_presence', 'only_my_chats', 'source_type'];
const EXTRA: Extra[] = ['chat_properties', 'chat_presence_user_ids'];

/** Every webhook name with the filters and additional data it supports (configuration-api.md §7). */
export const WEBHOOK_NAMES: Record<string, { filters: Filter[]; additionalData: Extra[]; chat: boolean }> = Object.fromEntries([
  ...['incoming_chat', 'chat_deactivated', 'chat_access_updated', 'chat_transferred', 'user_added_to_chat', 'user_removed_from_chat',
    'incoming_rich_message_postback', 'chat_properties_updated', 'chat_properties_deleted', 'thread_properties_updated',
    'thread_properties_deleted', 'event_properties_updated', 'event_properties_deleted', 'thread_tagged', 'thread_untagged',
    'events_marked_as_seen'].map((n) => [n, { filters: CHAT, additionalData: EXTRA, chat: true }]),
  ...['incoming_event', 'event_updated'].map((n) => [n, { filters: [...CHAT, 'author_type'], additionalData: EXTRA, chat: true }]),
  ['routing_status_set', { filters: ['agent_ids', 'source_type'], additionalData: [], chat: false }],
  ['incoming_customer', { filters: ['source_type'], additionalData: [], chat: false }],
  ['customer_session_fields_updated', { filters: ['chat_presence', 'source_type'], additionalData: EXTRA, chat: false }],
  ...['agent_created', 'agent_updated', 'agent_deleted', 'agent_suspended', 'agent_unsuspended', 'agent_approved', 'bot_created',
    'bot_updated', 'bot_deleted', 'group_created', 'group_updated', 'group_deleted', 'tag_created', 'tag_updated', 'tag_deleted',
    'auto_accesses_updated'].map((n) => [n, { filters: ['source_type'], additionalData: [], chat: false }]),
]);

/**
 * A documented webhook fires when the domain emits the event of the same name (pushNames.ts); the
 * others are refused at registration rather than accepted and never sent.
 */
export function webhookFires(action: string): boolean {
  return Object.hasOwn(WEBHOOK_NAMES, action) && isEmittedPush(action);
}

/** At most this many webhooks per action and owner client (docs: 3). */
export const WEBHOOKS_PER_ACTION = 3;

export interface WebhookInput {
  action: string;
  url: string;
  secretKey: string;
  ownerClientId: string;
  type: 'license' | 'bot';
  description?: string;
  filters?: WebhookFilters;
  additionalData?: Extra[];
}

export function renderWebhook(w: WebhookRecord): Record<string, unknown> {
  return {
    id: w.id, url: w.url, description: w.description ?? '', action: w.action, secret_key: w.secretKey, filters: w.filters ?? {},
    owner_client_id: w.ownerClientId, type: w.type, ...(w.additionalData ? { additional_data: w.additionalData } : {}),
  };
}

/**
 * Refuses anything but absolute http(s) URLs. NOTE: other schemes (file:, ftp:, gopher:, data:,
 * javascript:…) could make the server read local files or talk to non-HTTP services on the
 * receiver's behalf; see docs/webhooks.md.
 */
export function checkWebhookUrl(url: string): void {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new DomainError('validation', 'url must be an absolute http:// or https:// URL');
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') throw new DomainError('validation', `url scheme ${parsed.protocol} is not allowed; use http:// or https://`);
  if (parsed.username || parsed.password) throw new DomainError('validation', 'url must not carry credentials; receivers check secret_key instead');
}

/** Webhook registrations and the per-client license-webhook switch. */
export class WebhookRegistry {
  constructor(private readonly uow: UnitOfWork, private readonly clock: Clock) {}

  async register(licenseId: number, input: WebhookInput): Promise<{ id: string }> {
    const spec = WEBHOOK_NAMES[input.action];
    if (!spec) throw new DomainError('validation', `Unknown webhook action ${input.action}`);
    if (!webhookFires(input.action)) {
      throw new DomainError('validation', `Webhook ${input.action} is not supported: Switchboard never triggers it (see docs/api-coverage.md)`, { action: input.action });
    }
    checkWebhookUrl(input.url);
    for (const f of Object.keys(input.filters ?? {}) as Filter[]) {
      if (!spec.filters.includes(f)) throw new DomainError('validation', `Filter ${f} is not supported by ${input.action}`);
    }
    const users = input.filters?.chat_presence?.user_ids;
    if (users && (users.values === undefined) === (users.exclude_values === undefined)) {
      throw new DomainError('validation', 'filters.chat_presence.user_ids takes exactly one of values or exclude_values');
    }
    for (const d of input.additionalData ?? []) {
      if (!spec.additionalData.includes(d)) throw new DomainError('validation', `additional_data ${d} is not supported by ${input.action}`);
    }
    return this.uow.run(async (tx) => {
      const same = (await tx.listWebhooks(licenseId)).filter((w) => w.ownerClientId === input.ownerClientId && w.action === input.action);
      if (same.length >= WEBHOOKS_PER_ACTION) throw new DomainError('limit_reached', `At most ${WEBHOOKS_PER_ACTION} webhooks per action and client`);
      const id = newShortId().toLowerCase() + newShortId().toLowerCase();
      await tx.insertWebhook({
        id, licenseId, ownerClientId: input.ownerClientId, action: input.action, url: input.url, secretKey: input.secretKey, type: input.type,
        createdAt: this.clock.now(),
        ...(input.description !== undefined ? { description: input.description } : {}),
        ...(input.filters ? { filters: input.filters } : {}),
        ...(input.additionalData?.length ? { additionalData: input.additionalData } : {}),
      });
      return { id };
    });
  }

  async unregister(licenseId: number, ownerClientId: string, id: string): Promise<void> {
    await this.uow.run(async (tx) => {
      const w = (await tx.listWebhooks(licenseId)).find((x) => x.id === id && x.ownerClientId === ownerClientId);
      if (!w) throw new DomainError('not_found', `Webhook ${id} not found`);
      await tx.deleteWebhook(licenseId, id);
    });
  }

  list(licenseId: number, ownerClientId: string): Promise<Record<string, unknown>[]> {
    return this.uow.read(async (tx) => (await tx.listWebhooks(licenseId)).filter((w) => w.ownerClientId === ownerClientId).map(renderWebhook));
  }

  async setLicenseWebhooksEnabled(licenseId: number, ownerClientId: string, enabled: boolean): Promise<void> {
    await this.uow.run((tx) => tx.setLicenseWebhooksEnabled(licenseId, ownerClientId, enabled));
  }

  /** Enabled unless the client disabled them (Switchboard: one license, the app counts as installed). */
  licenseWebhooksEnabled(licenseId: number, ownerClientId: string): Promise<boolean> {
    return this.uow.read(async (tx) => (await tx.getLicenseWebhooksEnabled(licenseId, ownerClientId)) ?? true);
  }
}

export function listWebhookNames(): { action: string; filters: string[]; additional_data: string[] }[] {
  return Object.entries(WEBHOOK_NAMES).filter(([action]) => webhookFires(action)).map(([action, s]) => ({ action, filters: s.filters, additional_data: s.additionalData }));
}
