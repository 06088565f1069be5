import type { Writable } from 'node:stream';
import type pg from 'pg';
import type { Properties, PropertyNames } from '../../../protocol/entities.js';
import type {
  AgentRecord, ChatRecord, ChatUserRecord, CustomerRecord, EventRecord, FileRecord, LicenseRecord, PropertyDefinition, ThreadRecord,
} from '../../domain/model.js';
import type { GroupRecord, NewOutboxDelivery, OutboxDelivery, TagRecord, WebhookRecord } from '../../domain/configuration/configModel.js';
import type { ArchiveQuery, ChatScope, CustomerQuery, PageQuery, StoreTx } from '../../domain/ports.js';
import type { ChatPush } from '../../domain/domainEvents.js';
import { archiveConditions } from './archiveQuery.js';
import { customerQuerySql } from './customerQuery.js';
import { chatScopeSql, json, keyset, Params, statement, withoutNul } from './sql.js';
import { eventKey } from '../../domain/ids.js';

/** How long a unit's pushes stay readable for nodes that missed their publish (chatPushOrder.ts waits 500 ms). */
export const CHAT_PUSH_RETENTION_S = 60;

type Row = Record<string, unknown>;

export interface ChatContext { chat: ChatRecord; pushSeq: number; users: ChatUserRecord[]; followers: string[]; activeThread?: ThreadRecord }

/**
 * The StoreTx of the shared store: every method is a query on the unit of work's own connection.
 *
 * The connection runs in pipeline mode. A write whose result the domain does not read is sent and
 * not waited for: the statements that follow go out behind it, in order, and its outcome is
 * collected before COMMIT (settle), so a unit pays one round trip per read instead of one per
 * statement. If a pipelined write failed, PostgreSQL aborted the transaction and every later
 * statement fails with 25P02; the write's own error (a conflict to retry, say) is the one thrown.
 */
export class PostgresStoreTx implements StoreTx {
  readonly #pending: Promise<unknown>[] = [];
  readonly #locked = new Set<string>();
  #corked = false;
  #failed: unknown;

  /** `maxStatements`: outside a transaction, one statement (read({ oneStatement: true })). */
  constructor(private readonly client: pg.PoolClient, private readonly maxStatements = Infinity) {}
  #statements = 0;

  /** Sends a statement without waiting for it (BEGIN, and writes whose result is not needed). */
  send(sql: string, params: unknown[] = []): void {
    if (++this.#statements > this.maxStatements) throw new Error('read({ oneStatement: true }) made a second statement: it needs a transaction');
    this.#coalesce();
    this.#pending.push(this.client.query(statement(sql, withoutNul(params))).catch((err: unknown) => { this.#failed ??= err; }));
  }

  /**
   * Locks chat rows (once per transaction), before anything of theirs is written. Every write of a
   * chat's users, followers, threads and events takes it, and so do the batches of the hot path
   * (UnitBatcher), which read a chat only once they hold it: a unit that read a chat before a batch
   * changed it then fails to lock it (40001, re-run) instead of overwriting what the batch wrote.
   */
  // Rows are looked up by a list of keys as `key IN (SELECT unnest($n))`, here and below: under load
  // `key = ANY($n)` with ~200 keys cost PostgreSQL 20 µs per row found (4 ms per call), the
  // semi-join 4 µs (pg_stat_statements, docs/scale-out.md "Measured").
  lockChats(ids: readonly string[]): void {
    const fresh = ids.filter((id) => !this.#locked.has(id)).sort();
    if (fresh.length === 0) return;
    for (const id of fresh) this.#locked.add(id);
    this.send('SELECT 1 FROM chats WHERE id IN (SELECT unnest($1::text[])) ORDER BY id FOR UPDATE', [fresh]);
  }

  /** Locks those of the chats that nobody else holds right now, without waiting; returns them. */
  async tryLockChats(ids: readonly string[]): Promise<string[]> {
    const fresh = ids.filter((id) => !this.#locked.has(id));
    const held = ids.filter((id) => this.#locked.has(id));
    if (fresh.length === 0) return held;
    const rows = await this.#rows('SELECT id FROM chats WHERE id IN (SELECT unnest($1::text[])) ORDER BY id FOR UPDATE SKIP LOCKED', [fresh]);
    for (const r of rows) this.#locked.add(r.id as string);
    return [...held, ...rows.map((r) => r.id as string)];
  }

  /**
   * Commits: COMMIT goes out behind the statements still in flight, then their outcomes are
   * collected. A failed one aborted the transaction (PostgreSQL answers that COMMIT with a
   * rollback) and is the error thrown. `durable` false (read-only): the COMMIT is not waited for;
   * the next user of the connection queues behind it.
   */
  async commit(durable = true): Promise<void> {
    const commit = this.client.query('COMMIT');
    if (!durable) {
      commit.catch(() => undefined);
      return this.settle();
    }
    try {
      await this.settle();
    } finally {
      await commit.catch((err: unknown) => { if (this.#failed === undefined) throw err; });
    }
  }

  /** Waits for every statement sent so far; throws the first one's error. */
  async settle(): Promise<void> {
    await Promise.all(this.#pending.splice(0));
    if (this.#failed !== undefined) throw this.#failed;
  }

  #write(sql: string, params: unknown[] = []): Promise<void> {
    this.send(sql, params);
    return Promise.resolve();
  }

  /**
   * Statements issued in one pass of the event loop leave in one write: pg writes each query on
   * its own (corked while it is serialized), so the socket stays corked until the loop has run the
   * I/O callbacks that were ready (setImmediate), e.g. the requests read from many sockets at once.
   */
  #coalesce(): void {
    const stream = (this.client as unknown as { connection?: { stream?: Writable } }).connection?.stream;
    if (!stream || this.#corked) return;
    this.#corked = true;
    stream.cork();
    setImmediate(() => { this.#corked = false; stream.uncork(); });
  }

  async #rows(sql: string, params: unknown[] = []): Promise<Row[]> {
    if (++this.#statements > this.maxStatements) throw new Error('read({ oneStatement: true }) made a second statement: it needs a transaction');
    this.#coalesce();
    try {
      return (await this.client.query(statement(sql, withoutNul(params)))).rows as Row[];
    } catch (err) {
      await Promise.all(this.#pending);
      throw this.#failed ?? err;
    }
  }
  async #one(sql: string, params: unknown[] = []): Promise<Row | undefined> { return (await this.#rows(sql, params))[0]; }
  async #count(sql: string, params: unknown[]): Promise<number> { return (await this.#one(sql, params))!.n as number; }

  // Licenses and their properties
  async getLicense(id: number) { return this.#license(await this.#one('SELECT * FROM licenses WHERE id = $1', [id])); }
  async getLicenseByOrganization(org: string) { return this.#license(await this.#one('SELECT * FROM licenses WHERE organization_id = $1', [org])); }
  async insertLicense(l: LicenseRecord) { this.#write('INSERT INTO licenses (id, organization_id, created_at) VALUES ($1, $2, $3)', [l.id, l.organizationId, l.createdAt]); }
  #license(r: Row | undefined): LicenseRecord | undefined {
    return r ? { id: r.id as number, organizationId: r.organization_id as string, createdAt: r.created_at as number } : undefined;
  }
  async getLicenseProperties(licenseId: number) {
    return this.#props(await this.#rows('SELECT namespace, name, value FROM license_properties WHERE license_id = $1', [licenseId]));
  }
  async updateLicenseProperties(licenseId: number, properties: Properties) {
    for (const [ns, values] of Object.entries(properties)) for (const [name, v] of Object.entries(values)) {
      this.#write(`INSERT INTO license_properties (license_id, namespace, name, value) VALUES ($1, $2, $3, $4)
        ON CONFLICT (license_id, namespace, name) DO UPDATE SET value = excluded.value`, [licenseId, ns, name, json(v)]);
    }
  }
  async deleteLicenseProperties(licenseId: number, names: PropertyNames) {
    for (const [ns, list] of Object.entries(names)) for (const name of list) {
      this.#write('DELETE FROM license_properties WHERE license_id = $1 AND namespace = $2 AND name = $3', [licenseId, ns, name]);
    }
  }
  async getGroupProperties(licenseId: number, groupId: number) {
    return this.#props(await this.#rows('SELECT namespace, name, value FROM group_properties WHERE license_id = $1 AND group_id = $2', [licenseId, groupId]));
  }
  async updateGroupProperties(licenseId: number, groupId: number, properties: Properties) {
    for (const [ns, values] of Object.entries(properties)) for (const [name, v] of Object.entries(values)) {
      this.#write(`INSERT INTO group_properties (license_id, group_id, namespace, name, value) VALUES ($1, $2, $3, $4, $5)
        ON CONFLICT (license_id, group_id, namespace, name) DO UPDATE SET value = excluded.value`, [licenseId, groupId, ns, name, json(v)]);
    }
  }
  async deleteGroupProperties(licenseId: number, groupId: number, names: PropertyNames) {
    for (const [ns, list] of Object.entries(names)) for (const name of list) {
      this.#write('DELETE FROM group_properties WHERE license_id = $1 AND group_id = $2 AND namespace = $3 AND name = $4', [licenseId, groupId, ns, name]);
    }
  }
  #props(rows: Row[]): Properties {
    const out: Properties = {};
    for (const r of rows) (out[r.namespace as string] ??= {})[r.name as string] = r.value;
    return out;
  }
  async listGroupIds(licenseId: number) {
    return (await this.#rows('SELECT id FROM groups WHERE license_id = $1 ORDER BY id', [licenseId])).map((r) => r.id as number);
  }

  // Customers
  async getCustomer(licenseId: number, id: string) {
    return (await this.#one('SELECT data FROM customers WHERE id = $1 AND license_id = $2', [id, licenseId]))?.data as CustomerRecord | undefined;
  }
  /** A fresh record per read here: nothing is shared to freeze. */
  viewCustomer(licenseId: number, id: string) { return this.getCustomer(licenseId, id); }
  async getCustomersById(licenseId: number, ids: readonly string[]) {
    return (await this.#rows('SELECT data FROM customers WHERE license_id = $1 AND id IN (SELECT unnest($2::text[]))', [licenseId, ids])).map((r) => r.data as CustomerRecord);
  }
  async insertCustomer(c: CustomerRecord) { this.#write('INSERT INTO customers (id, license_id, data, created_at) VALUES ($1, $2, $3, $4)', [c.id, c.licenseId, json(c), c.createdAt]); }
  async updateCustomer(c: CustomerRecord) { this.#write('UPDATE customers SET data = $1 WHERE id = $2', [json(c), c.id]); }
  async findCustomers(query: CustomerQuery) {
    const sql = customerQuerySql(query);
    const rows = await this.#rows(sql.page, sql.params);
    const total = await this.#count(sql.count, sql.countParams);
    return { items: rows.map((r) => ({ customer: r.data as CustomerRecord, sortKey: Number(r.sort_key) })), total };
  }

  // Chats
  async insertChat(c: ChatRecord) {
    this.#write(`INSERT INTO chats (id, license_id, customer_id, access, properties, created_at, last_thread_id, last_thread_created_at, active_thread_id)
      VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
    [c.id, c.licenseId, c.customerId, json(c.access), json(c.properties), c.createdAt, c.lastThreadId, c.lastThreadCreatedAt, c.activeThreadId]);
  }
  async updateChat(c: ChatRecord) {
    this.#write('UPDATE chats SET access = $1, properties = $2, last_thread_id = $3, last_thread_created_at = $4, active_thread_id = $5 WHERE id = $6',
      [json(c.access), json(c.properties), c.lastThreadId, c.lastThreadCreatedAt, c.activeThreadId, c.id]);
  }
  async getChat(licenseId: number, id: string) { return this.#chat(await this.#one('SELECT * FROM chats WHERE id = $1 AND license_id = $2', [id, licenseId])); }
  /** A fresh record per read here: nothing is shared to freeze. */
  viewChat(licenseId: number, id: string) { return this.getChat(licenseId, id); }
  #chat(r: Row | undefined): ChatRecord | undefined {
    if (!r) return undefined;
    return {
      id: r.id as string, licenseId: r.license_id as number, customerId: r.customer_id as string, access: r.access as ChatRecord['access'],
      properties: r.properties as Properties, createdAt: r.created_at as number, lastThreadId: r.last_thread_id as string,
      lastThreadCreatedAt: r.last_thread_created_at as number, activeThreadId: (r.active_thread_id as string | null) ?? null,
    };
  }
  async listCustomerChats(customerId: string, page: PageQuery) {
    const p = new Params([customerId]);
    const k = keyset('last_thread_created_at', 'id', page, p);
    const rows = await this.#rows(`SELECT * FROM chats WHERE customer_id = $1 AND ${k.where} ORDER BY ${k.order} LIMIT ${p.add(page.limit)}`, p.values);
    const total = await this.#count('SELECT COUNT(*) n FROM chats WHERE customer_id = $1', [customerId]);
    return { items: rows.map((r) => this.#chat(r)!), total };
  }
  async listCustomerChatIds(licenseId: number, customerId: string) {
    return (await this.#rows('SELECT id FROM chats WHERE license_id = $1 AND customer_id = $2 ORDER BY last_thread_created_at DESC', [licenseId, customerId])).map((r) => r.id as string);
  }
  async countActiveChats(customerId: string) {
    return this.#count('SELECT COUNT(*) n FROM chats WHERE customer_id = $1 AND active_thread_id IS NOT NULL', [customerId]);
  }
  async listLicenseChats(licenseId: number, filter: { active?: boolean; userId?: string; queued?: boolean; groupIds?: number[]; scope?: ChatScope }, page: PageQuery) {
    const p = new Params([licenseId]);
    const where: string[] = ['c.license_id = $1'];
    if (filter.active === true) where.push('c.active_thread_id IS NOT NULL');
    if (filter.active === false) where.push('c.active_thread_id IS NULL');
    if (filter.userId) where.push(`EXISTS (SELECT 1 FROM chat_users u WHERE u.chat_id = c.id AND u.user_id = ${p.add(filter.userId)} AND u.present)`);
    if (filter.queued) where.push('EXISTS (SELECT 1 FROM threads t WHERE t.id = c.active_thread_id AND t.queued_at IS NOT NULL)');
    if (filter.groupIds?.length) where.push(`EXISTS (SELECT 1 FROM jsonb_array_elements(c.access->'group_ids') g(v) WHERE g.v::int = ANY(${p.add(filter.groupIds)}::int[]))`);
    if (filter.scope) where.push(chatScopeSql(filter.scope, 'c', p));
    const filterValues = [...p.values];
    const k = keyset('c.last_thread_created_at', 'c.id', page, p);
    const rows = await this.#rows(`SELECT c.* FROM chats c WHERE ${where.join(' AND ')} AND ${k.where} ORDER BY ${k.order} LIMIT ${p.add(page.limit)}`, p.values);
    const total = await this.#count(`SELECT COUNT(*) n FROM chats c WHERE ${where.join(' AND ')}`, filterValues);
    return { items: rows.map((r) => this.#chat(r)!), total };
  }

  // Chat users
  async getChatUsers(chatId: string) {
    return (await this.#rows('SELECT * FROM chat_users WHERE chat_id = $1 ORDER BY added', [chatId])).map((r) => this.#user(r));
  }
  #user(r: Row): ChatUserRecord {
    return {
      chatId: r.chat_id as string, userId: r.user_id as string, userType: r.user_type as 'customer' | 'agent', present: r.present as boolean,
      eventsSeenUpTo: Number(r.events_seen_up_to), visibility: r.visibility as 'all' | 'agents',
    };
  }
  /**
   * Chats (those that exist) with what a unit of work on one reads next, in one statement: its
   * users, its followers, its active thread, and its push counter (see nextChatPushSeq).
   */
  async getChatContexts(ids: string[]): Promise<ChatContext[]> {
    const rows = await this.#rows(`SELECT c.*,
      (SELECT COALESCE(json_agg(u ORDER BY u.added), '[]') FROM chat_users u WHERE u.chat_id = c.id) AS users,
      (SELECT COALESCE(json_agg(f.agent_id ORDER BY f.added), '[]') FROM chat_followers f WHERE f.chat_id = c.id) AS followers,
      (SELECT t.data FROM threads t WHERE t.id = c.active_thread_id AND t.chat_id = c.id) AS active_thread
      FROM chats c WHERE c.id IN (SELECT unnest($1::text[]))`, [ids]);
    return rows.map((r) => ({
      chat: this.#chat(r)!, pushSeq: r.push_seq as number, users: (r.users as Row[]).map((u) => this.#user(u)),
      followers: r.followers as string[], activeThread: (r.active_thread as ThreadRecord | null) ?? undefined,
    }));
  }
  async upsertChatUser(u: ChatUserRecord) {
    this.lockChats([u.chatId]);
    this.#write(`INSERT INTO chat_users (chat_id, user_id, user_type, present, events_seen_up_to, visibility) VALUES ($1, $2, $3, $4, $5, $6)
      ON CONFLICT (chat_id, user_id) DO UPDATE SET present = excluded.present, events_seen_up_to = excluded.events_seen_up_to, visibility = excluded.visibility`,
    [u.chatId, u.userId, u.userType, u.present, u.eventsSeenUpTo, u.visibility]);
  }

  // Followers
  async listChatFollowers(chatId: string) {
    return (await this.#rows('SELECT agent_id FROM chat_followers WHERE chat_id = $1 ORDER BY added', [chatId])).map((r) => r.agent_id as string);
  }
  async setChatFollower(chatId: string, agentId: string, following: boolean) {
    this.lockChats([chatId]);
    if (following) this.#write('INSERT INTO chat_followers (chat_id, agent_id) VALUES ($1, $2) ON CONFLICT DO NOTHING', [chatId, agentId]);
    else this.#write('DELETE FROM chat_followers WHERE chat_id = $1 AND agent_id = $2', [chatId, agentId]);
  }

  // Threads
  async insertThread(t: ThreadRecord) {
    this.lockChats([t.chatId]);
    this.#write(`INSERT INTO threads (id, chat_id, license_id, seq, created_at, active, queued_at, data)
      VALUES ($1, $2, COALESCE((SELECT license_id FROM chats WHERE id = $2), 0), $3, $4, $5, $6, $7)`,
    [t.id, t.chatId, t.seq, t.createdAt, t.active, t.queuedAt ?? null, json(t)]);
  }
  async updateThread(t: ThreadRecord) {
    this.lockChats([t.chatId]);
    this.#write('UPDATE threads SET active = $1, queued_at = $2, data = $3 WHERE id = $4', [t.active, t.queuedAt ?? null, json(t), t.id]);
  }
  async getThread(chatId: string, id: string) {
    return (await this.#one('SELECT data FROM threads WHERE id = $1 AND chat_id = $2', [id, chatId]))?.data as ThreadRecord | undefined;
  }
  async listThreads(chatId: string, page: PageQuery, range: { from?: number; to?: number } = {}) {
    const p = new Params([chatId]);
    const bounds: string[] = ['chat_id = $1'];
    if (range.from !== undefined) bounds.push(`created_at >= ${p.add(range.from)}`);
    if (range.to !== undefined) bounds.push(`created_at <= ${p.add(range.to)}`);
    const filterValues = [...p.values];
    const k = keyset('created_at', 'id', page, p);
    const rows = await this.#rows(`SELECT data FROM threads WHERE ${bounds.join(' AND ')} AND ${k.where} ORDER BY ${k.order} LIMIT ${p.add(page.limit)}`, p.values);
    const total = await this.#count(`SELECT COUNT(*) n FROM threads WHERE ${bounds.join(' AND ')}`, filterValues);
    return { items: rows.map((r) => r.data as ThreadRecord), total };
  }
  async listQueuedThreads(licenseId: number) {
    return (await this.#rows('SELECT data FROM threads WHERE license_id = $1 AND queued_at IS NOT NULL AND active ORDER BY queued_at, id', [licenseId])).map((r) => r.data as ThreadRecord);
  }
  async queuePosition(licenseId: number, thread: ThreadRecord) {
    if (thread.queuedAt === undefined) return 0;
    return this.#count(`SELECT COUNT(*) n FROM threads WHERE license_id = $1 AND queued_at IS NOT NULL AND active
      AND (queued_at < $2 OR (queued_at = $2 AND id <= $3))`, [licenseId, thread.queuedAt, thread.id]);
  }
  async listArchivedThreads(q: ArchiveQuery) {
    const p = new Params();
    const where = archiveConditions(q, p);
    if (q.scope) where.push(chatScopeSql(q.scope, 'c', p));
    const base = `FROM threads t JOIN chats c ON c.id = t.chat_id WHERE ${where.join(' AND ')}`;
    const filterValues = [...p.values];
    const k = keyset('t.created_at', 't.id', { order: q.order, after: q.after, limit: q.limit }, p);
    const rows = await this.#rows(`SELECT t.data ${base} AND ${k.where} ORDER BY ${k.order} LIMIT ${p.add(q.limit)}`, p.values);
    const total = await this.#count(`SELECT COUNT(*) n ${base}`, filterValues);
    return { items: rows.map((r) => r.data as ThreadRecord), total };
  }

  // Events
  async insertEvent(e: EventRecord) {
    this.lockChats([e.chatId]);
    this.#write(`INSERT INTO events (id, chat_id, thread_id, seq, created_at, type, author_id, custom_id, visibility, body, properties)
      VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
    [e.id, e.chatId, e.threadId, e.seq, e.createdAt, e.type, e.authorId ?? null, e.customId ?? null, e.visibility, json(e.body), json(e.properties)]);
  }
  async updateEvent(e: EventRecord) {
    this.lockChats([e.chatId]);
    this.#write('UPDATE events SET body = $1, properties = $2 WHERE thread_id = $3 AND seq = $4', [json(e.body), json(e.properties), e.threadId, e.seq]);
  }
  async getEvent(chatId: string, id: string) {
    const key = eventKey(id);
    if (!key) return undefined;
    return this.#event(await this.#one('SELECT * FROM events WHERE thread_id = $1 AND seq = $2 AND chat_id = $3', [key.threadId, key.seq, chatId]));
  }
  async listThreadEvents(threadId: string) { return (await this.#rows('SELECT * FROM events WHERE thread_id = $1 ORDER BY seq', [threadId])).map((r) => this.#event(r)!); }
  async findEventByCustomId(chatId: string, authorId: string, customId: string) {
    return this.#event(await this.#one('SELECT * FROM events WHERE chat_id = $1 AND author_id = $2 AND custom_id = $3', [chatId, authorId, customId]));
  }
  async lastEventPerType(chatId: string, customerView: boolean) {
    const vis = customerView ? "AND visibility = 'all'" : '';
    const rows = await this.#rows(`SELECT e.* FROM events e JOIN (SELECT type, MAX(created_at) m FROM events WHERE chat_id = $1 ${vis} GROUP BY type) x
      ON e.type = x.type AND e.created_at = x.m WHERE e.chat_id = $1`, [chatId]);
    return rows.map((r) => this.#event(r)!);
  }
  async hasEventsAfter(chatId: string, after: number, exceptAuthor: string, customerView: boolean) {
    const vis = customerView ? "AND visibility = 'all'" : '';
    return (await this.#one(`SELECT 1 FROM events WHERE chat_id = $1 AND created_at > $2 AND (author_id IS NULL OR author_id != $3) ${vis} LIMIT 1`,
      [chatId, after, exceptAuthor])) !== undefined;
  }
  #event(r: Row | undefined): EventRecord | undefined {
    if (!r) return undefined;
    return {
      id: r.id as string, chatId: r.chat_id as string, threadId: r.thread_id as string, seq: r.seq as number, createdAt: r.created_at as number,
      type: r.type as string, visibility: r.visibility as 'all' | 'agents', body: r.body as Record<string, unknown>, properties: r.properties as Properties,
      ...(r.author_id !== null ? { authorId: r.author_id as string } : {}),
      ...(r.custom_id !== null ? { customId: r.custom_id as string } : {}),
    };
  }

  // Files
  async insertFile(f: FileRecord) { this.#write('INSERT INTO files (id, license_id, data) VALUES ($1, $2, $3)', [f.id, f.licenseId, json(f)]); }
  async getFile(id: string) { return (await this.#one('SELECT data FROM files WHERE id = $1', [id]))?.data as FileRecord | undefined; }
  async markFileUsed(id: string, at: number, chatId: string) {
    this.#write("UPDATE files SET data = data || jsonb_build_object('usedAt', $2::bigint, 'usedInChatId', $3::text) WHERE id = $1 AND NOT (data ? 'usedAt')", [id, at, chatId]);
  }

  // Property definitions
  async listPropertyDefinitions(licenseId: number) {
    return (await this.#rows('SELECT data FROM property_definitions WHERE license_id = $1', [licenseId])).map((r) => r.data as PropertyDefinition);
  }
  async upsertPropertyDefinition(d: PropertyDefinition) {
    this.#write(`INSERT INTO property_definitions (license_id, namespace, name, data) VALUES ($1, $2, $3, $4)
      ON CONFLICT (license_id, namespace, name) DO UPDATE SET data = excluded.data`, [d.licenseId, d.namespace, d.name, json(d)]);
  }
  async deletePropertyDefinition(licenseId: number, namespace: string, name: string) {
    this.#write('DELETE FROM property_definitions WHERE license_id = $1 AND namespace = $2 AND name = $3', [licenseId, namespace, name]);
  }

  // Agents and bots
  /** A fresh record per read here: nothing is shared to freeze. */
  viewAgent(licenseId: number, id: string) { return this.getAgent(licenseId, id); }
  async getAgent(licenseId: number, id: string) { return (await this.#one('SELECT data FROM agents WHERE license_id = $1 AND id = $2', [licenseId, id]))?.data as AgentRecord | undefined; }
  async getAgentsById(licenseId: number, ids: readonly string[]) {
    return (await this.#rows('SELECT data FROM agents WHERE license_id = $1 AND id IN (SELECT unnest($2::text[]))', [licenseId, ids])).map((r) => r.data as AgentRecord);
  }
  async findAgentById(id: string) { return (await this.#one('SELECT data FROM agents WHERE id = $1', [id]))?.data as AgentRecord | undefined; }
  async findAgentByPatHash(hash: string) { return (await this.#one('SELECT data FROM agents WHERE pat_hash = $1', [hash]))?.data as AgentRecord | undefined; }
  async listAgents(licenseId: number) { return (await this.#rows('SELECT data FROM agents WHERE license_id = $1 ORDER BY id', [licenseId])).map((r) => r.data as AgentRecord); }
  async insertAgent(a: AgentRecord) { this.#write('INSERT INTO agents (id, license_id, pat_hash, data) VALUES ($1, $2, $3, $4)', [a.id, a.licenseId, a.patHash ?? null, json(a)]); }
  async updateAgent(a: AgentRecord) { this.#write('UPDATE agents SET pat_hash = $1, data = $2 WHERE license_id = $3 AND id = $4', [a.patHash ?? null, json(a), a.licenseId, a.id]); }
  async deleteAgent(licenseId: number, id: string) { this.#write('DELETE FROM agents WHERE license_id = $1 AND id = $2', [licenseId, id]); }
  async countAgentActiveChats(licenseId: number) {
    const rows = await this.#rows(`SELECT u.user_id, COUNT(*) n FROM chat_users u JOIN chats c ON c.id = u.chat_id
      WHERE u.user_type = 'agent' AND u.present AND c.license_id = $1 AND c.active_thread_id IS NOT NULL GROUP BY u.user_id`, [licenseId]);
    return new Map(rows.map((r) => [r.user_id as string, r.n as number]));
  }

  // Groups (group 0 is virtual and never stored)
  async getGroup(licenseId: number, id: number) { return this.#group(await this.#one('SELECT * FROM groups WHERE license_id = $1 AND id = $2', [licenseId, id])); }
  async listGroups(licenseId: number) { return (await this.#rows('SELECT * FROM groups WHERE license_id = $1 ORDER BY id', [licenseId])).map((r) => this.#group(r)!); }
  async insertGroup(g: GroupRecord) { this.#write('INSERT INTO groups (license_id, id, name, language_code) VALUES ($1, $2, $3, $4)', [g.licenseId, g.id, g.name, g.languageCode]); }
  async updateGroup(g: GroupRecord) { this.#write('UPDATE groups SET name = $1, language_code = $2 WHERE license_id = $3 AND id = $4', [g.name, g.languageCode, g.licenseId, g.id]); }
  async deleteGroup(licenseId: number, id: number) {
    this.#write('DELETE FROM groups WHERE license_id = $1 AND id = $2', [licenseId, id]);
    this.#write('DELETE FROM group_properties WHERE license_id = $1 AND group_id = $2', [licenseId, id]);
  }
  #group(r: Row | undefined): GroupRecord | undefined {
    return r ? { licenseId: r.license_id as number, id: r.id as number, name: r.name as string, languageCode: r.language_code as string } : undefined;
  }

  // Webhooks and their outbox
  async listTags(licenseId: number) { return (await this.#rows('SELECT data FROM tags WHERE license_id = $1 ORDER BY name', [licenseId])).map((r) => r.data as TagRecord); }
  async getTag(licenseId: number, name: string) { return (await this.#one('SELECT data FROM tags WHERE license_id = $1 AND name = $2', [licenseId, name]))?.data as TagRecord | undefined; }
  async findTagIgnoringCase(licenseId: number, name: string) {
    return (await this.#one('SELECT data FROM tags WHERE license_id = $1 AND lower(name) = lower($2)', [licenseId, name]))?.data as TagRecord | undefined;
  }
  async upsertTag(t: TagRecord) {
    this.#write('INSERT INTO tags (license_id, name, data) VALUES ($1, $2, $3) ON CONFLICT (license_id, name) DO UPDATE SET data = excluded.data', [t.licenseId, t.name, json(t)]);
  }
  async deleteTag(licenseId: number, name: string) { this.#write('DELETE FROM tags WHERE license_id = $1 AND name = $2', [licenseId, name]); }

  async listWebhooks(licenseId: number) { return (await this.#rows('SELECT data FROM webhooks WHERE license_id = $1 ORDER BY added', [licenseId])).map((r) => r.data as WebhookRecord); }
  async insertWebhook(w: WebhookRecord) {
    this.#write('INSERT INTO webhooks (id, license_id, owner_client_id, action, data) VALUES ($1, $2, $3, $4, $5)', [w.id, w.licenseId, w.ownerClientId, w.action, json(w)]);
  }
  async deleteWebhook(licenseId: number, id: string) {
    this.#write('DELETE FROM webhooks WHERE license_id = $1 AND id = $2', [licenseId, id]);
    this.#write("DELETE FROM webhook_outbox WHERE license_id = $1 AND webhook_id = $2 AND status = 'pending'", [licenseId, id]);
  }
  async getLicenseWebhooksEnabled(licenseId: number, clientId: string) {
    return (await this.#one('SELECT enabled FROM webhook_states WHERE license_id = $1 AND owner_client_id = $2', [licenseId, clientId]))?.enabled as boolean | undefined;
  }
  async setLicenseWebhooksEnabled(licenseId: number, clientId: string, enabled: boolean) {
    this.#write(`INSERT INTO webhook_states (license_id, owner_client_id, enabled) VALUES ($1, $2, $3)
      ON CONFLICT (license_id, owner_client_id) DO UPDATE SET enabled = excluded.enabled`, [licenseId, clientId, enabled]);
  }
  async enqueueWebhookDeliveries(deliveries: readonly NewOutboxDelivery[]) {
    for (const d of deliveries) {
      this.#write('INSERT INTO webhook_outbox (license_id, webhook_id, order_key, url, body, next_attempt_at, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7)',
        [d.licenseId, d.webhookId, d.orderKey, d.url, d.body, d.nextAttemptAt, d.createdAt]);
    }
  }
  /**
   * Claims the due heads of their order keys: rows another node is claiming right now are skipped
   * (FOR UPDATE SKIP LOCKED), and a claimed row is not due again for `claimForMs`, so each head is
   * in flight on one node at a time; after that lease it is due again (a node died mid-delivery).
   */
  async dueWebhookDeliveries(nowMs: number, limit: number, busyKeys: readonly string[], claimForMs?: number) {
    const rows = await this.#rows(`SELECT o.* FROM webhook_outbox o WHERE o.status = 'pending' AND o.next_attempt_at <= $1
      AND o.seq = (SELECT MIN(p.seq) FROM webhook_outbox p WHERE p.order_key = o.order_key AND p.status = 'pending')
      AND NOT (o.order_key = ANY($2::text[]))
      ORDER BY o.seq LIMIT $3 FOR UPDATE OF o SKIP LOCKED`, [nowMs, busyKeys, limit]);
    if (claimForMs !== undefined && rows.length > 0) {
      this.#write('UPDATE webhook_outbox SET next_attempt_at = $1 WHERE seq = ANY($2::bigint[])', [nowMs + claimForMs, rows.map((r) => r.seq)]);
    }
    return rows.map((r): OutboxDelivery => ({
      seq: r.seq as number, licenseId: r.license_id as number, webhookId: r.webhook_id as string, orderKey: r.order_key as string, url: r.url as string,
      body: r.body as string, attempts: r.attempts as number, nextAttemptAt: r.next_attempt_at as number, createdAt: r.created_at as number,
    }));
  }
  async nextWebhookAttemptAt() {
    const r = await this.#one("SELECT MIN(next_attempt_at) m FROM webhook_outbox WHERE status = 'pending'");
    return r?.m === null || r?.m === undefined ? undefined : (r.m as number);
  }
  async finishWebhookDelivery(seq: number, outcome: { failed?: string }) {
    if (outcome.failed === undefined) this.#write('DELETE FROM webhook_outbox WHERE seq = $1', [seq]);
    else this.#write("UPDATE webhook_outbox SET status = 'failed', attempts = attempts + 1, last_error = $1 WHERE seq = $2", [outcome.failed, seq]);
  }
  async retryWebhookDeliveryAt(seq: number, attempts: number, nextAttemptAt: number, error: string) {
    this.#write('UPDATE webhook_outbox SET attempts = $1, next_attempt_at = $2, last_error = $3 WHERE seq = $4', [attempts, nextAttemptAt, error, seq]);
  }
  /**
   * One round trip: the number, and the unit's pushes recorded under it (text: exactly what was
   * published). Records are pruned by PostgresStore (pruneChatPushUnits).
   */
  async nextChatPushSeq(chatId: string, pushes: readonly ChatPush[]) {
    const row = await this.#one(`WITH seq AS (UPDATE chats SET push_seq = push_seq + 1 WHERE id = $1 RETURNING push_seq),
      recorded AS (INSERT INTO chat_push_units (chat_id, push_seq, pushes) SELECT $1, push_seq, $2 FROM seq)
      SELECT push_seq FROM seq`, [chatId, JSON.stringify(pushes)]);
    return row?.push_seq as number | undefined;
  }
  async listChatPushUnits(chatId: string, afterSeq: number, beforeSeq: number) {
    const rows = await this.#rows('SELECT push_seq, pushes FROM chat_push_units WHERE chat_id = $1 AND push_seq > $2 AND push_seq < $3 ORDER BY push_seq', [chatId, afterSeq, beforeSeq]);
    return rows.flatMap((r) => (JSON.parse(r.pushes as string) as ChatPush[]).map((push) => ({ ...push, chatSeq: r.push_seq as number })));
  }
  async countPendingWebhookDeliveries() { return this.#count("SELECT COUNT(*) n FROM webhook_outbox WHERE status = 'pending'", []); }
}
