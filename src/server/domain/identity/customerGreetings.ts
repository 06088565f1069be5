import { formatTimestamp } from '../../../protocol/time.js';
import type { CustomerActor } from './actor.js';
import type { PropertyCatalog } from '../configuration/propertyCatalog.js';
import { GREETINGS_PROPERTY, matchGreeting, parseGreetingRules } from '../configuration/greetingRules.js';
import { DomainError } from '../errors.js';
import { newShortId } from '../ids.js';
import type { Clock } from '../ports.js';
import type { Emit, UnitOfWork } from '../unitOfWork.js';

/**
 * Targeted greetings for one customer: shown when a page matches (`incoming_greeting`), then
 * accepted or canceled. A customer has at most one greeting on display; a new one cancels it.
 */
export class CustomerGreetings {
  constructor(private readonly uow: UnitOfWork, private readonly clock: Clock, private readonly catalog: PropertyCatalog) {}

  /** After `login` with a page and on `update_customer_page`. */
  async pageOpened(actor: CustomerActor, pageUrl: string): Promise<void> {
    await this.uow.run(async (tx, emit) => {
      const value = await this.catalog.licenseValue(tx, actor.licenseId, GREETINGS_PROPERTY.namespace, GREETINGS_PROPERTY.name);
      const rule = matchGreeting(typeof value === 'string' ? parseGreetingRules(value) : [], pageUrl);
      const customer = await tx.getCustomer(actor.licenseId, actor.id);
      if (!rule || !customer || customer.greeting?.id === rule.id) return;
      const agents = await tx.listAgents(actor.licenseId);
      const agent = agents.find((a) => a.id === rule.agent_id) ?? agents.find((a) => a.role === 'owner' && !a.isBot);
      if (!agent) return;
      if (customer.greeting) this.#push(emit, actor, 'greeting_canceled', { unique_id: customer.greeting.uniqueId });
      const shown = customer.greetingsShown ?? [];
      const uniqueId = newShortId();
      customer.greeting = { id: rule.id, uniqueId };
      customer.greetingsShown = shown.includes(rule.id) ? shown : [...shown, rule.id];
      customer.greetingsShownCount = (customer.greetingsShownCount ?? 0) + 1;
      await tx.updateCustomer(customer);
      this.#push(emit, actor, 'incoming_greeting', {
        id: rule.id, unique_id: uniqueId, displayed_first_time: !shown.includes(rule.id), subtype: 'announcement', is_exit_intent: false,
        event: { id: uniqueId, type: 'message', text: rule.text, author_id: agent.id, created_at: formatTimestamp(this.clock.now()) },
        agent: { id: agent.id, name: agent.name, avatar: agent.avatar ?? '', job_title: agent.jobTitle ?? '', is_bot: agent.isBot },
      });
    });
  }

  /** `accept_greeting` / `cancel_greeting`: only the greeting on display; `greeting_not_found` otherwise. */
  async close(actor: CustomerActor, uniqueId: string, outcome: 'accepted' | 'canceled', greetingId?: number): Promise<Record<string, never>> {
    await this.uow.run(async (tx, emit) => {
      const customer = await tx.getCustomer(actor.licenseId, actor.id);
      const shown = customer?.greeting;
      if (!customer || !shown || shown.uniqueId !== uniqueId || (greetingId !== undefined && shown.id !== greetingId)) {
        throw new DomainError('greeting_not_found', `No greeting ${uniqueId} is on display`);
      }
      delete customer.greeting;
      if (outcome === 'accepted') customer.greetingsAcceptedCount = (customer.greetingsAcceptedCount ?? 0) + 1;
      await tx.updateCustomer(customer);
      this.#push(emit, actor, outcome === 'accepted' ? 'greeting_accepted' : 'greeting_canceled', { unique_id: uniqueId });
    });
    return {};
  }

  #push(emit: Emit, actor: CustomerActor, name: 'incoming_greeting' | 'greeting_accepted' | 'greeting_canceled', payload: unknown): void {
    emit({ kind: 'user_push', licenseId: actor.licenseId, userIds: [actor.id], name, payload });
  }
}
