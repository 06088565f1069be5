import type { Properties, PropertyNames } from '../../../protocol/entities.js';
import type {
  AgentRecord, CustomerRecord, EventRecord, FileRecord, LicenseRecord, PropertyDefinition, ThreadRecord,
} from '../../domain/model.js';
import type { GroupRecord, NewOutboxDelivery, OutboxDelivery, TagRecord, WebhookRecord } from '../../domain/configuration/configModel.js';
import type { ArchiveQuery, ChatScope, CustomerQuery, PageQuery, StoreTx } from '../../domain/ports.js';
import type { ChatPush } from '../../domain/domainEvents.js';
import { eventId, eventKey } from '../../domain/ids.js';
import { archiveConditions } from './archiveQuery.js';
import { chatScopeSql } from './chatScopeSql.js';
import { customerQuerySql } from './customerQuerySql.js';
import { cloneJson, deepFreeze } from './hotState.js';
import { existing, json, parse, SqliteRows, type Row } from './SqliteRows.js';

/** Keyset condition and ORDER BY for (key, id) pagination. */
function keyset(column: string, page: PageQuery): { where: string; order: string; params: unknown[] } {
  const dir = page.order === 'asc' ? 'ASC' : 'DESC';
  const cmp = page.order === 'asc' ? '>' : '<';
  if (!page.after) return { where: '1=1', order: `${column} ${dir}, id ${dir}`, params: [] };
  return {
    where: `(${column} ${cmp} ? OR (${column} = ? AND id ${cmp} ?))`,
    order: `${column} ${dir}, id ${dir}`,
    params: [page.after.key, page.after.key, page.after.id],
  };
}

/** The StoreTx of the embedded store; every method runs synchronously on the shared connection. */
export class SqliteStoreTx extends SqliteRows implements StoreTx {
  /** `PRAGMA data_version` when the cached agents were last checked (it moves when another connection commits). */
  #dataVersion: unknown;
  /** Whether the version was checked since the current transaction or read began: no other connection commits within one. */
  #versionChecked = false;

  /** A transaction or a read outside one begins: another connection may have committed since the last. */
  beginSnapshot(): void {
    this.#versionChecked = false;
  }

  // Licenses and their properties
  async getLicense(id: number) { return this.#license(this.q('SELECT * FROM licenses WHERE id = ?').get(id) as Row | undefined); }
  async getLicenseByOrganization(org: string) {
    const cached = this.hot.licenses.get(org);
    if (cached) return { ...cached };
    const license = this.#license(this.q('SELECT * FROM licenses WHERE organization_id = ?').get(org) as Row | undefined);
    if (license) { this.hot.licenses.set(org, { ...license }); this.hot.touch('licenses', org); }
    return license;
  }
  async insertLicense(l: LicenseRecord) { this.q('INSERT INTO licenses (id, organization_id, created_at) VALUES (?, ?, ?)').run(l.id, l.organizationId, l.createdAt); }
  #license(r: Row | undefined): LicenseRecord | undefined {
    return r ? { id: r.id as number, organizationId: r.organization_id as string, createdAt: r.created_at as number } : undefined;
  }

  async getLicenseProperties(licenseId: number) {
    return this.#props(this.q('SELECT namespace, name, value FROM license_properties WHERE license_id = ?').all(licenseId) as Row[]);
  }
  async updateLicenseProperties(licenseId: number, properties: Properties) {
    const s = this.q('INSERT INTO license_properties (license_id, namespace, name, value) VALUES (?, ?, ?, ?) ON CONFLICT DO UPDATE SET value = excluded.value');
    for (const [ns, values] of Object.entries(properties)) for (const [name, v] of Object.entries(values)) s.run(licenseId, ns, name, json(v));
  }
  async deleteLicenseProperties(licenseId: number, names: PropertyNames) {
    const s = this.q('DELETE FROM license_properties WHERE license_id = ? AND namespace = ? AND name = ?');
    for (const [ns, list] of Object.entries(names)) for (const name of list) s.run(licenseId, ns, name);
  }
  async getGroupProperties(licenseId: number, groupId: number) {
    return this.#props(this.q('SELECT namespace, name, value FROM group_properties WHERE license_id = ? AND group_id = ?').all(licenseId, groupId) as Row[]);
  }
  async updateGroupProperties(licenseId: number, groupId: number, properties: Properties) {
    const s = this.q('INSERT INTO group_properties (license_id, group_id, namespace, name, value) VALUES (?, ?, ?, ?, ?) ON CONFLICT DO UPDATE SET value = excluded.value');
    for (const [ns, values] of Object.entries(properties)) for (const [name, v] of Object.entries(values)) s.run(licenseId, groupId, ns, name, json(v));
  }
  async deleteGroupProperties(licenseId: number, groupId: number, names: PropertyNames) {
    const s = this.q('DELETE FROM group_properties WHERE license_id = ? AND group_id = ? AND namespace = ? AND name = ?');
    for (const [ns, list] of Object.entries(names)) for (const name of list) s.run(licenseId, groupId, ns, name);
  }
  #props(rows: Row[]): Properties {
    const out: Properties = {};
    for (const r of rows) (out[r.namespace as string] ??= {})[r.name as string] = parse(r.value);
    return out;
  }
  async listGroupIds(licenseId: number) {
    return (this.q('SELECT id FROM groups WHERE license_id = ? ORDER BY id').all(licenseId) as Row[]).map((r) => r.id as number);
  }

  // Customers
  async findCustomers(query: CustomerQuery) {
    const sql = customerQuerySql(query);
    const rows = this.db.prepare(sql.page).all(...sql.params) as Row[];
    const total = (this.db.prepare(sql.count).get(...sql.countParams) as Row).n as number;
    return { items: rows.map((r) => ({ customer: parse<CustomerRecord>(r.data), sortKey: r.sort_key as number })), total };
  }

  // Chats
  async listCustomerChats(customerId: string, page: PageQuery) {
    const k = keyset('last_thread_created_at', page);
    const rows = this.q(`SELECT * FROM chats WHERE customer_id = ? AND ${k.where} ORDER BY ${k.order} LIMIT ?`).all(customerId, ...k.params, page.limit) as Row[];
    const total = (this.q('SELECT COUNT(*) n FROM chats WHERE customer_id = ?').get(customerId) as Row).n as number;
    return { items: rows.map((r) => this.chatRow(r)!), total };
  }
  async listCustomerChatIds(licenseId: number, customerId: string) {
    // Without the hint SQLite picks the license index and reads every chat of the license (#16).
    return (this.q('SELECT id FROM chats INDEXED BY chats_customer WHERE customer_id = ? AND license_id = ? ORDER BY last_thread_created_at DESC').all(customerId, licenseId) as Row[]).map((r) => r.id as string);
  }
  async countActiveChats(customerId: string) {
    return (this.q('SELECT COUNT(*) n FROM chats WHERE customer_id = ? AND active_thread_id IS NOT NULL').get(customerId) as Row).n as number;
  }
  async listLicenseChats(licenseId: number, filter: { active?: boolean; userId?: string; queued?: boolean; groupIds?: number[]; scope?: ChatScope }, page: PageQuery) {
    const where: string[] = ['c.license_id = ?'];
    const params: unknown[] = [licenseId];
    if (filter.active === true) where.push('c.active_thread_id IS NOT NULL');
    if (filter.active === false) where.push('c.active_thread_id IS NULL');
    if (filter.userId) { where.push('EXISTS (SELECT 1 FROM chat_users u WHERE u.chat_id = c.id AND u.user_id = ? AND u.present = 1)'); params.push(filter.userId); }
    if (filter.queued) where.push('EXISTS (SELECT 1 FROM threads t WHERE t.id = c.active_thread_id AND t.queued_at IS NOT NULL)');
    if (filter.groupIds?.length) { where.push(`EXISTS (SELECT 1 FROM json_each(c.access, '$.group_ids') g WHERE g.value IN (${filter.groupIds.map(() => '?').join(',')}))`); params.push(...filter.groupIds); }
    if (filter.scope) { const sc = chatScopeSql(filter.scope, 'c'); where.push(sc.sql); params.push(...sc.params); }
    const k = keyset('c.last_thread_created_at', page);
    const order = k.order.replace('id ', 'c.id ');
    const kwhere = k.where.replace(/\bid\b/g, 'c.id');
    const rows = this.db.prepare(`SELECT c.* FROM chats c WHERE ${where.join(' AND ')} AND ${kwhere} ORDER BY ${order} LIMIT ?`).all(...params, ...k.params, page.limit) as Row[];
    const total = (this.db.prepare(`SELECT COUNT(*) n FROM chats c WHERE ${where.join(' AND ')}`).get(...params) as Row).n as number;
    return { items: rows.map((r) => this.chatRow(r)!), total };
  }

  // Chat users
  // Threads
  async listThreads(chatId: string, page: PageQuery, range: { from?: number; to?: number } = {}) {
    const k = keyset('created_at', page);
    const bounds = 'created_at >= ? AND created_at <= ?';
    const limits = [range.from ?? Number.MIN_SAFE_INTEGER, range.to ?? Number.MAX_SAFE_INTEGER];
    const rows = this.q(`SELECT data FROM threads WHERE chat_id = ? AND ${bounds} AND ${k.where} ORDER BY ${k.order} LIMIT ?`).all(chatId, ...limits, ...k.params, page.limit) as Row[];
    const total = (this.q(`SELECT COUNT(*) n FROM threads WHERE chat_id = ? AND ${bounds}`).get(chatId, ...limits) as Row).n as number;
    return { items: rows.map((r) => this.threadRow(r.data)), total };
  }
  async listQueuedThreads(licenseId: number) {
    return (this.q('SELECT data FROM threads WHERE license_id = ? AND queued_at IS NOT NULL AND active = 1 ORDER BY queued_at, id').all(licenseId) as Row[]).map((r) => this.threadRow(r.data));
  }
  async queuePosition(licenseId: number, thread: ThreadRecord) {
    if (thread.queuedAt === undefined) return 0;
    return (this.q(`SELECT COUNT(*) n FROM threads WHERE license_id = ? AND queued_at IS NOT NULL AND active = 1
      AND (queued_at < ? OR (queued_at = ? AND id <= ?))`).get(licenseId, thread.queuedAt, thread.queuedAt, thread.id) as Row).n as number;
  }
  async listArchivedThreads(q: ArchiveQuery) {
    const { where, params } = archiveConditions(q);
    if (q.scope) { const sc = chatScopeSql(q.scope, 'c'); where.push(sc.sql); params.push(...sc.params); }
    const k = keyset('t.created_at', { order: q.order, after: q.after, limit: q.limit });
    const kwhere = k.where.replace(/\bid\b/g, 't.id');
    const order = k.order.replace('id ', 't.id ');
    const base = `FROM threads t JOIN chats c ON c.id = t.chat_id WHERE ${where.join(' AND ')}`;
    const rows = this.db.prepare(`SELECT t.data ${base} AND ${kwhere} ORDER BY ${order} LIMIT ?`).all(...params, ...k.params, q.limit) as Row[];
    const total = (this.db.prepare(`SELECT COUNT(*) n ${base}`).get(...params) as Row).n as number;
    return { items: rows.map((r) => this.threadRow(r.data)), total };
  }

  // Events
  async updateEvent(e: EventRecord) { this.q('UPDATE events SET body = ?, properties = ? WHERE thread_id = ? AND seq = ?').run(json(e.body), json(e.properties), e.threadId, e.seq); }
  async getEvent(chatId: string, id: string) {
    const key = eventKey(id);
    if (!key) return undefined;
    return this.#event(this.q('SELECT * FROM events WHERE thread_id = ? AND seq = ? AND chat_id = ?').get(key.threadId, key.seq, chatId) as Row | undefined);
  }
  async listThreadEvents(threadId: string) { return (this.q('SELECT * FROM events WHERE thread_id = ? ORDER BY seq').all(threadId) as Row[]).map((r) => this.#event(r)!); }
  async findEventByCustomId(chatId: string, authorId: string, customId: string) {
    return this.#event(this.q('SELECT * FROM events WHERE chat_id = ? AND author_id = ? AND custom_id = ?').get(chatId, authorId, customId) as Row | undefined);
  }
  async lastEventPerType(chatId: string, customerView: boolean) {
    const vis = customerView ? "AND visibility = 'all'" : '';
    const rows = this.q(`SELECT e.* FROM events e JOIN (SELECT type, MAX(created_at) m FROM events WHERE chat_id = ? ${vis} GROUP BY type) x
      ON e.type = x.type AND e.created_at = x.m WHERE e.chat_id = ?`).all(chatId, chatId) as Row[];
    return rows.map((r) => this.#event(r)!);
  }
  async hasEventsAfter(chatId: string, after: number, exceptAuthor: string, customerView: boolean) {
    const vis = customerView ? "AND visibility = 'all'" : '';
    return this.q(`SELECT 1 FROM events WHERE chat_id = ? AND created_at > ? AND (author_id IS NULL OR author_id != ?) ${vis} LIMIT 1`).get(chatId, after, exceptAuthor) !== undefined;
  }
  #event(r: Row | undefined): EventRecord | undefined {
    if (!r) return undefined;
    return {
      id: eventId(r.thread_id as string, r.seq as number), chatId: r.chat_id as string, threadId: r.thread_id as string, seq: r.seq as number, createdAt: r.created_at as number,
      type: r.type as string, visibility: r.visibility as 'all' | 'agents', body: parse(r.body), properties: parse(r.properties),
      ...(r.author_id !== null ? { authorId: r.author_id as string } : {}),
      ...(r.custom_id !== null ? { customId: r.custom_id as string } : {}),
    };
  }

  // Files
  async insertFile(f: FileRecord) { this.q('INSERT INTO files (id, license_id, data) VALUES (?, ?, ?)').run(f.id, f.licenseId, json(f)); }
  async getFile(id: string) { const r = this.q('SELECT data FROM files WHERE id = ?').get(id) as Row | undefined; return r ? parse<FileRecord>(r.data) : undefined; }
  async markFileUsed(id: string, at: number, chatId: string) {
    const f = await this.getFile(id);
    if (f && f.usedAt === undefined) this.q('UPDATE files SET data = ? WHERE id = ?').run(json({ ...f, usedAt: at, usedInChatId: chatId }), id);
  }

  // Property definitions
  async listPropertyDefinitions(licenseId: number) {
    return (this.q('SELECT data FROM property_definitions WHERE license_id = ?').all(licenseId) as Row[]).map((r) => parse<PropertyDefinition>(r.data));
  }
  async upsertPropertyDefinition(d: PropertyDefinition) {
    this.q('INSERT INTO property_definitions (license_id, namespace, name, data) VALUES (?, ?, ?, ?) ON CONFLICT DO UPDATE SET data = excluded.data').run(d.licenseId, d.namespace, d.name, json(d));
  }
  async deletePropertyDefinition(licenseId: number, namespace: string, name: string) {
    this.q('DELETE FROM property_definitions WHERE license_id = ? AND namespace = ? AND name = ?').run(licenseId, namespace, name);
  }

  // Agents and bots
  async getAgent(licenseId: number, id: string) { const r = this.q('SELECT data FROM agents WHERE license_id = ? AND id = ?').get(licenseId, id) as Row | undefined; return r ? parse<AgentRecord>(r.data) : undefined; }
  async getAgentsById(licenseId: number, ids: readonly string[]) { return existing(ids, (id) => this.getAgent(licenseId, id)); }
  async findAgentById(id: string) { const r = this.q('SELECT data FROM agents WHERE id = ?').get(id) as Row | undefined; return r ? parse<AgentRecord>(r.data) : undefined; }
  async findAgentByPatHash(hash: string) { const r = this.q('SELECT data FROM agents WHERE pat_hash = ?').get(hash) as Row | undefined; return r ? parse<AgentRecord>(r.data) : undefined; }
  /** Read on every new chat (routing, group statuses): kept in HotState, read again after another process committed. */
  async listAgents(licenseId: number) {
    // Read on every login and new chat (group statuses, routing): a copy of every agent per read
    // cost O(agents) allocations per customer. The records are frozen, so a writer must copy.
    return this.#agents(licenseId).slice();
  }
  /** From the license's cached agents (every agent request re-checks its agent: no parse per check, and at most one statement per transaction, #16). */
  async viewAgent(licenseId: number, id: string) { return this.#agents(licenseId).find((a) => a.id === id); }
  /** The license's agents, cached deeply frozen. */
  #agents(licenseId: number): readonly Readonly<AgentRecord>[] {
    if (!this.#versionChecked) {
      this.#versionChecked = true;
      const version = this.q('PRAGMA data_version').pluck().get();
      if (version !== this.#dataVersion) {
        // The admin CLI (another connection) may have written agents since the last read.
        this.hot.agents.clear();
        this.#dataVersion = version;
      }
    }
    let agents = this.hot.agents.get(licenseId);
    if (!agents) {
      agents = (this.q('SELECT data FROM agents WHERE license_id = ? ORDER BY id').all(licenseId) as Row[]).map((r) => deepFreeze(parse<AgentRecord>(r.data)));
      this.hot.agents.set(licenseId, agents);
      this.hot.touch('agents', licenseId);
    }
    return agents;
  }
  async insertAgent(a: AgentRecord) { this.q('INSERT INTO agents (id, license_id, pat_hash, data) VALUES (?, ?, ?, ?)').run(a.id, a.licenseId, a.patHash ?? null, json(a)); this.hot.agents.delete(a.licenseId); }
  async updateAgent(a: AgentRecord) { this.q('UPDATE agents SET pat_hash = ?, data = ? WHERE license_id = ? AND id = ?').run(a.patHash ?? null, json(a), a.licenseId, a.id); this.hot.agents.delete(a.licenseId); }
  async deleteAgent(licenseId: number, id: string) { this.q('DELETE FROM agents WHERE license_id = ? AND id = ?').run(licenseId, id); this.hot.agents.delete(licenseId); }
  async countAgentActiveChats(licenseId: number) {
    return this.loads.read(licenseId);
  }

  // Groups (group 0 is virtual and never stored)
  async getGroup(licenseId: number, id: number) { return this.#group(this.q('SELECT * FROM groups WHERE license_id = ? AND id = ?').get(licenseId, id) as Row | undefined); }
  async listGroups(licenseId: number) { return (this.q('SELECT * FROM groups WHERE license_id = ? ORDER BY id').all(licenseId) as Row[]).map((r) => this.#group(r)!); }
  async insertGroup(g: GroupRecord) { this.q('INSERT INTO groups (license_id, id, name, language_code) VALUES (?, ?, ?, ?)').run(g.licenseId, g.id, g.name, g.languageCode); }
  async updateGroup(g: GroupRecord) { this.q('UPDATE groups SET name = ?, language_code = ? WHERE license_id = ? AND id = ?').run(g.name, g.languageCode, g.licenseId, g.id); }
  async deleteGroup(licenseId: number, id: number) {
    this.q('DELETE FROM groups WHERE license_id = ? AND id = ?').run(licenseId, id);
    this.q('DELETE FROM group_properties WHERE license_id = ? AND group_id = ?').run(licenseId, id);
  }
  #group(r: Row | undefined): GroupRecord | undefined {
    return r ? { licenseId: r.license_id as number, id: r.id as number, name: r.name as string, languageCode: r.language_code as string } : undefined;
  }

  // Tags
  async listTags(licenseId: number) { return (this.q('SELECT data FROM tags WHERE license_id = ? ORDER BY name').all(licenseId) as Row[]).map((r) => parse<TagRecord>(r.data)); }
  async getTag(licenseId: number, name: string) { const r = this.q('SELECT data FROM tags WHERE license_id = ? AND name = ?').get(licenseId, name) as Row | undefined; return r ? parse<TagRecord>(r.data) : undefined; }
  async findTagIgnoringCase(licenseId: number, name: string) {
    const r = this.q('SELECT data FROM tags WHERE license_id = ? AND lower(name) = lower(?)').get(licenseId, name) as Row | undefined;
    return r ? parse<TagRecord>(r.data) : undefined;
  }
  async upsertTag(t: TagRecord) { this.q('INSERT INTO tags (license_id, name, data) VALUES (?, ?, ?) ON CONFLICT (license_id, name) DO UPDATE SET data = excluded.data').run(t.licenseId, t.name, json(t)); }
  async deleteTag(licenseId: number, name: string) { this.q('DELETE FROM tags WHERE license_id = ? AND name = ?').run(licenseId, name); }

  // Webhooks and their outbox
  async listWebhooks(licenseId: number) {
    let hooks = this.hot.webhooks.get(licenseId);
    if (!hooks) {
      hooks = (this.q('SELECT data FROM webhooks WHERE license_id = ? ORDER BY rowid').all(licenseId) as Row[]).map((r) => parse<WebhookRecord>(r.data));
      this.hot.webhooks.set(licenseId, hooks);
      this.hot.touch('webhooks', licenseId);
    }
    return cloneJson(hooks);
  }
  async insertWebhook(w: WebhookRecord) {
    this.q('INSERT INTO webhooks (id, license_id, owner_client_id, action, data) VALUES (?, ?, ?, ?, ?)').run(w.id, w.licenseId, w.ownerClientId, w.action, json(w));
    this.hot.webhooks.delete(w.licenseId);
  }
  async deleteWebhook(licenseId: number, id: string) {
    this.hot.webhooks.delete(licenseId);
    this.q('DELETE FROM webhooks WHERE license_id = ? AND id = ?').run(licenseId, id);
    this.q("DELETE FROM webhook_outbox WHERE license_id = ? AND webhook_id = ? AND status = 'pending'").run(licenseId, id);
  }
  async getLicenseWebhooksEnabled(licenseId: number, clientId: string) {
    const r = this.q('SELECT enabled FROM webhook_states WHERE license_id = ? AND owner_client_id = ?').get(licenseId, clientId) as Row | undefined;
    return r ? r.enabled === 1 : undefined;
  }
  async setLicenseWebhooksEnabled(licenseId: number, clientId: string, enabled: boolean) {
    this.q('INSERT INTO webhook_states (license_id, owner_client_id, enabled) VALUES (?, ?, ?) ON CONFLICT DO UPDATE SET enabled = excluded.enabled').run(licenseId, clientId, enabled ? 1 : 0);
  }
  async enqueueWebhookDeliveries(deliveries: readonly NewOutboxDelivery[]) {
    const s = this.q('INSERT INTO webhook_outbox (license_id, webhook_id, order_key, url, body, next_attempt_at, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)');
    for (const d of deliveries) s.run(d.licenseId, d.webhookId, d.orderKey, d.url, d.body, d.nextAttemptAt, d.createdAt);
  }
  async dueWebhookDeliveries(nowMs: number, limit: number, busyKeys: readonly string[]) {
    const rows = this.db.prepare(`SELECT o.* FROM webhook_outbox o WHERE o.status = 'pending' AND o.next_attempt_at <= ?
      AND o.seq = (SELECT MIN(p.seq) FROM webhook_outbox p WHERE p.order_key = o.order_key AND p.status = 'pending')
      ${busyKeys.length ? `AND o.order_key NOT IN (${busyKeys.map(() => '?').join(',')})` : ''}
      ORDER BY o.seq LIMIT ?`).all(nowMs, ...busyKeys, limit) as Row[];
    return rows.map((r): OutboxDelivery => ({
      seq: r.seq as number, licenseId: r.license_id as number, webhookId: r.webhook_id as string, orderKey: r.order_key as string, url: r.url as string,
      body: r.body as string, attempts: r.attempts as number, nextAttemptAt: r.next_attempt_at as number, createdAt: r.created_at as number,
    }));
  }
  async nextWebhookAttemptAt() {
    const r = this.q("SELECT MIN(next_attempt_at) m FROM webhook_outbox WHERE status = 'pending'").get() as Row;
    return r.m === null ? undefined : (r.m as number);
  }
  async finishWebhookDelivery(seq: number, outcome: { failed?: string }) {
    if (outcome.failed === undefined) this.q('DELETE FROM webhook_outbox WHERE seq = ?').run(seq);
    else this.q("UPDATE webhook_outbox SET status = 'failed', attempts = attempts + 1, last_error = ? WHERE seq = ?").run(outcome.failed, seq);
  }
  async retryWebhookDeliveryAt(seq: number, attempts: number, nextAttemptAt: number, error: string) {
    this.q('UPDATE webhook_outbox SET attempts = ?, next_attempt_at = ?, last_error = ? WHERE seq = ?').run(attempts, nextAttemptAt, error, seq);
  }
  async countPendingWebhookDeliveries() { return (this.q("SELECT COUNT(*) n FROM webhook_outbox WHERE status = 'pending'").get() as Row).n as number; }
  /** Nothing is numbered here (one writer: no nextChatPushSeq), so nothing is recorded. */
  async listChatPushUnits(): Promise<ChatPush[]> { return []; }
}
