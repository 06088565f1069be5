import type { SessionField } from '../../../protocol/entities.js';
import { loadReachableCustomer } from '../conversations/chatAccess.js';
import { renderCustomer } from '../conversations/views.js';
import type { Origin } from '../domainEvents.js';
import { DomainError } from '../errors.js';
import { newUuid } from '../ids.js';
import type { CustomerRecord } from '../model.js';
import type { Clock, StoreTx } from '../ports.js';
import type { Emit, UnitOfWork } from '../unitOfWork.js';
import type { AgentActor, CustomerActor } from './actor.js';
import { renderAgentCustomer } from './customerSearch.js';

export interface ProfileFields {
  name?: string | undefined;
  email?: string | undefined;
  avatar?: string | undefined;
  session_fields?: SessionField[] | undefined;
}

const MAX_SESSION_FIELDS = 100;

/** Writes name, email, avatar and session fields (at most 100 keys, one string value each). */
export function applyProfile(customer: CustomerRecord, fields: ProfileFields): void {
  if (fields.name !== undefined) customer.name = fields.name;
  if (fields.email !== undefined) customer.email = fields.email;
  if (fields.avatar !== undefined) customer.avatar = fields.avatar;
  if (fields.session_fields !== undefined) {
    const keys = new Set<string>();
    for (const f of fields.session_fields) {
      const entries = Object.entries(f);
      if (entries.length !== 1 || typeof entries[0]![1] !== 'string') throw new DomainError('validation', 'session_fields must be objects with one string value each');
      keys.add(entries[0]![0]);
    }
    if (keys.size > MAX_SESSION_FIELDS) throw new DomainError('customer_session_fields_limit_reached', `At most ${MAX_SESSION_FIELDS} session fields`);
    customer.sessionFields = fields.session_fields;
  }
}

export const customerOrigin = (actor: CustomerActor): Origin => (actor.clientId ? { clientId: actor.clientId } : {});

/**
 * `customer_updated` to the customer's own connections and to the agents in its chats; when the
 * session fields changed, the webhook-only `customer_session_fields_updated`, once per active chat.
 */
export async function emitProfileChanged(tx: StoreTx, emit: Emit, customer: CustomerRecord, keys: string[], origin: Origin): Promise<void> {
  const rendered = renderCustomer(customer, 'customer') as unknown as Record<string, unknown>;
  const payload: Record<string, unknown> = { id: customer.id };
  for (const k of keys) if (k in rendered) payload[k] = rendered[k];
  if (keys.includes('session_fields')) payload.session_fields = customer.sessionFields;
  const userIds = new Set([customer.id]);
  const chatIds = await tx.listCustomerChatIds(customer.licenseId, customer.id);
  for (const chatId of chatIds) {
    for (const m of await tx.getChatUsers(chatId)) if (m.userType === 'agent' && m.present) userIds.add(m.userId);
  }
  emit({ kind: 'user_push', licenseId: customer.licenseId, userIds: [...userIds], name: 'customer_updated', payload });
  if (!keys.includes('session_fields')) return;
  for (const chatId of chatIds) {
    const chat = await tx.getChat(customer.licenseId, chatId);
    if (!chat?.activeThreadId) continue;
    const webhook = { id: customer.id, active_chat: { chat_id: chat.id, thread_id: chat.activeThreadId }, session_fields: customer.sessionFields };
    // No connection receives it (no users, no groups): it exists for the webhook of the same name.
    emit({ kind: 'chat_push', licenseId: chat.licenseId, chatId: chat.id, name: 'customer_session_fields_updated', agentPayload: webhook, userIds: [], origin });
  }
}

/** Agent `create_customer` and `update_customer`. */
export class CustomerProfiles {
  constructor(private readonly uow: UnitOfWork, private readonly clock: Clock) {}

  /**
   * A customer with no identity secret: it exists for agents and bots (notes, CRM imports) until a
   * token is issued for it. Agents get `incoming_customer`; the webhook of that name fires.
   */
  async create(actor: AgentActor, fields: ProfileFields, origin: Origin): Promise<{ customer_id: string }> {
    return this.uow.run(async (tx, emit) => {
      const customer: CustomerRecord = {
        id: newUuid(), licenseId: actor.licenseId, sessionFields: [], createdAt: this.clock.now(),
        visitsCount: 0, pageViewsCount: 0, chatsCount: 0, threadsCount: 0,
      };
      applyProfile(customer, fields);
      await tx.insertCustomer(customer);
      emitIncomingCustomer(emit, customer, origin);
      return { customer_id: customer.id };
    });
  }

  async update(actor: AgentActor, input: ProfileFields & { id: string }, origin: Origin): Promise<Record<string, never>> {
    const { id, ...fields } = input;
    const keys = Object.keys(fields).filter((k) => fields[k as keyof ProfileFields] !== undefined);
    if (keys.length === 0) throw new DomainError('validation', 'Give at least one of name, email, avatar, session_fields besides id');
    await this.uow.run(async (tx, emit) => {
      // #11: only a customer the agent reaches through one of its chats (managers: every customer).
      const { customer } = await loadReachableCustomer(tx, actor.agent, id);
      applyProfile(customer, fields);
      await tx.updateCustomer(customer);
      await emitProfileChanged(tx, emit, customer, keys, origin);
    });
    return {};
  }
}

/** A new customer: the `incoming_customer` push (customer object) and webhook (`{customer}`). */
export function emitIncomingCustomer(emit: Emit, customer: CustomerRecord, origin?: Origin, only?: 'push' | 'webhook'): void {
  const rendered = renderAgentCustomer(customer);
  emit({
    kind: 'license_push', licenseId: customer.licenseId, name: 'incoming_customer', payload: rendered, webhookPayload: { customer: rendered },
    ...(only ? { only } : {}), ...(origin ? { origin } : {}),
  });
}
