import type { EventInput } from '../../../protocol/customer.js';
import type { Actor } from '../identity/actor.js';
import { DomainError } from '../errors.js';
import { eventId } from '../ids.js';
import type { StoreTx } from '../ports.js';
import type { EventWriter } from './eventWriter.js';

export interface StartedChat { chat_id: string; thread_id: string; event_ids?: string[] }

/**
 * `start_chat` retried after a lost acknowledgement (#11). The key is the `custom_id` of the first
 * initial event that has one: when the same author already started a chat of this customer with
 * that event, the retry gets that chat back instead of a second one. The retry must repeat the
 * initial events exactly; anything else under the same key is refused with `validation`.
 *
 * NOTE: custom ids are unique per chat and author (the store's index), not per customer, so the
 * look-up walks the customer's chats; a customer has few, and only keyed starts pay for it.
 */
export async function findStartRetry(tx: StoreTx, writer: EventWriter, actor: Actor, customerId: string, initial: EventInput[]): Promise<StartedChat | undefined> {
  const keys = initial.map((e) => (typeof e === 'object' && e !== null ? e.custom_id : undefined));
  const key = keys.find((k): k is string => typeof k === 'string');
  if (key === undefined) return undefined;

  for (const chatId of await tx.listCustomerChatIds(actor.licenseId, customerId)) {
    const found = await tx.findEventByCustomId(chatId, actor.id, key);
    if (!found) continue;
    const chat = (await tx.getChat(actor.licenseId, chatId))!;
    const thread = await tx.getThread(chatId, found.threadId);
    if (!thread || thread.seq !== 1 || found.seq !== keys.indexOf(key) + 1) {
      throw new DomainError('validation', `event.custom_id ${JSON.stringify(key)} was already used by an event that did not start a chat (${found.id})`, { event_id: found.id });
    }
    // The first thread opens with the initial events, in request order, before anything else.
    const ids: string[] = [];
    for (const [i, input] of initial.entries()) {
      const stored = await tx.getEvent(chatId, eventId(thread.id, i + 1));
      if (!stored || stored.authorId !== actor.id) {
        throw new DomainError('validation', `The retried start_chat for custom_id ${JSON.stringify(key)} has other initial events than chat ${chatId}`, { chat_id: chatId });
      }
      await writer.assertSameEvent(tx, actor, chat, input, stored);
      ids.push(stored.id);
    }
    return { chat_id: chatId, thread_id: thread.id, ...(ids.length ? { event_ids: ids } : {}) };
  }
  return undefined;
}
