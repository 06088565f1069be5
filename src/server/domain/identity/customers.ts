import type { CustomerLoginRequest, CustomerLoginResponse } from '../../../protocol/customer.js';
import type { CustomerUser, SessionField } from '../../../protocol/entities.js';
import type { CustomerActor } from './actor.js';
import type { CustomerTokens } from './customerTokens.js';
import { DomainError } from '../errors.js';
import { hashSecret, newSecret, newUuid, sameSecret } from '../ids.js';
import type { CustomerRecord } from '../model.js';
import type { Clock, StoreTx } from '../ports.js';
import type { Emit, UnitOfWork } from '../unitOfWork.js';
import { renderCustomer } from '../conversations/views.js';
import type { Visitors } from './visitors.js';
import { applyProfile, customerOrigin, emitIncomingCustomer, emitProfileChanged } from './customerProfile.js';

export interface IssuedCustomerToken {
  access_token: string;
  entity_id: string;
  expires_in: number;
  token_type: 'Bearer';
  organization_id: string;
  /** The identity secret: the cookie's value, or what a cookie-less client keeps and sends back. */
  refresh_token: string;
}

/** Customer identity (token grant, returning visitors) and profile (get/update/session fields). */
export class Customers {
  constructor(private readonly uow: UnitOfWork, private readonly clock: Clock, private readonly tokens: CustomerTokens, private readonly visitors: Visitors) {}

  /**
   * Cookie grant. A returning visitor proves its identity with `customerId` + `secret` (from the
   * identity cookie or from a refresh secret the client stored) and keeps its id; otherwise a new
   * customer is created.
   */
  issueToken(input: { organizationId: string; clientId?: string; customerId?: string; secret?: string; userAgent?: string; referrer?: string }): Promise<IssuedCustomerToken> {
    return this.uow.run(async (tx, emit) => {
      const license = await tx.getLicenseByOrganization(input.organizationId);
      if (!license) throw new DomainError('license_not_found', 'Unknown organization_id');
      let customer: CustomerRecord | undefined;
      let secret = input.secret;
      if (input.customerId && secret) {
        const known = await tx.getCustomer(license.id, input.customerId);
        if (known?.secretHash && sameSecret(secret, known.secretHash)) customer = known;
      }
      const isNew = !customer;
      if (!customer) {
        secret = newSecret();
        customer = {
          id: newUuid(), licenseId: license.id, sessionFields: [], secretHash: hashSecret(secret), createdAt: this.clock.now(),
          visitsCount: 0, pageViewsCount: 0, chatsCount: 0, threadsCount: 0,
          ...(input.clientId ? { clientId: input.clientId } : {}),
        };
        // A new identity is a new customer for `incoming_customer` webhooks; agents hear of it when it connects.
        // Rendered now, as the identity is before this visit is counted.
        emitIncomingCustomer(emit, customer, input.clientId ? { clientId: input.clientId } : undefined, 'webhook');
      }
      customer.visitsCount += 1;
      if (input.userAgent) customer.userAgent = input.userAgent;
      if (input.referrer) customer.referrer = input.referrer;
      // A new identity is written once, with this visit counted (#16: statements per customer set up).
      if (isNew) await tx.insertCustomer(customer);
      else await tx.updateCustomer(customer);
      const { token, expiresIn } = this.tokens.issue({ customerId: customer.id, licenseId: license.id, ...(input.clientId ? { clientId: input.clientId } : {}) });
      return {
        access_token: token, entity_id: customer.id, expires_in: expiresIn, token_type: 'Bearer',
        organization_id: license.organizationId, refresh_token: `${customer.id}:${secret}`,
      };
    });
  }

  /** Checks a token and the customer behind it (existence, ban). */
  authenticate(token: string, organizationId?: string): Promise<CustomerActor & { expiresAt: number }> {
    const claims = this.tokens.verify(token);
    return this.uow.read(async (tx) => {
      if (organizationId !== undefined) {
        const license = await tx.getLicenseByOrganization(organizationId);
        if (!license) throw new DomainError('license_not_found', 'Unknown organization_id');
        if (license.id !== claims.licenseId) throw new DomainError('authentication', 'Token belongs to another organization');
      }
      const customer = await tx.getCustomer(claims.licenseId, claims.customerId);
      if (!customer) throw new DomainError('authentication', 'Unknown customer');
      this.checkBan(customer);
      return { type: 'customer', id: customer.id, licenseId: customer.licenseId, expiresAt: claims.expiresAt, ...(claims.clientId ? { clientId: claims.clientId } : {}) };
    });
  }

  checkBan(customer: CustomerRecord): void {
    if (customer.bannedUntil !== undefined && customer.bannedUntil > this.clock.now()) {
      throw new DomainError('customer_banned', 'Customer is banned', { until: new Date(customer.bannedUntil / 1000).toISOString() });
    }
  }

  /** RTM login: applies the profile fields sent along and returns the login payload. */
  /** `arriving`: the customer had no other connection, so agents hear of it (`incoming_customer`). */
  login(actor: CustomerActor, input: CustomerLoginRequest, onlineGroups: number[], arriving = false): Promise<CustomerLoginResponse> {
    return this.uow.run(async (tx, emit) => {
      const customer = await this.#load(tx, actor);
      if (input.customer) applyProfile(customer, input.customer);
      if (input.customer_page?.url) {
        customer.lastPage = { url: input.customer_page.url, ...(input.customer_page.title ? { title: input.customer_page.title } : {}), openedAt: this.clock.now() };
        customer.pageViewsCount += 1;
      }
      // A login that carries no profile or page changes nothing stored: no write (#16: a statement and
      // three JSON passes per customer set up).
      if (input.customer || input.customer_page?.url) await tx.updateCustomer(customer);
      if (input.customer) await emitProfileChanged(tx, emit, customer, Object.keys(input.customer), customerOrigin(actor));
      if (arriving) emitIncomingCustomer(emit, customer, customerOrigin(actor), 'push');
      else if (input.customer_page?.url) this.visitors.pageUpdated(emit, customer);
      const found = [];
      for (const id of await tx.listCustomerChatIds(actor.licenseId, actor.id)) {
        const chat = await tx.getChat(actor.licenseId, id);
        if (chat) found.push(chat);
      }
      // Active chats first, then the rest by their newest thread; at most 25.
      found.sort((a, b) => Number(b.activeThreadId !== null) - Number(a.activeThreadId !== null) || b.lastThreadCreatedAt - a.lastThreadCreatedAt);
      const ordered: CustomerLoginResponse['chats'] = [];
      for (const chat of found.slice(0, 25)) {
        const me = (await tx.getChatUsers(chat.id)).find((m) => m.userId === actor.id);
        const unread = await tx.hasEventsAfter(chat.id, me?.eventsSeenUpTo ?? 0, actor.id, true);
        ordered.push({ chat_id: chat.id, has_unread_events: unread, has_active_thread: chat.activeThreadId !== null });
      }
      return {
        customer: { ...renderCustomer(customer, 'customer'), statistics: this.#statistics(customer) },
        has_active_thread: ordered.some((c) => c.has_active_thread),
        chats: ordered,
        __priv_dynamic_config: onlineGroups.length > 0 ? { online_groups_ids: onlineGroups, customer_groups: { monitoring: { id: 0 } } } : {},
      };
    });
  }

  get(actor: CustomerActor): Promise<CustomerUser> {
    return this.uow.read(async (tx) => {
      const customer = await this.#load(tx, actor);
      return { ...renderCustomer(customer, 'customer'), statistics: this.#statistics(customer) };
    });
  }

  async update(actor: CustomerActor, fields: { name?: string; email?: string; avatar?: string; session_fields?: SessionField[] }): Promise<Record<string, never>> {
    if (fields.name === undefined && fields.email === undefined && fields.avatar === undefined && fields.session_fields === undefined) {
      throw new DomainError('validation', 'At least one of name, email, avatar, session_fields is required');
    }
    await this.uow.run(async (tx, emit) => {
      const customer = await this.#load(tx, actor);
      applyProfile(customer, fields);
      await tx.updateCustomer(customer);
      await emitProfileChanged(tx, emit, customer, Object.keys(fields), customerOrigin(actor));
    });
    return {};
  }

  async updatePage(actor: CustomerActor, page: { url: string; title?: string }): Promise<Record<string, never>> {
    await this.uow.run(async (tx, emit) => {
      const customer = await this.#load(tx, actor);
      customer.lastPage = { url: page.url, ...(page.title ? { title: page.title } : {}), openedAt: this.clock.now() };
      customer.pageViewsCount += 1;
      await tx.updateCustomer(customer);
      this.visitors.pageUpdated(emit, customer);
    });
    return {};
  }

  async #load(tx: StoreTx, actor: CustomerActor): Promise<CustomerRecord> {
    const customer = await tx.getCustomer(actor.licenseId, actor.id);
    if (!customer) throw new DomainError('authentication', 'Unknown customer');
    return customer;
  }

  #statistics(c: CustomerRecord) {
    return {
      chats_count: c.chatsCount ?? 0, threads_count: c.threadsCount ?? 0, visits_count: c.visitsCount, page_views_count: c.pageViewsCount,
      greetings_shown_count: c.greetingsShownCount ?? 0, greetings_accepted_count: c.greetingsAcceptedCount ?? 0,
    };
  }
}

/** `customer_updated` with the changed keys, to the customer's own connections and to agents present in its chats. */
export async function emitCustomerUpdated(tx: StoreTx, emit: Emit, customer: CustomerRecord, keys: string[]): Promise<void> {
  const rendered = renderCustomer(customer, 'customer') as unknown as Record<string, unknown>;
  const payload: Record<string, unknown> = { id: customer.id };
  for (const k of keys) if (k in rendered) payload[k] = rendered[k];
  if (keys.includes('session_fields')) payload.session_fields = customer.sessionFields;
  const userIds = new Set([customer.id]);
  for (const chatId of await tx.listCustomerChatIds(customer.licenseId, customer.id)) {
    for (const m of await tx.getChatUsers(chatId)) if (m.userType === 'agent' && m.present) userIds.add(m.userId);
  }
  emit({ kind: 'user_push', licenseId: customer.licenseId, userIds: [...userIds], name: 'customer_updated', payload });
}
