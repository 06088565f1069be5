import type { AgentActor } from './actor.js';
import type { ChatLifecycle } from '../conversations/chats.js';
import { loadReachableCustomer } from '../conversations/chatAccess.js';
import type { Origin } from '../domainEvents.js';
import { DomainError } from '../errors.js';
import type { Clock } from '../ports.js';
import type { UnitOfWork } from '../unitOfWork.js';

const DAY_US = 24 * 3600 * 1_000_000;
const MAX_BAN_DAYS = 3650;

/**
 * `ban_customer`: stores `bannedUntil`, ends the customer's active chats with a `customer_banned`
 * system message, tells the license's agents, and closes the customer's connections
 * (`customer_disconnected` reason `customer_banned`). Logins and Web calls are refused by
 * `Customers.checkBan` until the ban runs out; nothing needs to happen when it does.
 */
export class Bans {
  constructor(private readonly uow: UnitOfWork, private readonly clock: Clock, private readonly lifecycle: ChatLifecycle) {}

  async ban(actor: AgentActor, input: { id: string; ban: { days: number } }, origin?: Origin): Promise<Record<string, never>> {
    const days = input.ban.days;
    if (!Number.isInteger(days) || days < 1 || days > MAX_BAN_DAYS) throw new DomainError('validation', `ban.days must be an integer between 1 and ${MAX_BAN_DAYS}`);
    await this.uow.run(async (tx, emit) => {
      const { customer } = await loadReachableCustomer(tx, actor.agent, input.id);
      customer.bannedUntil = this.clock.now() + days * DAY_US;
      await tx.updateCustomer(customer);
      for (const chatId of await tx.listCustomerChatIds(actor.licenseId, customer.id)) {
        const chat = await tx.getChat(actor.licenseId, chatId);
        if (!chat?.activeThreadId) continue;
        const thread = await tx.getThread(chat.id, chat.activeThreadId);
        if (!thread) continue;
        await this.lifecycle.closeThread(tx, emit, chat, thread, { systemMessageType: 'customer_banned', text: 'The customer was banned' });
      }
      emit({ kind: 'license_push', licenseId: actor.licenseId, name: 'customer_banned', payload: { customer_id: customer.id, ban: { days } }, ...(origin ? { origin } : {}) });
      emit({ kind: 'disconnect_user', licenseId: actor.licenseId, userId: customer.id, reason: 'customer_banned' });
    });
    return {};
  }
}
