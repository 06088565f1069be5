import type Database from 'better-sqlite3';
import type { ChatRecord, ChatUserRecord, CustomerRecord, EventRecord, ThreadRecord } from '../../domain/model.js';
import { AgentLoads } from './agentLoads.js';
import { cloneJson, deepFreeze, HotState, sameJson } from './hotState.js';

export type Row = Record<string, unknown>;
export const json = (v: unknown) => JSON.stringify(v);
export const parse = <T>(v: unknown): T => JSON.parse(v as string) as T;

/** `json` of an object, with no serializer run for an empty one (most events have no properties: #16). */
function objectJson(o: object): string {
  for (const _ in o) return json(o);
  return '{}';
}

/**
 * The rows every `send_event` reads or writes (customer, chat, chat users, followers, thread,
 * event), behind the write-through HotState; SqliteStoreTx adds everything else. SqliteStore tells
 * `hot` where units of work begin, end and roll back.
 */
export abstract class SqliteRows {
  readonly #stmts = new Map<string, Database.Statement>();
  readonly hot = new HotState();
  protected readonly loads = new AgentLoads(this.hot, (sql) => this.q(sql));

  constructor(protected readonly db: Database.Database) {}

  /** A statement prepared once per SQL text. */
  protected q(sql: string): Database.Statement {
    let s = this.#stmts.get(sql);
    if (!s) {
      s = this.db.prepare(sql);
      this.#stmts.set(sql, s);
    }
    return s;
  }

  async getCustomer(licenseId: number, id: string) {
    const customer = this.#customer(licenseId, id);
    return customer && cloneJson<CustomerRecord>(customer);
  }
  async viewCustomer(licenseId: number, id: string) { return this.#customer(licenseId, id); }
  /** The cached customer (deeply frozen), read on a miss. */
  #customer(licenseId: number, id: string): Readonly<CustomerRecord> | undefined {
    let customer = this.hot.customers.get(id);
    if (!customer) {
      const r = this.q('SELECT data, license_id FROM customers WHERE id = ?').get(id) as Row | undefined;
      if (!r) return undefined;
      const row = parse<CustomerRecord>(r.data);
      // Only rows whose JSON names the license of their column are cached (that is every row we write).
      if (row.licenseId !== r.license_id) return r.license_id === licenseId ? row : undefined;
      customer = this.#cacheCustomer(row);
    }
    return customer.licenseId === licenseId ? customer : undefined;
  }
  async getCustomersById(licenseId: number, ids: readonly string[]) { return existing(ids, (id) => this.getCustomer(licenseId, id)); }
  async insertCustomer(c: CustomerRecord) {
    this.q('INSERT INTO customers (id, license_id, data, created_at) VALUES (?, ?, ?, ?)').run(c.id, c.licenseId, json(c), c.createdAt);
    this.#cacheCustomer(cloneJson(c));
  }
  async updateCustomer(c: CustomerRecord) {
    const stored = this.q('UPDATE customers SET data = ? WHERE id = ? RETURNING license_id').get(json(c), c.id) as Row | undefined;
    if (stored && stored.license_id === c.licenseId) this.#cacheCustomer(cloneJson(c));
    else this.hot.customers.delete(c.id);
  }
  #cacheCustomer(c: CustomerRecord): Readonly<CustomerRecord> {
    const cached = deepFreeze(c);
    this.hot.customers.set(c.id, cached);
    this.hot.touch('customers', c.id);
    return cached;
  }
  async insertChat(c: ChatRecord) {
    this.q('INSERT INTO chats (id, license_id, customer_id, access, properties, created_at, last_thread_id, last_thread_created_at, active_thread_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)')
      .run(c.id, c.licenseId, c.customerId, json(c.access), json(c.properties), c.createdAt, c.lastThreadId, c.lastThreadCreatedAt, c.activeThreadId);
    this.loads.chatWritten(c.licenseId, c.id, this.hot.loads.has(c.licenseId) ? false : undefined, c.activeThreadId !== null);
    this.#cacheChat(c);
  }
  async updateChat(c: ChatRecord) {
    const wasActive = this.loads.chatActiveBefore(c.licenseId, c.id);
    const changed = this.q('UPDATE chats SET access = ?, properties = ?, last_thread_id = ?, last_thread_created_at = ?, active_thread_id = ? WHERE id = ?')
      .run(json(c.access), json(c.properties), c.lastThreadId, c.lastThreadCreatedAt, c.activeThreadId, c.id).changes;
    if (changed > 0) {
      this.loads.chatWritten(c.licenseId, c.id, wasActive, c.activeThreadId !== null);
      this.#cacheChat(c);
    }
  }
  async getChat(licenseId: number, id: string) {
    const chat = this.#chat(licenseId, id);
    return chat && cloneJson<ChatRecord>(chat);
  }
  async viewChat(licenseId: number, id: string) { return this.#chat(licenseId, id); }
  /** The cached chat, read on a miss. */
  #chat(licenseId: number, id: string): Readonly<ChatRecord> | undefined {
    let chat = this.hot.chats.get(id);
    if (!chat) {
      const row = this.chatRow(this.q('SELECT * FROM chats WHERE id = ?').get(id) as Row | undefined);
      if (!row) return undefined;
      chat = this.#cacheChat(row);
    }
    return chat.licenseId === licenseId ? chat : undefined;
  }
  /** Cached frozen: viewChat hands the record itself out, getChat a copy. */
  #cacheChat(c: ChatRecord): Readonly<ChatRecord> {
    const cached = deepFreeze(cloneJson(c));
    this.hot.chats.set(c.id, cached);
    this.hot.touch('chats', c.id);
    return cached;
  }
  protected chatRow(r: Row | undefined): ChatRecord | undefined {
    if (!r) return undefined;
    return {
      id: r.id as string, licenseId: r.license_id as number, customerId: r.customer_id as string, access: parse(r.access), properties: parse(r.properties),
      createdAt: r.created_at as number, lastThreadId: r.last_thread_id as string, lastThreadCreatedAt: r.last_thread_created_at as number,
      activeThreadId: (r.active_thread_id as string | null) ?? null,
    };
  }
  async getChatUsers(chatId: string) {
    let users = this.hot.users.get(chatId);
    if (!users) {
      users = (this.q('SELECT * FROM chat_users WHERE chat_id = ? ORDER BY rowid').all(chatId) as Row[]).map((r): ChatUserRecord => ({
        chatId: r.chat_id as string, userId: r.user_id as string, userType: r.user_type as 'customer' | 'agent', present: r.present === 1,
        eventsSeenUpTo: r.events_seen_up_to as number, visibility: r.visibility as 'all' | 'agents',
      }));
      this.hot.users.set(chatId, users);
      this.hot.touch('users', chatId);
    }
    return users.map((u) => ({ ...u }));
  }
  async upsertChatUser(u: ChatUserRecord) {
    const cached = this.hot.users.get(u.chatId)?.find((m) => m.userId === u.userId);
    if (cached && cached.present === u.present && cached.visibility === u.visibility) {
      // The hot case (a sender's seen mark): nothing or only the seen mark changed, so no indexed
      // column is rewritten.
      if (cached.eventsSeenUpTo === u.eventsSeenUpTo) return;
      this.q('UPDATE chat_users SET events_seen_up_to = ? WHERE chat_id = ? AND user_id = ?').run(u.eventsSeenUpTo, u.chatId, u.userId);
      cached.eventsSeenUpTo = u.eventsSeenUpTo;
      this.hot.touch('users', u.chatId);
      return;
    }
    const before = this.loads.userCountsBefore(u);
    this.q(`INSERT INTO chat_users (chat_id, user_id, user_type, present, events_seen_up_to, visibility) VALUES (?, ?, ?, ?, ?, ?)
      ON CONFLICT DO UPDATE SET present = excluded.present, events_seen_up_to = excluded.events_seen_up_to, visibility = excluded.visibility`)
      .run(u.chatId, u.userId, u.userType, u.present ? 1 : 0, u.eventsSeenUpTo, u.visibility);
    this.loads.userWritten(u, before);
    const users = this.hot.users.get(u.chatId);
    if (!users) return;
    // The row keeps its place (rowid) and its user_type on conflict, as the statement does.
    const i = users.findIndex((m) => m.userId === u.userId);
    if (i >= 0) users[i] = { ...users[i]!, present: u.present, eventsSeenUpTo: u.eventsSeenUpTo, visibility: u.visibility };
    else users.push({ chatId: u.chatId, userId: u.userId, userType: u.userType, present: u.present, eventsSeenUpTo: u.eventsSeenUpTo, visibility: u.visibility });
    this.hot.touch('users', u.chatId);
  }

  // Followers
  async listChatFollowers(chatId: string) {
    let followers = this.hot.followers.get(chatId);
    if (!followers) {
      followers = (this.q('SELECT agent_id FROM chat_followers WHERE chat_id = ? ORDER BY rowid').all(chatId) as Row[]).map((r) => r.agent_id as string);
      this.hot.followers.set(chatId, followers);
      this.hot.touch('followers', chatId);
    }
    return [...followers];
  }
  async setChatFollower(chatId: string, agentId: string, following: boolean) {
    if (following) this.q('INSERT INTO chat_followers (chat_id, agent_id) VALUES (?, ?) ON CONFLICT DO NOTHING').run(chatId, agentId);
    else this.q('DELETE FROM chat_followers WHERE chat_id = ? AND agent_id = ?').run(chatId, agentId);
    this.hot.followers.delete(chatId);
  }

  async insertThread(t: ThreadRecord) {
    const licenseId = (this.q('SELECT license_id FROM chats WHERE id = ?').get(t.chatId) as Row | undefined)?.license_id ?? 0;
    this.q('INSERT INTO threads (id, chat_id, license_id, seq, created_at, active, queued_at, data) VALUES (?, ?, ?, ?, ?, ?, ?, ?)')
      .run(t.id, t.chatId, licenseId, t.seq, t.createdAt, t.active ? 1 : 0, t.queuedAt ?? null, json(t));
    this.hot.threads.delete(t.id);
  }
  async updateThread(t: ThreadRecord) {
    const entry = this.hot.threads.get(t.id);
    // Never backwards: a thread read from a list may carry an older lastEventSeq than its events.
    const seq = Math.max(t.lastEventSeq, entry ? entry.record.lastEventSeq : 0);
    if (entry && seq <= entry.eventMax && sameJson(t, entry.record, 'lastEventSeq')) {
      // Only lastEventSeq moved, and the event rows already say so: the event insert was the write.
      entry.record.lastEventSeq = seq;
      this.hot.touch('threads', t.id);
      return;
    }
    const record = { ...t, lastEventSeq: seq };
    const changed = this.q('UPDATE threads SET active = ?, queued_at = ?, data = ? WHERE id = ?').run(t.active ? 1 : 0, t.queuedAt ?? null, json(record), t.id).changes;
    if (entry && changed > 0) {
      this.hot.threads.set(t.id, { record: cloneJson(record), eventMax: entry.eventMax });
      this.hot.touch('threads', t.id);
    } else {
      this.hot.threads.delete(t.id);
    }
  }
  async getThread(chatId: string, id: string) {
    let entry = this.hot.threads.get(id);
    if (!entry) {
      const r = this.q('SELECT data FROM threads WHERE id = ?').get(id) as Row | undefined;
      if (!r) return undefined;
      const record = parse<ThreadRecord>(r.data);
      const eventMax = ((this.q('SELECT MAX(seq) m FROM events WHERE thread_id = ?').get(id) as Row).m as number | null) ?? 0;
      record.lastEventSeq = Math.max(record.lastEventSeq, eventMax);
      entry = { record, eventMax };
      this.hot.threads.set(id, entry);
      this.hot.touch('threads', id);
    }
    return entry.record.chatId === chatId ? cloneJson(entry.record) : undefined;
  }
  /** Threads read from lists carry the effective lastEventSeq when the cache knows it. */
  protected threadRow(data: unknown): ThreadRecord {
    const t = parse<ThreadRecord>(data);
    const entry = this.hot.threads.get(t.id);
    if (entry) t.lastEventSeq = entry.record.lastEventSeq;
    return t;
  }
  async insertEvent(e: EventRecord) {
    this.q('INSERT INTO events (chat_id, thread_id, seq, created_at, type, author_id, custom_id, visibility, body, properties) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)')
      .run(e.chatId, e.threadId, e.seq, e.createdAt, e.type, e.authorId ?? null, e.customId ?? null, e.visibility, json(e.body), objectJson(e.properties));
    const entry = this.hot.threads.get(e.threadId);
    if (entry && e.seq > entry.eventMax) {
      entry.eventMax = e.seq;
      this.hot.touch('threads', e.threadId);
    }
  }
}

/** The records of `ids` that exist, read one by one (in-process reads: nothing to gain from one statement). */
export async function existing<T>(ids: readonly string[], get: (id: string) => Promise<T | undefined>): Promise<T[]> {
  const found: T[] = [];
  for (const id of ids) {
    const record = await get(id);
    if (record !== undefined) found.push(record);
  }
  return found;
}
