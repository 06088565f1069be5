import { formatTimestamp } from '../../../protocol/time.js';
import type { CustomerUser } from '../../../protocol/entities.js';
import type { AgentRecord, CustomerRecord } from '../model.js';
import type { Clock, StoreTx } from '../ports.js';
import type { Emit, UnitOfWork } from '../unitOfWork.js';
import { renderAgentCustomer } from './customerSearch.js';

export const MONITORING_LEVELS = ['my', 'chatting', 'invited', 'online', 'highest_available'] as const;
export type MonitoringLevel = (typeof MONITORING_LEVELS)[number];

/** At most this many customers in one `incoming_customers` push (the most recently created first). */
export const MAX_MONITORED_CUSTOMERS = 500;

/**
 * Visitor monitoring for agents: who is on the website now (`incoming_customers` after agent
 * login), who arrives (`incoming_customer`), changes page (`customer_page_updated`) or leaves
 * (`customer_left`). A customer is online while it has a logged-in Customer Chat RTM connection.
 */
export class Visitors {
  constructor(private readonly uow: UnitOfWork, private readonly clock: Clock) {}

  /**
   * The `incoming_customers` payload. Levels nest: `my` (in a chat with this agent) ⊂ `chatting`
   * (in an active chat) = `invited` (Switchboard sends no greetings) ⊂ `online` = `highest_available`.
   */
  snapshot(agent: AgentRecord, onlineIds: readonly string[], level: MonitoringLevel): Promise<{ customer_monitoring_level: MonitoringLevel; customers: CustomerUser[] }> {
    const effective = level === 'highest_available' ? 'online' : level;
    return this.uow.read(async (tx) => {
      const found: CustomerRecord[] = [];
      for (const id of onlineIds) {
        const c = await tx.getCustomer(agent.licenseId, id);
        if (c && (effective === 'online' || (await this.#chatting(tx, c, effective === 'my' ? agent.id : undefined)))) found.push(c);
      }
      found.sort((a, b) => b.createdAt - a.createdAt);
      return { customer_monitoring_level: effective, customers: found.slice(0, MAX_MONITORED_CUSTOMERS).map(renderAgentCustomer) };
    });
  }

  /** `customer_page_updated` for `update_customer_page`; `visit_id` numbers the customer's visits. */
  pageUpdated(emit: Emit, customer: CustomerRecord): void {
    if (!customer.lastPage) return;
    emit({
      kind: 'license_push', licenseId: customer.licenseId, name: 'customer_page_updated',
      payload: {
        customer_id: customer.id, visit_id: customer.visitsCount, opened_at: formatTimestamp(customer.lastPage.openedAt),
        url: customer.lastPage.url, ...(customer.lastPage.title ? { title: customer.lastPage.title } : {}),
      },
    });
  }

  /** The customer's last connection closed. */
  async left(licenseId: number, customerId: string): Promise<void> {
    await this.uow.publish({ kind: 'license_push', licenseId, name: 'customer_left', payload: { id: customerId, left_at: formatTimestamp(this.clock.now()) } });
  }

  async #chatting(tx: StoreTx, c: CustomerRecord, withAgent?: string): Promise<boolean> {
    for (const chatId of await tx.listCustomerChatIds(c.licenseId, c.id)) {
      const chat = await tx.getChat(c.licenseId, chatId);
      if (!chat?.activeThreadId) continue;
      if (!withAgent || (await tx.getChatUsers(chat.id)).some((m) => m.userId === withAgent && m.present)) return true;
    }
    return false;
  }
}
