import { closeSync, fdatasync, fdatasyncSync, fsyncSync, openSync } from 'node:fs';
import { dirname } from 'node:path';

type Sync = (fd: number, done: (err: NodeJS.ErrnoException | null) => void) => void;

/**
 * Makes committed WAL frames durable off the event loop. With `synchronous = FULL` SQLite calls
 * fdatasync on the WAL inside COMMIT, and better-sqlite3 runs COMMIT on the main thread: every
 * group commit stalled the event loop for a disk flush. Instead the connection commits with
 * `synchronous = NORMAL` (WAL frames written, not flushed) and this flushes the same file from
 * libuv's thread pool; a commit is acknowledged only when a flush that began after it has
 * finished. fdatasync flushes the file, not a descriptor, so it covers what SQLite wrote.
 *
 * Flushes never overlap: commits that arrive while one runs share the next one.
 */
export class WalSync {
  readonly #fd: number;
  #running: Promise<void> | null = null;
  #queued: Promise<void> | null = null;

  constructor(databaseFile: string, private readonly flush: Sync = fdatasync) {
    this.#fd = openSync(`${databaseFile}-wal`, 'r');
    // The WAL file was created at open: its directory entry must survive power loss too.
    const dir = openSync(dirname(databaseFile), 'r');
    try { fsyncSync(dir); } finally { closeSync(dir); }
  }

  /** Resolves once everything written to the WAL before this call is on disk. */
  durable(): Promise<void> {
    if (this.#running === null) return this.#start();
    // The running flush may have begun before the caller's commit: it needs the next one.
    this.#queued ??= this.#running.then(noop, noop).then(() => {
      this.#queued = null;
      return this.#start();
    });
    return this.#queued;
  }

  /** Settles when the flush under way (if any) has finished, successfully or not; undefined when none runs. */
  flushing(): Promise<void> | undefined {
    return this.#running?.then(noop, noop);
  }

  /** Waits for the flushes under way, flushes what the last commit wrote, and closes the file. */
  async close(): Promise<void> {
    await (this.#queued ?? this.#running)?.catch(noop);
    fdatasyncSync(this.#fd);
    closeSync(this.#fd);
  }

  #start(): Promise<void> {
    const run = new Promise<void>((resolve, reject) => this.flush(this.#fd, (err) => (err ? reject(err) : resolve())));
    this.#running = run;
    const clear = () => { if (this.#running === run) this.#running = null; };
    run.then(clear, clear);
    return run;
  }
}

const noop = () => undefined;
