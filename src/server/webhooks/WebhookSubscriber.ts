import type { NewOutboxDelivery, WebhookRecord, WebhookSourceType } from '../domain/configuration/configModel.js';
import type { ChatPush, DomainEvent, LicensePush, Origin } from '../domain/domainEvents.js';
import type { AgentRecord, ChatRecord, ChatUserRecord } from '../domain/model.js';
import type { StoreTx, TransactionalListener } from '../domain/ports.js';
import { WEBHOOK_NAMES } from '../domain/configuration/webhookRegistry.js';

/** What a chat webhook's filters and additional data look at, loaded once per chat and transaction. */
interface ChatContext {
  chat: ChatRecord | undefined;
  present: ChatUserRecord[];
}

/**
 * Turns the domain events of a transaction into outbox rows, inside that same transaction: a change
 * and the webhooks it causes commit together or not at all. Delivery happens later (dispatcher).
 *
 * @example
 * platform.uow.addTransactionalListener(webhookOutboxListener({ now: Date.now, onEnqueued: () => dispatcher.kick() }));
 */
export function webhookOutboxListener(opts: { now: () => number; onEnqueued: () => void }): TransactionalListener {
  // NOTE: most units cause no webhook (their license has none): that answer costs one read and no
  // async function, which would keep all of its locals while it waits (#16, allocation per send_event).
  return (tx, events) => {
    const first = events.find(mayCauseWebhook);
    if (!first) return NO_WEBHOOKS;
    return tx.listWebhooks(first.licenseId).then((hooks) => {
      const none = hooks.length === 0 && events.every((event) => event.licenseId === first.licenseId);
      return none ? undefined : enqueue(tx, events, opts, first.licenseId, hooks);
    });
  };
}

const NO_WEBHOOKS = Promise.resolve();

/** The outbox rows of a unit's events, written in the unit; returns what to run once it has committed. `hooks`: those of `hooksLicense`. */
async function enqueue(tx: StoreTx, events: readonly DomainEvent[], opts: { now: () => number; onEnqueued: () => void }, hooksLicense: number, hooks: readonly WebhookRecord[]): Promise<(() => void) | undefined> {
  let unit: OutboxUnit | undefined;
  // A unit's events are about one license, whose webhooks the caller read (read again if another one comes).
  for (const event of events) {
    if (!mayCauseWebhook(event)) continue;
    if (hooksLicense !== event.licenseId) {
      hooks = await tx.listWebhooks(event.licenseId);
      hooksLicense = event.licenseId;
    }
    if (hooks.length === 0) continue;
    const candidates = hooks.filter((w) => w.action === event.name);
    if (candidates.length > 0) await (unit ??= new OutboxUnit(tx, opts.now)).add(event, candidates);
  }
  if (!unit || unit.rows.length === 0) return undefined;
  await tx.enqueueWebhookDeliveries(unit.rows);
  // Kicked once committed: a dispatcher reading on another connection sees the rows only then.
  return opts.onEnqueued;
}

function mayCauseWebhook(event: DomainEvent): event is ChatPush | LicensePush {
  if ((event.kind !== 'chat_push' && event.kind !== 'license_push') || !WEBHOOK_NAMES[event.name]) return false;
  return event.kind === 'license_push' ? event.only !== 'push' : !event.pushOnly;
}

/** The outbox rows of one unit, with what their filters read loaded once per unit. */
class OutboxUnit {
  readonly rows: NewOutboxDelivery[] = [];
  readonly #chats = new Map<string, ChatContext>();
  /** By license: a unit's events come from one license today, and a cache keyed by it stays right if not. */
  readonly #agents = new Map<number, readonly AgentRecord[]>();

  constructor(private readonly tx: StoreTx, private readonly now: () => number) {}

  /** Rows for the webhooks among `candidates` (those of the event's action) that are active and whose filters match. */
  async add(event: ChatPush | LicensePush, candidates: readonly WebhookRecord[]): Promise<void> {
    const tx = this.tx;
    let agents = this.#agents.get(event.licenseId);
    if (!agents) this.#agents.set(event.licenseId, (agents = await tx.listAgents(event.licenseId)));
    let ctx: ChatContext | undefined;
    if (event.kind === 'chat_push') {
      ctx = this.#chats.get(event.chatId);
      if (!ctx) {
        const chat = await tx.getChat(event.licenseId, event.chatId);
        ctx = { chat, present: (await tx.getChatUsers(event.chatId)).filter((m) => m.present) };
        this.#chats.set(event.chatId, ctx);
      }
    }
    const license = await tx.getLicense(event.licenseId);
    for (const w of candidates) {
      if (!(await active(tx, w, agents))) continue;
      if (!matches(w, event, ctx, agents)) continue;
      this.rows.push({
        licenseId: event.licenseId, webhookId: w.id, url: w.url, createdAt: this.now(), nextAttemptAt: this.now(),
        orderKey: `${w.id}:${event.kind === 'chat_push' ? event.chatId : '-'}`,
        body: JSON.stringify(envelope(w, event, license?.organizationId ?? '', ctx)),
      });
    }
  }
}

/** License webhooks obey the client's switch; bot webhooks need one of the client's bots not offline. */
async function active(tx: StoreTx, w: WebhookRecord, agents: readonly AgentRecord[]): Promise<boolean> {
  if (w.type === 'bot') return agents.some((a) => a.isBot && a.ownerClientId === w.ownerClientId && a.routingStatus !== 'offline');
  return (await tx.getLicenseWebhooksEnabled(w.licenseId, w.ownerClientId)) ?? true;
}

export function sourceType(origin: Origin | undefined, ownerClientId: string): WebhookSourceType {
  if (!origin) return 'system';
  return origin.clientId === ownerClientId ? 'my_client' : 'other_clients';
}

function matches(w: WebhookRecord, event: ChatPush | LicensePush, ctx: ChatContext | undefined, agents: readonly AgentRecord[]): boolean {
  const f = w.filters;
  if (!f) return true;
  if (f.source_type?.length && !f.source_type.includes(sourceType(event.origin, w.ownerClientId))) return false;
  if (f.agent_ids?.length) {
    const agentId = (event.kind === 'license_push' ? (event.payload as { agent_id?: string }).agent_id : undefined);
    if (!agentId || !f.agent_ids.includes(agentId)) return false;
  }
  if (event.kind !== 'chat_push') return true;
  if (f.author_type && event.meta?.authorType !== f.author_type) return false;
  if (f.only_my_chats) {
    const source = ctx?.chat?.properties.source ?? {};
    const clientIds = [source.client_id, source.customer_client_id, event.meta?.sourceClientId];
    if (!clientIds.includes(w.ownerClientId)) return false;
  }
  const presence = f.chat_presence;
  if (presence) {
    const present = new Set((ctx?.present ?? []).map((m) => m.userId));
    const include = presence.user_ids?.values;
    if (include !== undefined || presence.my_bots) {
      const byId = include?.some((id) => present.has(id)) ?? false;
      const byBot = presence.my_bots === true && agents.some((a) => a.isBot && a.ownerClientId === w.ownerClientId && present.has(a.id));
      if (!byId && !byBot) return false;
    }
    if (presence.user_ids?.exclude_values?.some((id) => present.has(id))) return false;
  }
  return true;
}

/** The delivery body (configuration-api.md §7). */
function envelope(w: WebhookRecord, event: ChatPush | LicensePush, organizationId: string, ctx: ChatContext | undefined): Record<string, unknown> {
  let payload = event.kind === 'chat_push' ? event.agentPayload : event.webhookPayload ?? event.payload;
  if (event.kind === 'chat_push' && (event.name === 'user_added_to_chat' || event.name === 'user_removed_from_chat')) {
    const user = (payload as { user?: { type?: string } }).user;
    payload = { ...(payload as object), user_type: event.meta?.userType ?? user?.type ?? 'agent' };
  }
  const additional: Record<string, unknown> = {};
  if (ctx && w.additionalData?.includes('chat_properties')) additional.chat_properties = ctx.chat?.properties ?? {};
  if (ctx && w.additionalData?.includes('chat_presence_user_ids')) additional.chat_presence_user_ids = ctx.present.map((m) => m.userId);
  return {
    webhook_id: w.id, secret_key: w.secretKey, action: w.action, organization_id: organizationId, payload,
    ...(w.additionalData?.length ? { additional_data: additional } : {}),
  };
}
