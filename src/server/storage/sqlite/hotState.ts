import type { AgentRecord, ChatRecord, ChatUserRecord, CustomerRecord, LicenseRecord, ThreadRecord } from '../../domain/model.js';
import type { WebhookRecord } from '../../domain/configuration/configModel.js';

/**
 * A thread as the cache holds it. `lastEventSeq` is not rewritten on every event: the effective
 * value is max(the value in the row's JSON, the highest event seq stored for the thread), so the
 * event insert alone makes it durable.
 */
export interface ThreadEntry {
  record: ThreadRecord;
  /** Highest `events.seq` of the thread (0 when it has none). */
  eventMax: number;
}

/** A Map that forgets its oldest entries past `max` (they are loaded again on the next read). */
class BoundedMap<K, V> extends Map<K, V> {
  constructor(private readonly max: number) { super(); }
  override set(key: K, value: V): this {
    if (!this.has(key) && this.size >= this.max) this.delete(this.keys().next().value as K);
    return super.set(key, value);
  }
}

type Table = 'chats' | 'users' | 'threads' | 'followers' | 'webhooks' | 'customers' | 'loads' | 'agents' | 'licenses';

/**
 * Write-through copies of what every `send_event` reads: the chat, its users, its active thread,
 * its followers, the license's webhooks and the customer (re-checked for bans on every request),
 * plus the agents and their chat loads every new chat reads. The store writes the database first and then the cache,
 * so the cache never holds what the database does not.
 *
 * NOTE: the SQLite store is the only writer of these tables (the admin CLI, the only other process
 * on the database, writes agents and license properties: cached agents are dropped whenever
 * `PRAGMA data_version` shows another connection committed). Entries are never invalidated by
 * time: a second writer of the other tables would need this cache turned off.
 *
 * Units of work roll back to a savepoint when they fail: every entry filled or written inside a
 * unit is journaled and dropped when the unit rolls back (the next read loads it again from the
 * rolled-back database), and everything is dropped when a whole transaction rolls back. Readers get
 * copies, because the domain mutates what it reads before deciding whether to write it; only reads
 * made to read (viewChat, viewCustomer, listAgents) get the cached record itself, deeply frozen.
 */
export class HotState {
  /** Deeply frozen: handed out as they are by viewChat. */
  readonly chats: Map<string, Readonly<ChatRecord>>;
  readonly users: Map<string, ChatUserRecord[]>;
  readonly threads: Map<string, ThreadEntry>;
  readonly followers: Map<string, string[]>;
  /** Deeply frozen: handed out as they are by viewCustomer. */
  readonly customers: Map<string, Readonly<CustomerRecord>>;
  readonly webhooks = new Map<number, WebhookRecord[]>();
  /**
   * Per license: agent id → active chats the agent is present in (what routing and group statuses
   * read on every new chat). Kept up to date by the chat and chat-user writes; a license missing here
   * is counted again from the tables on its next read.
   */
  readonly loads = new Map<number, Map<string, number>>();
  /** Per license: its agents and bots, as `listAgents` returns them (deeply frozen, shared by every reader). */
  readonly agents = new Map<number, AgentRecord[]>();
  /**
   * Licenses by organization id (read by every customer token and login). A license row is only
   * ever inserted, never changed or deleted, so a copy stays right whatever process wrote it.
   */
  readonly licenses = new Map<string, LicenseRecord>();
  /**
   * What the running unit filled or changed, as flat (table, key) pairs: the first #journaled items
   * of one array kept for every unit; -1 outside a unit. NOTE: counted, never emptied: setting an
   * array's length to 0 gives its storage back, and every unit then grew it again (#16).
   */
  readonly #journal: (Table | string | number)[] = [];
  #journaled = -1;

  constructor(maxChats = 20_000) {
    this.chats = new BoundedMap(maxChats);
    this.users = new BoundedMap(maxChats);
    this.threads = new BoundedMap(maxChats);
    this.followers = new BoundedMap(maxChats);
    this.customers = new BoundedMap(maxChats);
  }

  beginUnit(): void {
    this.#journaled = 0;
  }

  endUnit(): void {
    this.#journaled = -1;
  }

  /** The unit rolled back to its savepoint: forget everything it loaded or wrote. */
  rollbackUnit(): void {
    const journal = this.#journal;
    for (let i = 0; i < this.#journaled; i += 2) (this[journal[i] as Table] as Map<string | number, unknown>).delete(journal[i + 1]!);
    this.#journaled = -1;
  }

  /** The whole transaction rolled back. */
  clear(): void {
    for (const table of ['chats', 'users', 'threads', 'followers', 'webhooks', 'customers', 'loads', 'agents', 'licenses'] as const) this[table].clear();
    this.#journaled = -1;
  }

  /** Records that `key` of `table` was filled or changed in the running unit. */
  touch(table: Table, key: string | number): void {
    if (this.#journaled < 0) return;
    this.#journal[this.#journaled++] = table;
    this.#journal[this.#journaled++] = key;
  }
}

/** A deep copy of a JSON value (records read from the cache are handed out as copies). */
export function cloneJson<T>(value: T): T {
  if (typeof value !== 'object' || value === null) return value;
  return copyObject(value as object) as T;
}

/**
 * NOTE: primitives are copied inline rather than through a call per value, and arrays by index
 * (Array.map calls back per element): every send_event copies its chat and thread (#16).
 */
function copyObject(value: object): unknown {
  if (Array.isArray(value)) {
    const out = new Array<unknown>(value.length);
    for (let i = 0; i < value.length; i++) {
      const v: unknown = value[i];
      out[i] = typeof v === 'object' && v !== null ? copyObject(v) : v;
    }
    return out;
  }
  const out: Record<string, unknown> = {};
  for (const key in value) {
    const v = (value as Record<string, unknown>)[key];
    out[key] = typeof v === 'object' && v !== null ? copyObject(v) : v;
  }
  return out;
}

/** Freezes a JSON value and everything in it (cached records handed out without a copy). */
export function deepFreeze<T>(value: T): T {
  if (typeof value !== 'object' || value === null || Object.isFrozen(value)) return value;
  for (const key in value) deepFreeze((value as Record<string, unknown>)[key]);
  return Object.freeze(value);
}

/** Whether two JSON values are equal; `skip` names a top-level key left out of the comparison. */
export function sameJson(a: unknown, b: unknown, skip?: string): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!sameJson(a[i], b[i])) return false;
    return true;
  }
  if (Array.isArray(b)) return false;
  const x = a as Record<string, unknown>;
  const y = b as Record<string, unknown>;
  let keys = 0;
  for (const k in x) {
    if (k === skip || x[k] === undefined) continue;
    keys++;
    if (!sameJson(x[k], y[k])) return false;
  }
  for (const k in y) if (k !== skip && y[k] !== undefined) keys--;
  return keys === 0;
}
