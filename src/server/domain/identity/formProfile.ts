import type { CustomerRecord } from '../model.js';
import { DomainError } from '../errors.js';
import type { StoreTx } from '../ports.js';
import type { Emit } from '../unitOfWork.js';
import { renderCustomer } from '../conversations/views.js';

/** Deliberately loose: one @, no spaces, a dot in the domain. Mail servers decide the rest. */
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export const isEmailAddress = (value: string): boolean => value.length <= 256 && EMAIL.test(value);

/**
 * Name and e-mail a visitor gave in a `filled_form` event (pre-chat form, or the "leave a message"
 * form): the answers of its `name` and `email` fields. Throws `validation` on an answer that is not
 * a string or an e-mail address that is not one.
 */
export function profileFromFilledForm(fields: unknown): { name?: string; email?: string } {
  if (!Array.isArray(fields)) return {};
  const out: { name?: string; email?: string } = {};
  fields.forEach((raw, i) => {
    if (typeof raw !== 'object' || raw === null) throw new DomainError('validation', `event.fields[${i}] must be an object`);
    const f = raw as { type?: unknown; answer?: unknown };
    if (f.type !== 'name' && f.type !== 'email') return;
    if (f.answer === undefined || f.answer === '') return;
    if (typeof f.answer !== 'string' || f.answer.length > 256) throw new DomainError('validation', `event.fields[${i}].answer must be a string of at most 256 characters`);
    const answer = f.answer.trim();
    if (f.type === 'email' && !isEmailAddress(answer)) throw new DomainError('validation', `event.fields[${i}].answer must be an e-mail address such as name@example.com`);
    if (f.type === 'name') out.name = answer;
    else out.email = answer;
  });
  return out;
}

/** `customer_updated` with the changed keys, to the customer and the agents present in its chats. */
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

/** Copies the name and e-mail of filled forms onto the customer's profile, inside the writing transaction. */
export async function applyFilledForms(tx: StoreTx, emit: Emit, licenseId: number, customerId: string, events: readonly { type: string; fields?: unknown }[]): Promise<void> {
  const profile: { name?: string; email?: string } = {};
  for (const e of events) if (e.type === 'filled_form') Object.assign(profile, profileFromFilledForm(e.fields));
  const keys = Object.keys(profile) as ('name' | 'email')[];
  if (keys.length === 0) return;
  const customer = await tx.getCustomer(licenseId, customerId);
  if (!customer) return;
  for (const k of keys) customer[k] = profile[k]!;
  await tx.updateCustomer(customer);
  await emitCustomerUpdated(tx, emit, customer, keys);
}
