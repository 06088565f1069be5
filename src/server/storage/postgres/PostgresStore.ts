import pg from 'pg';
import type { Store, StoreCommitObserver, StoreTx } from '../../domain/ports.js';
import { PG_MIGRATIONS } from './migrations.js';
import { PostgresStoreTx } from './PostgresStoreTx.js';
import { DomainError } from '../../domain/errors.js';

export interface PostgresOptions {
  connectionString: string;
  /** Connections this node keeps open (units of work running at once). */
  poolSize?: number;
  /** Told of every committed unit of work (metrics). */
  observer?: StoreCommitObserver;
}

/**
 * SQLSTATEs after which a unit of work is re-run from the start (nothing of it was committed):
 * serialization_failure, deadlock_detected, and unique_violation — when two units derive the same
 * key from the same row (the next event id of a thread) the loser may hit the duplicate key before
 * SSI reports the conflict; re-run, it reads the winner's row and derives the next key. A genuine
 * duplicate fails every attempt and is thrown after the last one.
 */
const RETRYABLE = new Set(['40001', '40P01', '23505']);
const MAX_ATTEMPTS = 60;
/** Advisory lock keys (one namespace for Switchboard: the high 32 bits). */
const LOCK_NAMESPACE = 0x5357_4244;
export const LOCKS = { migrations: 1, bootstrap: 2 } as const;

/** bigint columns hold µs timestamps and counts, all far below 2^53: read them as numbers. */
const types = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === pg.types.builtins.INT8 ? (v: string) => Number(v) : pg.types.getTypeParser(oid, format ?? 'text')) as pg.CustomTypesConfig['getTypeParser'],
};

/**
 * The store shared by every node. Each unit of work is one SERIALIZABLE transaction on its own
 * pooled connection, so units run in parallel on this node and on the others, and PostgreSQL
 * guarantees that the outcome equals some serial order of them. That keeps every invariant the
 * domain wrote for one serialized writer (chat limit per customer, one total order of a chat's
 * events, routing never over an agent's limit nor twice for one thread, custom_id idempotency)
 * without the domain naming the rows to lock. A unit that loses a conflict (40001) or a deadlock
 * (40P01) rolled back entirely and is re-run from the start; its domain events are collected per
 * attempt (domain/unitOfWork.ts), so a retried unit publishes once.
 *
 * Group commit: concurrent units commit on separate connections, and PostgreSQL flushes the WAL
 * once for all commits waiting at that moment; batching inside one transaction, as SQLite does,
 * would make one unit's conflict roll back its neighbours.
 */
export class PostgresStore implements Store {
  readonly pool: pg.Pool;
  readonly #connectionString: string;
  readonly #observer: StoreCommitObserver | undefined;
  #closed = false;

  private constructor(options: PostgresOptions) {
    this.#connectionString = options.connectionString;
    this.#observer = options.observer;
    this.pool = new pg.Pool({ connectionString: options.connectionString, max: options.poolSize ?? 10, types });
    // An idle connection dropped by the server must not crash the process; the next checkout reconnects.
    this.pool.on('error', () => undefined);
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
    return store;
  }

  async atomically<T>(fn: (tx: StoreTx) => Promise<T>): Promise<T> {
    const began = performance.now();
    for (let attempt = 1; ; attempt++) {
      try {
        const result = await this.#transaction('BEGIN ISOLATION LEVEL SERIALIZABLE', fn);
        this.#observer?.committed({ durationMs: performance.now() - began, units: 1 });
        return result;
      } catch (err) {
        const code = (err as { code?: string }).code;
        if (code === undefined || !RETRYABLE.has(code)) throw err;
        if (attempt >= MAX_ATTEMPTS) {
          // Contention, not a fault: the client may try again (a duplicate key that never resolves stays an error).
          if (code === '23505') throw err;
          throw new DomainError('service_unavailable', `The change kept conflicting with concurrent ones (${MAX_ATTEMPTS} attempts); retry`, undefined, { cause: err });
        }
        // Jitter so that the units that collided do not collide again in lockstep.
        await new Promise((r) => setTimeout(r, Math.random() * Math.min(50, 2 * attempt)));
      }
    }
  }

  read<T>(fn: (tx: StoreTx) => Promise<T>): Promise<T> {
    return this.#transaction('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY', fn);
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

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    await this.pool.end();
  }

  async #transaction<T>(begin: string, fn: (tx: StoreTx) => Promise<T>): Promise<T> {
    if (this.#closed) throw new Error('store is closed');
    const client = await this.pool.connect();
    let broken = false;
    try {
      await client.query(begin);
      try {
        const result = await fn(new PostgresStoreTx(client));
        await client.query('COMMIT');
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
