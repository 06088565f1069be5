import Database from 'better-sqlite3';
import type { Store, StoreTx } from '../../domain/ports.js';
import { MIGRATIONS } from './migrations.js';
import { SqliteStoreTx } from './SqliteStoreTx.js';

export interface SqliteOptions {
  /** A file path, or ':memory:'. */
  filename: string;
  /** `full` syncs the WAL on every commit (survives power loss); `normal` survives process crashes only. */
  synchronous?: 'full' | 'normal';
}

/**
 * The embedded store. better-sqlite3 is synchronous, so every transaction holds the one connection
 * from BEGIN to COMMIT; a promise queue keeps async domain code from interleaving two of them.
 */
export class SqliteStore implements Store {
  readonly db: Database.Database;
  readonly #tx: SqliteStoreTx;
  #queue: Promise<unknown> = Promise.resolve();
  #closed = false;

  constructor(options: SqliteOptions) {
    this.db = new Database(options.filename);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma(`synchronous = ${options.synchronous === 'normal' ? 'NORMAL' : 'FULL'}`);
    this.db.pragma('foreign_keys = ON');
    this.db.pragma('busy_timeout = 5000');
    migrate(this.db);
    this.#tx = new SqliteStoreTx(this.db);
  }

  atomically<T>(fn: (tx: StoreTx) => Promise<T>): Promise<T> {
    return this.#serialize(async () => {
      this.db.exec('BEGIN IMMEDIATE');
      try {
        const result = await fn(this.#tx);
        this.db.exec('COMMIT');
        return result;
      } catch (err) {
        if (this.db.inTransaction) this.db.exec('ROLLBACK');
        throw err;
      }
    });
  }

  read<T>(fn: (tx: StoreTx) => Promise<T>): Promise<T> {
    return this.#serialize(() => fn(this.#tx));
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    await this.#queue.catch(() => undefined);
    this.db.close();
  }

  #serialize<T>(fn: () => Promise<T>): Promise<T> {
    if (this.#closed) return Promise.reject(new Error('store is closed'));
    const run = this.#queue.then(fn, fn);
    this.#queue = run.catch(() => undefined);
    return run;
  }
}

export function migrate(db: Database.Database): void {
  const current = db.pragma('user_version', { simple: true }) as number;
  for (let v = current; v < MIGRATIONS.length; v++) {
    db.transaction(() => {
      db.exec(MIGRATIONS[v]!);
      db.pragma(`user_version = ${v + 1}`);
    })();
  }
}
