import type { Properties, PropertyNames } from '../../../protocol/entities.js';
import type { Actor } from '../identity/actor.js';
import { chatPush, loadChat, loadThread } from './chatAccess.js';
import type { Origin } from '../domainEvents.js';
import { DomainError } from '../errors.js';
import { mergeProperties, removeProperties } from '../configuration/properties.js';
import type { PropertyCatalog } from '../configuration/propertyCatalog.js';
import type { UnitOfWork } from '../unitOfWork.js';

type Location = 'chat' | 'thread' | 'event';
export interface PropertyTarget { chatId: string; threadId?: string; eventId?: string }

/** Update and delete of chat, thread and event properties, validated against the registry. */
export class ChatProperties {
  constructor(private readonly uow: UnitOfWork, private readonly catalog: PropertyCatalog) {}

  update(actor: Actor, location: Location, target: PropertyTarget, properties: Properties, origin?: Origin) {
    return this.#change(actor, location, target, origin, 'updated', properties, (current) => mergeProperties(current, properties), (reg) => reg.checkWrite(location, actor.type, properties));
  }

  delete(actor: Actor, location: Location, target: PropertyTarget, names: PropertyNames, origin?: Origin) {
    return this.#change(actor, location, target, origin, 'deleted', names, (current) => removeProperties(current, names), (reg) => reg.checkDelete(location, actor.type, names));
  }

  async #change(actor: Actor, location: Location, target: PropertyTarget, origin: Origin | undefined, verb: 'updated' | 'deleted', changed: unknown,
    apply: (current: Properties) => Properties, check: (reg: Awaited<ReturnType<PropertyCatalog['registry']>>) => void): Promise<Record<string, never>> {
    if (typeof changed !== 'object' || changed === null || Array.isArray(changed)) throw new DomainError('validation', 'properties must be an object');
    await this.uow.run(async (tx, emit) => {
      const chat = await loadChat(tx, actor, target.chatId);
      check(await this.catalog.registry(tx, actor.licenseId));
      const ids: Record<string, string> = { chat_id: chat.id };
      if (location === 'chat') {
        chat.properties = apply(chat.properties);
        await tx.updateChat(chat);
      } else {
        const thread = await loadThread(tx, chat, target.threadId ?? '');
        ids.thread_id = thread.id;
        if (location === 'thread') {
          thread.properties = apply(thread.properties);
          await tx.updateThread(thread);
        } else {
          const event = await tx.getEvent(chat.id, target.eventId ?? '');
          if (!event || event.threadId !== thread.id) throw new DomainError('not_found', 'Event not found');
          if (actor.type === 'customer' && event.visibility !== 'all') throw new DomainError('not_found', 'Event not found');
          ids.event_id = event.id;
          event.properties = apply(event.properties);
          await tx.updateEvent(event);
        }
      }
      const members = await tx.getChatUsers(chat.id);
      const payload = { ...ids, properties: changed };
      emit(chatPush(chat, members, `${location}_properties_${verb}`, payload, payload, origin));
    });
    return {};
  }
}
