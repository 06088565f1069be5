import { isDeepStrictEqual } from 'node:util';
import type { EventInput } from '../../../protocol/customer.js';
import type { Visibility } from '../../../protocol/entities.js';
import type { Actor } from '../identity/actor.js';
import { chatPush } from './chatAccess.js';
import { DomainError } from '../errors.js';
import { normalizeEvent, type NormalizedEvent, type ResolvedFile } from './events.js';
import type { FileUrls } from './files.js';
import { eventId } from '../ids.js';
import type { ChatRecord, ChatUserRecord, EventRecord, ThreadRecord } from '../model.js';
import type { PropertyCatalog } from '../configuration/propertyCatalog.js';
import type { Clock, StoreTx } from '../ports.js';
import type { Emit } from '../unitOfWork.js';
import { hasKeys, renderEvent } from './views.js';

/** Appends events to threads: user events (validated) and server system messages. */
export class EventWriter {
  constructor(
    private readonly clock: Clock,
    private readonly properties: PropertyCatalog,
    private readonly fileUrls: FileUrls,
  ) {}

  async insertUserEvent(tx: StoreTx, actor: Actor, chat: ChatRecord, thread: ThreadRecord, input: EventInput): Promise<EventRecord> {
    const normalized = await this.#normalize(tx, actor, chat, input);
    const event = this.#record(chat, thread, normalized.type, normalized.body, normalized.visibility, actor.id, normalized.customId, normalized.properties);
    await tx.insertEvent(event);
    await tx.updateThread(thread);
    if (normalized.fileId) await tx.markFileUsed(normalized.fileId, event.createdAt, chat.id);
    return event;
  }

  /**
   * Refuses with `validation` unless `input` (a retried request's event) says what the stored event
   * says: a retry must repeat its event exactly, so a `custom_id` never names two contents (#11).
   */
  async assertSameEvent(tx: StoreTx, actor: Actor, chat: ChatRecord, input: EventInput, stored: EventRecord): Promise<void> {
    const retried = await this.#normalize(tx, actor, chat, input);
    const same = retried.type === stored.type && retried.visibility === stored.visibility && retried.customId === stored.customId
      && isDeepStrictEqual(comparable(retried.body), comparable(stored.body))
      && isDeepStrictEqual(comparable(retried.properties), comparable(stored.properties));
    if (!same) {
      throw new DomainError('validation', `event.custom_id ${JSON.stringify(stored.customId)} was already used for a different event (${stored.id})`, { event_id: stored.id });
    }
  }

  /** A server-generated system message, pushed as `incoming_event` unless `emit` is null (initial thread events). */
  async appendSystemMessage(tx: StoreTx, emit: Emit | null, chat: ChatRecord, thread: ThreadRecord, members: ChatUserRecord[], type: string, text: string, vars?: Record<string, string>, visibility: Visibility = 'all'): Promise<EventRecord> {
    const body: Record<string, unknown> = { system_message_type: type, text };
    if (vars) body.text_vars = vars;
    const event = this.#record(chat, thread, 'system_message', body, visibility);
    await tx.insertEvent(event);
    await tx.updateThread(thread);
    if (emit) emit(this.incomingEventPush(chat, members, event));
    return event;
  }

  incomingEventPush(chat: ChatRecord, members: ChatUserRecord[], event: EventRecord, origin?: Parameters<typeof chatPush>[5], authorType?: 'customer' | 'agent') {
    const agentPayload = { chat_id: chat.id, thread_id: event.threadId, event: renderEvent(event, 'agent') };
    const customerPayload = event.visibility === 'all' ? { chat_id: chat.id, thread_id: event.threadId, event: renderEvent(event, 'customer') } : undefined;
    return chatPush(chat, members, 'incoming_event', agentPayload, customerPayload, origin, authorType ? { authorType } : undefined);
  }

  /**
   * Moves a user's `events_seen_up_to` forward (never back). Returns the new value. Callers that
   * already hold the chat's users pass them, so the hot send path reads them once.
   */
  markSeen(tx: StoreTx, chatId: string, userId: string, upTo: number, members?: ChatUserRecord[]): Promise<number> {
    // NOTE: chained, not an async function: every send_event marks its sender's seen time (#16, one async frame less).
    if (!members) return tx.getChatUsers(chatId).then((read) => this.markSeen(tx, chatId, userId, upTo, read));
    const member = members.find((m) => m.userId === userId);
    if (!member) return Promise.resolve(upTo);
    if (upTo <= member.eventsSeenUpTo) return Promise.resolve(member.eventsSeenUpTo);
    member.eventsSeenUpTo = upTo;
    return tx.upsertChatUser(member).then(() => upTo);
  }

  async displayName(tx: StoreTx, licenseId: number, userId?: string): Promise<string> {
    if (!userId) return 'System';
    const agent = await tx.getAgent(licenseId, userId);
    if (agent) return agent.name;
    const customer = await tx.getCustomer(licenseId, userId);
    return customer?.name || 'Customer';
  }

  /**
   * Checks an event as its author may send it. Only what reads the store is awaited, and only when
   * the event has it (a file event's upload, properties to check against the license's definitions):
   * most events are messages without properties, checked without a read or a chained step (#16).
   */
  #normalize(tx: StoreTx, actor: Actor, chat: ChatRecord, input: EventInput): NormalizedEvent | Promise<NormalizedEvent> {
    if (typeof input !== 'object' || input === null) throw new DomainError('validation', 'event must be an object');
    if (input.type === 'file' && typeof input.url === 'string') {
      return this.#resolveFile(tx, actor, chat, input.url).then((file) => this.#checkProperties(tx, actor, chat, normalizeEvent(input, actor.type, file)));
    }
    return this.#checkProperties(tx, actor, chat, normalizeEvent(input, actor.type, undefined));
  }

  /** The upload `url` names, when the author may share it: #11, only their own files or one already shared in this very chat. */
  async #resolveFile(tx: StoreTx, actor: Actor, chat: ChatRecord, url: string): Promise<ResolvedFile | undefined> {
    const id = this.fileUrls.idOf(url);
    const file = id ? await tx.getFile(id) : undefined;
    if (!file || file.licenseId !== chat.licenseId || (file.ownerId !== actor.id && file.usedInChatId !== chat.id)) return undefined;
    return { record: file, url: this.fileUrls.urlOf(file) };
  }

  /** `event` once its properties are checked against the license's definitions (read only when it has some). */
  #checkProperties(tx: StoreTx, actor: Actor, chat: ChatRecord, event: NormalizedEvent): NormalizedEvent | Promise<NormalizedEvent> {
    if (!hasKeys(event.properties)) return event;
    return this.properties.registry(tx, chat.licenseId).then((registry) => {
      registry.checkWrite('event', actor.type, event.properties);
      return event;
    });
  }

  #record(chat: ChatRecord, thread: ThreadRecord, type: string, body: Record<string, unknown>, visibility: Visibility, authorId?: string, customId?: string, properties: EventRecord['properties'] = {}): EventRecord {
    thread.lastEventSeq += 1;
    const event: EventRecord = {
      id: eventId(thread.id, thread.lastEventSeq), chatId: chat.id, threadId: thread.id, seq: thread.lastEventSeq,
      createdAt: this.clock.now(), type, visibility, body, properties,
    };
    // Assigned, not spread: a spread makes an object of its own (#16, allocation per send_event).
    if (authorId !== undefined) event.authorId = authorId;
    if (customId !== undefined) event.customId = customId;
    return event;
  }
}

/**
 * A value as stored (JSON round trip: no undefined fields), without what changes after the event
 * was written: the users who pressed a rich-message button.
 */
function comparable(value: unknown): unknown {
  return JSON.parse(JSON.stringify(value), (key, v: unknown) => (key === 'user_ids' ? undefined : v));
}
