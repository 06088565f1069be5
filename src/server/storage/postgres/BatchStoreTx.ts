import type { StoreTx, UnitHint } from '../../domain/ports.js';
import type { ChatRecord, ChatUserRecord, EventRecord, ThreadRecord } from '../../domain/model.js';
import type { WebhookRecord } from '../../domain/configuration/configModel.js';
import type { ChatPush } from '../../domain/domainEvents.js';
import { cloneJson } from '../sqlite/hotState.js';
import { BatchedWrites } from './batchedWrites.js';
import type { ChatContext, PostgresStoreTx } from './PostgresStoreTx.js';

/** StoreTx methods that only read (everything else may write). */
const READS = /^(get|list|find|count|has|last|queue|next|view)/;

/**
 * The StoreTx that units of one batch share, inside one SERIALIZABLE transaction (UnitBatcher).
 *
 * What a message costs is cut to what cannot be shared: the chat, its users, followers and active
 * thread are read once per batch in one statement and kept for the batch (every read is a read of
 * this transaction, so PostgreSQL still sees it for its serializability checks); the event, the
 * thread, the sender's seen-up-to and the chat's push counter are held back and written for the
 * whole batch at once (batchedWrites.ts). Any other statement runs as it is, after the held writes
 * were sent, so it sees everything the batch wrote before it.
 *
 * A unit that fails with a domain error leaves nothing: its held writes are dropped and what it
 * changed in the batch's copies is put back; once it has sent statements of its own, they run
 * after a SAVEPOINT and are rolled back to it (and the copies are read again).
 */
export class BatchStoreTx {
  readonly tx: StoreTx;
  readonly #chats = new Map<string, { chat: ChatRecord; pushSeq: number }>();
  readonly #users = new Map<string, ChatUserRecord[]>();
  readonly #followers = new Map<string, string[]>();
  readonly #threads = new Map<string, ThreadRecord>();
  readonly #webhooks = new Map<number, WebhookRecord[]>();
  /** Writes of finished units not sent yet, and the running unit's. */
  readonly #held = new BatchedWrites();
  readonly #unit = new BatchedWrites();
  #undo: (() => void)[] = [];
  #savepoint = false;

  /**
   * `lockOnRead`: lock each chat before reading it (READ COMMITTED batches, which see the last
   * committed state once they hold the lock); a SERIALIZABLE batch reads without locking and locks
   * the chats it writes, before writing them.
   */
  constructor(private readonly inner: PostgresStoreTx, private readonly lockOnRead: boolean) {
    const hot = new Set(['getChat', 'viewChat', 'getChatUsers', 'upsertChatUser', 'listChatFollowers', 'getThread', 'updateThread', 'insertEvent', 'findEventByCustomId', 'nextChatPushSeq', 'listWebhooks']);
    // Each method is wrapped once per batch, not on every call.
    const methods = new Map<string, unknown>();
    const wrap = (prop: string): unknown => {
      if (hot.has(prop)) return (this as unknown as Record<string, (...a: unknown[]) => unknown>)[prop]!.bind(this);
      const method = (inner as unknown as Record<string, unknown>)[prop];
      if (typeof method !== 'function') return method;
      const write = !READS.test(prop);
      return async (...args: unknown[]) => {
        this.#beforeStatement(write);
        if (write) this.#forget();
        return (method as (...a: unknown[]) => unknown).apply(inner, args);
      };
    };
    this.tx = new Proxy(inner, {
      get: (_target, prop: string) => {
        if (!methods.has(prop)) methods.set(prop, wrap(prop));
        return methods.get(prop);
      },
    }) as unknown as StoreTx;
  }

  beginUnit(): void {
    this.#unit.clear();
    this.#undo = [];
    this.#savepoint = false;
  }

  endUnit(): void {
    if (this.#savepoint) this.inner.send('RELEASE SAVEPOINT unit');
    this.#held.merge(this.#unit);
    this.beginUnit();
  }

  /** The running unit failed: nothing of it stays. */
  rollbackUnit(): void {
    if (this.#savepoint) {
      this.inner.send('ROLLBACK TO SAVEPOINT unit');
      this.inner.send('RELEASE SAVEPOINT unit');
      this.#forget();
    } else {
      for (const undo of this.#undo.reverse()) undo();
    }
    this.beginUnit();
  }

  /** Sends what the batch still holds (before COMMIT). */
  flush(): void {
    this.#send(this.#held);
    this.#held.clear();
  }

  /**
   * Locks and reads ahead the chats the next units said they read first. With `wait` false (the
   * batch already holds locks: waiting could deadlock with another batch), chats held elsewhere are
   * skipped and returned, for their units to go to the next batch.
   */
  async preload(hints: readonly UnitHint[], wait: boolean): Promise<Set<string>> {
    const ids = [...new Set(hints.map((h) => h.chatId))].filter((id) => !this.#chats.has(id));
    if (wait || !this.lockOnRead || ids.length === 0) {
      await this.#load(ids);
      return new Set();
    }
    const locked = await this.inner.tryLockChats(ids);
    await this.#load(locked);
    const got = new Set(locked);
    return new Set(ids.filter((id) => !got.has(id)));
  }

  async getChat(licenseId: number, id: string): Promise<ChatRecord | undefined> {
    if (!this.#chats.has(id)) await this.#load([id]);
    const entry = this.#chats.get(id);
    return entry && entry.chat.licenseId === licenseId ? cloneJson(entry.chat) : undefined;
  }

  /** The batch's own record, no copy: it is never changed in place (a chat write makes the batch forget it). */
  async viewChat(licenseId: number, id: string): Promise<Readonly<ChatRecord> | undefined> {
    if (!this.#chats.has(id)) await this.#load([id]);
    const entry = this.#chats.get(id);
    return entry && entry.chat.licenseId === licenseId ? entry.chat : undefined;
  }

  async getChatUsers(chatId: string): Promise<ChatUserRecord[]> {
    if (!this.#chats.has(chatId)) await this.#load([chatId]);
    const users = this.#users.get(chatId);
    return users ? cloneJson(users) : this.inner.getChatUsers(chatId);
  }

  async upsertChatUser(user: ChatUserRecord): Promise<void> {
    const users = this.#users.get(user.chatId);
    if (!users || !this.#chats.has(user.chatId)) {
      this.#beforeStatement(true);
      return this.inner.upsertChatUser(user);
    }
    const copy = cloneJson(user);
    const i = users.findIndex((u) => u.userId === user.userId);
    this.#set(this.#users, user.chatId, i < 0 ? [...users, copy] : users.map((u, j) => (j === i ? copy : u)));
    this.#unit.users.set(`${user.chatId}\n${user.userId}`, copy);
  }

  async listChatFollowers(chatId: string): Promise<string[]> {
    if (!this.#chats.has(chatId)) await this.#load([chatId]);
    const followers = this.#followers.get(chatId);
    return followers ? [...followers] : this.inner.listChatFollowers(chatId);
  }

  async getThread(chatId: string, id: string): Promise<ThreadRecord | undefined> {
    if (!this.#chats.has(chatId)) await this.#load([chatId]);
    let thread = this.#threads.get(id);
    if (!thread) {
      thread = await this.inner.getThread(chatId, id);
      if (!thread) return undefined;
      if (this.#chats.has(chatId)) this.#threads.set(id, thread);
    }
    return thread.chatId === chatId ? cloneJson(thread) : undefined;
  }

  async updateThread(thread: ThreadRecord): Promise<void> {
    if (!this.#threads.has(thread.id) || !this.#chats.has(thread.chatId)) {
      this.#beforeStatement(true);
      return this.inner.updateThread(thread);
    }
    const copy = cloneJson(thread);
    this.#set(this.#threads, thread.id, copy);
    this.#unit.threads.set(thread.id, copy);
  }

  async insertEvent(event: EventRecord): Promise<void> {
    if (!this.#chats.has(event.chatId)) {
      this.#beforeStatement(true);
      return this.inner.insertEvent(event);
    }
    this.#unit.events.push(cloneJson(event));
  }

  /** Events held back are looked at first; the database has every other one. */
  async findEventByCustomId(chatId: string, authorId: string, customId: string): Promise<EventRecord | undefined> {
    for (const events of [this.#unit.events, this.#held.events]) {
      const held = events.find((e) => e.chatId === chatId && e.authorId === authorId && e.customId === customId);
      if (held) return cloneJson(held);
    }
    return this.inner.findEventByCustomId(chatId, authorId, customId);
  }

  async nextChatPushSeq(chatId: string, pushes: readonly ChatPush[]): Promise<number | undefined> {
    const entry = this.#chats.get(chatId);
    if (!entry) {
      this.#beforeStatement(true);
      return this.inner.nextChatPushSeq(chatId, pushes);
    }
    const seq = entry.pushSeq + 1;
    this.#set(this.#chats, chatId, { chat: entry.chat, pushSeq: seq });
    this.#unit.pushSeqs.set(chatId, seq);
    this.#unit.pushUnits.push({ chatId, seq, pushes: JSON.stringify(pushes) });
    return seq;
  }

  async listWebhooks(licenseId: number): Promise<WebhookRecord[]> {
    let hooks = this.#webhooks.get(licenseId);
    if (!hooks) this.#webhooks.set(licenseId, (hooks = await this.inner.listWebhooks(licenseId)));
    return cloneJson(hooks);
  }

  /**
   * Reads the context of chats not kept yet, locking them first when `lockOnRead` (one round trip:
   * the lock is sent ahead of the read, which therefore sees the last committed state). Only chats
   * read this way are kept, and only their rows are held back for writing.
   */
  async #load(ids: string[]): Promise<void> {
    const missing = ids.filter((id) => !this.#chats.has(id));
    if (missing.length === 0) return;
    if (this.lockOnRead) this.inner.lockChats(missing);
    for (const ctx of await this.inner.getChatContexts(missing)) this.#keep(ctx);
  }

  /** Keeps a chat's context read from the database, except parts the batch already keeps (it may have changed them). */
  #keep(ctx: ChatContext): void {
    const id = ctx.chat.id;
    if (!this.#chats.has(id)) this.#chats.set(id, { chat: ctx.chat, pushSeq: ctx.pushSeq });
    if (!this.#users.has(id)) this.#users.set(id, ctx.users);
    if (!this.#followers.has(id)) this.#followers.set(id, ctx.followers);
    if (ctx.activeThread && !this.#threads.has(ctx.activeThread.id)) this.#threads.set(ctx.activeThread.id, ctx.activeThread);
  }

  /** Changes a kept copy, remembering how to put it back if the unit fails. */
  #set<K, V>(map: Map<K, V>, key: K, value: V): void {
    const had = map.has(key);
    const old = map.get(key);
    this.#undo.push(() => { if (had) map.set(key, old as V); else map.delete(key); });
    map.set(key, value);
  }

  /**
   * Before a statement of the unit's own: the batch's held writes go first, so the statement sees
   * them. From the unit's first write on (held or sent), its statements follow a SAVEPOINT.
   */
  #beforeStatement(write: boolean): void {
    if (!this.#savepoint && (write || !this.#unit.empty)) {
      this.flush();
      this.inner.send('SAVEPOINT unit');
      this.#savepoint = true;
    }
    if (this.#savepoint) {
      this.#send(this.#unit);
      this.#unit.clear();
    } else {
      this.flush();
    }
  }

  /** A statement may have changed what the copies hold: read them again (the held writes were sent). */
  #forget(): void {
    for (const map of [this.#chats, this.#users, this.#followers, this.#threads, this.#webhooks] as Map<unknown, unknown>[]) map.clear();
  }

  #send(writes: BatchedWrites): void {
    this.inner.lockChats(writes.chatIds());
    for (const s of writes.statements()) this.inner.send(s.text, s.values);
  }
}
