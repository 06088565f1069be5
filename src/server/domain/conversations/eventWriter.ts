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
    // Most events (messages without properties) need nothing of the store to be checked: no await for them (#16).
    const normalized = needsStore(input) ? await this.#normalize(tx, actor, chat, input) : normalizeEvent(input, actor.type, noFile);
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

  async #normalize(tx: StoreTx, actor: Actor, chat: ChatRecord, input: EventInput): Promise<NormalizedEvent> {
    if (typeof input !== 'object' || input === null) throw new DomainError('validation', 'event must be an object');
    // The one file an event may name (no Map per event: #16, allocation per send_event).
    let resolved: { url: string; file: ResolvedFile } | undefined;
    if (input.type === 'file' && typeof input.url === 'string') {
      const id = this.fileUrls.idOf(input.url);
      const file = id ? await tx.getFile(id) : undefined;
      // #11: only the uploader's own files, or a file already shared in this very chat.
      if (file && file.licenseId === chat.licenseId && (file.ownerId === actor.id || file.usedInChatId === chat.id)) {
        resolved = { url: input.url, file: { record: file, url: this.fileUrls.urlOf(file) } };
      }
    }
    const normalized = normalizeEvent(input, actor.type, (url) => (resolved?.url === url ? resolved.file : undefined));
    if (hasKeys(normalized.properties)) {
      (await this.properties.registry(tx, chat.licenseId)).checkWrite('event', actor.type, normalized.properties);
    }
    return normalized;
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
 * Whether checking `input` reads the store (#normalize): a file event resolves its upload, properties
 * are checked against the license's definitions. What is not an object is refused by #normalize.
 */
function needsStore(input: EventInput): boolean {
  return typeof input !== 'object' || input === null || input.type === 'file' || (input.properties !== undefined && hasKeys(input.properties));
}

const noFile = (): undefined => undefined;

/**
 * A value as stored (JSON round trip: no undefined fields), without what changes after the event
 * was written: the users who pressed a rich-message button.
 */
function comparable(value: unknown): unknown {
  return JSON.parse(JSON.stringify(value), (key, v: unknown) => (key === 'user_ids' ? undefined : v));
}
