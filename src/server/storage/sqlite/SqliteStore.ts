import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import Database from 'better-sqlite3';
import type { Store, StoreCommitObserver, StoreTx } from '../../domain/ports.js';
import { MIGRATIONS } from './migrations.js';
import { SqliteStoreTx } from './SqliteStoreTx.js';
import { WalSync } from './walSync.js';

export interface SqliteOptions {
  /** A file path, or ':memory:'. */
  filename: string;
  /**
   * `full`: a commit is acknowledged once the WAL is flushed to disk (survives power loss; on a file,
   * the flush runs off the event loop, see walSync.ts); `normal` survives process crashes only.
   */
  synchronous?: 'full' | 'normal';
  /** How often a background thread checkpoints the WAL into the database file (file databases only). */
  checkpointEveryMs?: number;
  /** Told the duration and size of every group commit (metrics). */
  observer?: StoreCommitObserver;
  /** How the WAL is flushed for `full` on a file (default fdatasync; tests hold flushes open with it). */
  flushWal?: ConstructorParameters<typeof WalSync>[1];
}

/**
 * Runs in a worker thread with its own connection: copies the WAL into the database file (the
 * part that fsyncs the main file) so that the event loop never stalls on it. PASSIVE never blocks
 * writers; a checkpoint that catches up lets the WAL restart from its beginning, bounding its size.
 */
const CHECKPOINTER = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.filename);
db.pragma('busy_timeout = 1000');
const checkpoint = (mode) => { try { db.pragma('wal_checkpoint(' + mode + ')'); } catch {} };
const timer = setInterval(() => checkpoint('PASSIVE'), workerData.everyMs);
parentPort.on('message', () => { clearInterval(timer); checkpoint('TRUNCATE'); db.close(); parentPort.close(); });
`;

/**
 * The embedded store. better-sqlite3 is synchronous, so every unit of work holds the one
 * connection while it runs; a promise queue keeps async domain code from interleaving two of them.
 *
 * Group commit: each unit runs as a SAVEPOINT inside one open transaction, and the transaction is
 * committed (one fsync) once the units that arrived in the same turn of the event loop have run.
 * A unit's promise resolves only after that COMMIT, so nothing is acknowledged before it is
 * durable, while a burst of N writes costs one sync instead of N.
 */
export class SqliteStore implements Store {
  readonly db: Database.Database;
  readonly #tx: SqliteStoreTx;
  #queue: Promise<unknown> = Promise.resolve();
  #pendingCommit: Promise<void> | null = null;
  #checkpointer?: Worker;
  #closed = false;
  /** Units of work in the open transaction, and when it began (for the commit observer). */
  #units = 0;
  #began = 0;
  /** Set when SQLite rolled back the open transaction by itself: the pending group commit fails. */
  #lost: unknown;
  /** Present for `full` on a file: flushes the WAL from the thread pool instead of inside COMMIT. */
  readonly #walSync?: WalSync;
  readonly #observer: StoreCommitObserver | undefined;
  /** Transaction control runs once per unit: prepared once instead of parsed each time. */
  readonly #control: Record<'begin' | 'savepoint' | 'release' | 'rollbackTo' | 'commit', Database.Statement>;

  constructor(options: SqliteOptions) {
    this.#observer = options.observer;
    this.db = new Database(options.filename);
    this.db.pragma('journal_mode = WAL');
    const offLoopFlush = options.synchronous !== 'normal' && options.filename !== ':memory:';
    // With the off-loop flush, COMMIT only writes the WAL and WalSync makes it durable before any acknowledgement.
    this.db.pragma(`synchronous = ${options.synchronous === 'normal' || offLoopFlush ? 'NORMAL' : 'FULL'}`);
    this.db.pragma('foreign_keys = ON');
    this.db.pragma('busy_timeout = 5000');
    migrate(this.db);
    if (offLoopFlush) this.#walSync = new WalSync(options.filename, options.flushWal);
    this.#tx = new SqliteStoreTx(this.db);
    this.#control = {
      begin: this.db.prepare('BEGIN IMMEDIATE'),
      savepoint: this.db.prepare('SAVEPOINT unit'),
      release: this.db.prepare('RELEASE unit'),
      rollbackTo: this.db.prepare('ROLLBACK TO unit'),
      commit: this.db.prepare('COMMIT'),
    };
    if (options.filename !== ':memory:') {
      this.db.pragma('wal_autocheckpoint = 0');
      this.#checkpointer = new Worker(CHECKPOINTER, {
        eval: true,
        workerData: { driver: createRequire(import.meta.url).resolve('better-sqlite3'), filename: options.filename, everyMs: options.checkpointEveryMs ?? 250 },
      });
      this.#checkpointer.unref();
    }
  }

  atomically<T>(fn: (tx: StoreTx) => Promise<T>): Promise<T> {
    const ran = this.#serialize(async () => {
      if (!this.db.inTransaction) {
        this.#control.begin.run();
        this.#tx.beginSnapshot();
        this.#units = 0;
        this.#began = performance.now();
      }
      this.#units += 1;
      this.#control.savepoint.run();
      this.#tx.hot.beginUnit();
      try {
        const result = await fn(this.#tx);
        this.#control.release.run();
        this.#tx.hot.endUnit();
        return result;
      } catch (err) {
        if (this.db.inTransaction) {
          this.#control.rollbackTo.run();
          this.#control.release.run();
          this.#tx.hot.rollbackUnit();
        } else {
          // SQLite rolled the whole transaction back (e.g. disk full): the units before this one in
          // the group commit are gone too, so their acknowledgements must fail, not resolve.
          this.#tx.hot.clear();
          this.#lost = err;
        }
        throw err;
      }
    });
    // A failed unit rolled back to its savepoint but still sits in the open transaction: it waits for
    // the same end-of-turn commit as the others, or a turn whose units all failed would leave
    // BEGIN IMMEDIATE (and the write lock) open until some later write succeeded (#11).
    return ran.then(
      (result) => this.#committed().then(() => result),
      (err: unknown) => this.#committed().then(() => { throw err; }, () => { throw err; }),
    );
  }

  /** Resolves when the open transaction (holding every unit run so far) has committed. */
  #committed(): Promise<void> {
    this.#pendingCommit ??= new Promise<void>((resolve, reject) => {
      setImmediate(() => {
        // NOTE: while a WAL flush runs, the COMMIT waits for it and the units of the turns meanwhile
        // join this transaction. A commit made during the flush could not be acknowledged by it
        // anyway (WalSync needs a flush that began after it), so nobody waits longer, and a burst
        // costs one COMMIT (one WAL write of each page it touched) instead of one per turn (#16).
        const flushing = this.#walSync?.flushing();
        if (flushing) void flushing.then(() => this.#commitGroup()).then(resolve, reject);
        else this.#commitGroup().then(resolve, reject);
      });
    });
    return this.#pendingCommit;
  }

  /** COMMITs the open transaction (every unit run so far) and resolves once it is durable. */
  #commitGroup(): Promise<void> {
    return this.#serialize(async () => {
      this.#pendingCommit = null;
      const lost = this.#lost;
      this.#lost = undefined;
      if (lost !== undefined) {
        // Units that ran after the loss began a new transaction in this same group: all fail together.
        if (this.db.inTransaction) this.db.exec('ROLLBACK');
        this.#tx.hot.clear();
        throw new Error('the transaction was rolled back by SQLite', { cause: lost });
      }
      if (!this.db.inTransaction) return undefined;
      try {
        this.#control.commit.run();
        return { began: this.#began, units: this.#units };
      } catch (err) {
        if (this.db.inTransaction) this.db.exec('ROLLBACK');
        this.#tx.hot.clear();
        throw err;
      }
    }).then(async (commit) => {
      await this.#walSync?.durable();
      if (commit) this.#observer?.committed({ durationMs: performance.now() - commit.began, units: commit.units });
    });
  }

  read<T>(fn: (tx: StoreTx) => Promise<T>): Promise<T> {
    return this.#serialize(() => {
      this.#tx.beginSnapshot();
      return fn(this.#tx);
    });
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    await this.#pendingCommit?.catch(() => undefined);
    this.#closed = true;
    await this.#queue.catch(() => undefined);
    if (this.db.inTransaction) this.db.exec('COMMIT');
    await this.#walSync?.close();
    if (this.#checkpointer) {
      const exited = new Promise((resolve) => this.#checkpointer!.once('exit', resolve));
      // Unref'd while serving; held now so a process that is only closing waits for the last checkpoint.
      this.#checkpointer.ref();
      this.#checkpointer.postMessage('stop');
      await exited;
    }
    this.db.close();
  }

  #serialize<T>(fn: () => Promise<T>): Promise<T> {
    if (this.#closed) return Promise.reject(new Error('store is closed'));
    const run = this.#queue.then(fn, fn);
    this.#queue = run.catch(ignore);
    return run;
  }
}

/** The queue goes on after a failed unit (its caller hears of the failure). One function for every unit (#16). */
const ignore = (): undefined => undefined;

export function migrate(db: Database.Database): void {
  const current = db.pragma('user_version', { simple: true }) as number;
  for (let v = current; v < MIGRATIONS.length; v++) {
    db.transaction(() => {
      db.exec(MIGRATIONS[v]!);
      db.pragma(`user_version = ${v + 1}`);
    })();
  }
}
