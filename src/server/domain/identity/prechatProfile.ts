import type { FilledFormField } from '../../../protocol/forms.js';
import { DomainError } from '../errors.js';
import type { EventRecord } from '../model.js';
import type { StoreTx } from '../ports.js';
import type { Emit } from '../unitOfWork.js';
import { emitCustomerUpdated } from './customers.js';

const EMAIL = /^[^\s@]+@[^\s@]+$/;
const PROFILE_FORM_TYPES = new Set<unknown>([undefined, 'prechat', 'ask_for_email']);

/**
 * Name and e-mail a customer gave in the pre-chat form (or the "leave your e-mail" form, so replies
 * can be mailed) that came with `start_chat`/`resume_chat`: the `name` and `email` fields of its
 * `filled_form` events (`form_type` prechat or ask_for_email, or none).
 */
export function profileFromPrechat(events: readonly EventRecord[]): { name?: string; email?: string } {
  const profile: { name?: string; email?: string } = {};
  for (const e of events) {
    if (e.type !== 'filled_form' || !PROFILE_FORM_TYPES.has(e.body.form_type)) continue;
    const fields = Array.isArray(e.body.fields) ? (e.body.fields as FilledFormField[]) : [];
    for (const [i, f] of fields.entries()) {
      if (f?.type !== 'name' && f?.type !== 'email') continue;
      if (f.answer === undefined || f.answer === '') continue;
      if (typeof f.answer !== 'string' || f.answer.length > 256) throw new DomainError('validation', `event.fields.${i}.answer must be a string of at most 256 characters`);
      const answer = f.answer.trim();
      if (f.type === 'email' && !EMAIL.test(answer)) throw new DomainError('validation', `event.fields.${i}.answer is not an e-mail address`);
      profile[f.type] = answer;
    }
  }
  return profile;
}

/** Puts a pre-chat name/e-mail on the customer's profile, in the chat's own transaction. */
export async function applyPrechatProfile(tx: StoreTx, emit: Emit, licenseId: number, customerId: string, events: readonly EventRecord[]): Promise<void> {
  const profile = profileFromPrechat(events);
  const keys = Object.keys(profile) as ('name' | 'email')[];
  if (keys.length === 0) return;
  const customer = await tx.getCustomer(licenseId, customerId);
  if (!customer) return;
  Object.assign(customer, profile);
  await tx.updateCustomer(customer);
  await emitCustomerUpdated(tx, emit, customer, keys);
}
