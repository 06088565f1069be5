import pg from 'pg';
import type { ReadOptions, Store, StoreCommitObserver, StoreTx, UnitHint } from '../../domain/ports.js';
import { PG_MIGRATIONS } from './migrations.js';
import { CHAT_PUSH_RETENTION_S, PostgresStoreTx } from './PostgresStoreTx.js';
import { UnitBatcher } from './UnitBatcher.js';

export interface PostgresOptions {
  connectionString: string;
  /** Connections this node keeps open (batches and reads running at once). */
  poolSize?: number;
  /** Batches of the hot path committing at once (UnitBatcher lanes, keyed by chat; 2 measured best on 2 cores). */
  lanes?: number;
  /** Told of every committed unit of work (metrics). */
  observer?: StoreCommitObserver;
  /** How often this node deletes recorded chat pushes past their retention (default 10 s). */
  pushUnitPruneEveryMs?: number;
}

/** Advisory lock keys (one namespace for Switchboard: the high 32 bits). */
const LOCK_NAMESPACE = 0x5357_4244;
export const LOCKS = { migrations: 1, bootstrap: 2 } as const;

/** bigint columns hold µs timestamps and counts, all far below 2^53: read them as numbers. */
const types = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === pg.types.builtins.INT8 ? (v: string) => Number(v) : pg.types.getTypeParser(oid, format ?? 'text')) as pg.CustomTypesConfig['getTypeParser'],
};

/**
 * The store shared by every node. Units of work of this node are grouped into batches, one
 * transaction each, and acknowledged together once it committed (UnitBatcher, BatchStoreTx): a
 * burst of N messages costs one COMMIT and a few multi-row statements, as SQLite's group commit does.
 *
 * - Units that name the chat they work on (send_event: the hot path) run in READ COMMITTED batches
 *   that lock their chats' rows before reading them, so they see the last committed state and keep
 *   one order of each chat's events; every other write of a chat's rows takes the same lock first
 *   (PostgresStoreTx.lockChats).
 * - All other units run in SERIALIZABLE batches, and PostgreSQL guarantees that the outcome equals
 *   some serial order of them. That keeps every invariant the domain wrote for one serialized
 *   writer (chat limit per customer, routing never over an agent's limit nor twice for one thread,
 *   custom_id idempotency) on this node and across nodes, without the domain naming rows to lock.
 *
 * A batch that fails (a serialization conflict, a deadlock, a duplicate key) is rolled back and
 * its units run again alone; a unit alone is re-run on conflicts. Domain events are collected per
 * attempt (domain/unitOfWork.ts), so a retried unit publishes once.
 */
export class PostgresStore implements Store {
  readonly readsAreRemote = true;
  readonly pool: pg.Pool;
  readonly #connectionString: string;
  /** Units that name their chat (the hot path) and all others: see UnitBatcher. */
  readonly #hot: UnitBatcher;
  #reader: Promise<pg.Client> | undefined;
  readonly #general: UnitBatcher;
  #pruneTimer: ReturnType<typeof setInterval> | undefined;
  #closed = false;

  private constructor(options: PostgresOptions) {
    this.#connectionString = options.connectionString;
    this.pool = new pg.Pool({ connectionString: options.connectionString, max: options.poolSize ?? 10, types, pipeline: true } as pg.PoolConfig);
    // An idle connection dropped by the server must not crash the process; the next checkout reconnects.
    this.pool.on('error', () => undefined);
    // A hot batch's cost is mostly fixed (checkout, round trips, the COMMIT's fsync, the event-loop turns
    // between them): at saturation 256 units left every batch full and ~400 units queued per lane.
    this.#hot = new UnitBatcher(this.pool, { lanes: options.lanes ?? 2, isolation: 'READ COMMITTED', maxUnits: 1024, observer: options.observer });
    this.#general = new UnitBatcher(this.pool, { lanes: 1, isolation: 'SERIALIZABLE', maxUnits: 64, observer: options.observer });
  }

  /** Connects and brings the schema up to date (once across nodes starting together). */
  static async open(options: PostgresOptions): Promise<PostgresStore> {
    const store = new PostgresStore(options);
    try {
      await store.#migrate();
    } catch (err) {
      await store.pool.end();
      throw err;
    }
    // A failed prune is left to the next one.
    store.#pruneTimer = setInterval(() => void store.pruneChatPushUnits().catch(() => undefined), options.pushUnitPruneEveryMs ?? 10_000);
    store.#pruneTimer.unref();
    return store;
  }

  atomically<T>(fn: (tx: StoreTx) => Promise<T>, hint?: UnitHint): Promise<T> {
    return hint ? this.#hot.run(fn, hint) : this.#general.run(fn);
  }

  read<T>(fn: (tx: StoreTx) => Promise<T>, options?: ReadOptions): Promise<T> {
    if (options?.oneStatement) return this.#readAlone(fn);
    return this.#transaction('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY', fn, true);
  }

  /**
   * One statement sees one snapshot by itself: no BEGIN and COMMIT. Such reads (every request's
   * credential re-check) share one pipelined connection, so those issued in one turn of the event
   * loop leave in one write and their answers come back in order.
   */
  async #readAlone<T>(fn: (tx: StoreTx) => Promise<T>): Promise<T> {
    if (this.#closed) throw new Error('store is closed');
    this.#reader ??= this.#connectReader();
    const client = await this.#reader;
    const tx = new PostgresStoreTx(client as pg.PoolClient, 1);
    const result = await fn(tx);
    await tx.settle();
    return result;
  }

  #connectReader(): Promise<pg.Client> {
    const client = new pg.Client({ connectionString: this.#connectionString, types, pipeline: true } as pg.ClientConfig);
    const connecting = client.connect().then(() => client);
    // A lost connection is replaced on the next read; its pending reads fail with the error.
    const drop = () => { if (this.#reader === connecting) this.#reader = undefined; };
    client.on('error', drop);
    client.on('end', drop);
    connecting.catch(drop);
    return connecting;
  }

  /** Runs `fn` while holding a cluster-wide lock (a session advisory lock on a connection of its own). */
  async exclusively<T>(lock: number, fn: () => Promise<T>): Promise<T> {
    // Outside the pool: `fn` may need every pooled connection while the lock is held.
    const client = new pg.Client({ connectionString: this.#connectionString });
    await client.connect();
    try {
      await client.query('SELECT pg_advisory_lock($1, $2)', [LOCK_NAMESPACE, lock]);
      try {
        return await fn();
      } finally {
        await client.query('SELECT pg_advisory_unlock($1, $2)', [LOCK_NAMESPACE, lock]);
      }
    } finally {
      await client.end();
    }
  }

  /** A value every node shares: the first node to ask stores `make()`, every node reads what was stored. */
  async sharedSetting<T>(name: string, make: () => T): Promise<T> {
    await this.pool.query('INSERT INTO cluster_settings (name, value) VALUES ($1, $2) ON CONFLICT (name) DO NOTHING', [name, JSON.stringify(make())]);
    const { rows } = await this.pool.query<{ value: T }>('SELECT value FROM cluster_settings WHERE name = $1', [name]);
    return rows[0]!.value;
  }

  async getSetting<T>(name: string): Promise<T | undefined> {
    const { rows } = await this.pool.query<{ value: T }>('SELECT value FROM cluster_settings WHERE name = $1', [name]);
    return rows[0]?.value;
  }

  /**
   * Deletes the chat pushes recorded more than `olderThanS` ago; returns how many. On a timer rather
   * than with each batch: a batch pruning its chats scanned each chat's kept records every time
   * (about a tenth of PostgreSQL's CPU at saturation), where one pass over the table every few
   * seconds costs next to nothing. Nodes prune concurrently without harm (a row is deleted once).
   */
  async pruneChatPushUnits(olderThanS = CHAT_PUSH_RETENTION_S): Promise<number> {
    const { rowCount } = await this.pool.query('DELETE FROM chat_push_units WHERE created_at < now() - make_interval(secs => $1)', [olderThanS]);
    return rowCount ?? 0;
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    clearInterval(this.#pruneTimer);
    this.#hot.close();
    this.#general.close();
    const reader = this.#reader;
    this.#reader = undefined;
    await reader?.then((c) => c.end()).catch(() => undefined);
    await this.pool.end();
  }

  async #transaction<T>(begin: string, fn: (tx: StoreTx) => Promise<T>, readOnly = false): Promise<T> {
    if (this.#closed) throw new Error('store is closed');
    const client = await this.pool.connect();
    let broken = false;
    try {
      const tx = new PostgresStoreTx(client);
      // Pipelined: BEGIN goes out with the unit's first statement, and COMMIT right behind its last writes.
      tx.send(begin);
      try {
        const result = await fn(tx);
        await tx.commit(!readOnly);
        return result;
      } catch (err) {
        await client.query('ROLLBACK').catch(() => { broken = true; });
        throw err;
      }
    } finally {
      client.release(broken);
    }
  }

  async #migrate(): Promise<void> {
    await this.exclusively(LOCKS.migrations, async () => {
      await this.pool.query('CREATE TABLE IF NOT EXISTS schema_versions (version integer PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())');
      const { rows } = await this.pool.query<{ v: number | null }>('SELECT MAX(version) v FROM schema_versions');
      for (let v = rows[0]?.v ?? 0; v < PG_MIGRATIONS.length; v++) {
        const client = await this.pool.connect();
        try {
          await client.query('BEGIN');
          await client.query(PG_MIGRATIONS[v]!);
          await client.query('INSERT INTO schema_versions (version) VALUES ($1)', [v + 1]);
          await client.query('COMMIT');
        } catch (err) {
          await client.query('ROLLBACK').catch(() => undefined);
          throw err;
        } finally {
          client.release();
        }
      }
    });
  }
}
