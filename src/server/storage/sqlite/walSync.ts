import { closeSync, fdatasync, fdatasyncSync, fsyncSync, openSync } from 'node:fs';
import { dirname } from 'node:path';

type Sync = (fd: number, done: (err: NodeJS.ErrnoException | null) => void) => void;

/** A caller of durable(), numbered in the order of the calls. */
interface Waiter { call: number; resolve: () => void; reject: (err: unknown) => void }

/**
 * Makes committed WAL frames durable off the event loop. With `synchronous = FULL` SQLite calls
 * fdatasync on the WAL inside COMMIT, and better-sqlite3 runs COMMIT on the main thread: every
 * group commit stalled the event loop for a disk flush. Instead the connection commits with
 * `synchronous = NORMAL` (WAL frames written, not flushed) and this flushes the same file from
 * libuv's thread pool; a commit is acknowledged only when a flush that began after it has
 * finished. fdatasync flushes the file, not a descriptor, so it covers what SQLite wrote.
 *
 * NOTE: a commit made while a flush runs waits for that flush's end and then a whole flush more,
 * unless the running flush is slow: once it has run `hedgeAfterMs`, a second flush starts beside
 * it (#16). At 2,000 msg/s most commits found a flush running, and a slow flush (the disk's tail:
 * docs/operations.md, "Durability latency") held every answer behind it. Waiting for a flush that
 * ends in time keeps the batching: the commits of the turns meanwhile share one COMMIT and one flush.
 * Callers are answered in the order they called, whichever flush ends first: a flush that ends
 * covers every call made before it began. While every slot is busy, the calls made meanwhile share
 * the flush that starts when one ends.
 */
export class WalSync {
  readonly #fd: number;
  /** When each running flush began (performance.now()), oldest first. */
  readonly #startedAt: number[] = [];
  /** Calls made so far; a flush covers the calls made before it began. */
  #calls = 0;
  readonly #waiting: Waiter[] = [];
  /** A call found every slot busy: a flush starts as soon as one ends. */
  #due = false;
  /** Settles when the next flush ends; made when someone waits for that. */
  #ended: { promise: Promise<void>; resolve: () => void } | null = null;

  constructor(
    databaseFile: string,
    private readonly flush: Sync = fdatasync,
    private readonly hedgeAfterMs = 1,
    private readonly maxFlushes = 2,
  ) {
    this.#fd = openSync(`${databaseFile}-wal`, 'r');
    // The WAL file was created at open: its directory entry must survive power loss too.
    const dir = openSync(dirname(databaseFile), 'r');
    try { fsyncSync(dir); } finally { closeSync(dir); }
  }

  /** Resolves once everything written to the WAL before this call is on disk. */
  durable(): Promise<void> {
    const call = ++this.#calls;
    const answered = new Promise<void>((resolve, reject) => this.#waiting.push({ call, resolve, reject }));
    if (this.#startedAt.length < this.maxFlushes) this.#start();
    else this.#due = true;
    return answered;
  }

  /**
   * When a commit should be made and its flush started: undefined for now (no flush runs, or the
   * youngest has run `hedgeAfterMs` and a slot is free), else a promise that settles at the first
   * flush's end or when the youngest becomes slow.
   */
  nextFlushSlot(): Promise<void> | undefined {
    const running = this.#startedAt.length;
    if (running === 0) return undefined;
    if (running >= this.maxFlushes) return this.#nextEnd();
    const slowIn = this.#startedAt[running - 1]! + this.hedgeAfterMs - performance.now();
    if (slowIn <= 0) return undefined;
    const ended = this.#nextEnd();
    return new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, slowIn);
      void ended.then(() => { clearTimeout(timer); resolve(); });
    });
  }

  /** Waits for the flushes under way, flushes what the last commit wrote, and closes the file. */
  async close(): Promise<void> {
    while (this.#startedAt.length > 0) await this.#nextEnd();
    fdatasyncSync(this.#fd);
    closeSync(this.#fd);
  }

  #nextEnd(): Promise<void> {
    if (!this.#ended) {
      let resolve!: () => void;
      const promise = new Promise<void>((r) => { resolve = r; });
      this.#ended = { promise, resolve };
    }
    return this.#ended.promise;
  }

  #start(): void {
    const covers = this.#calls;
    const startedAt = performance.now();
    this.#startedAt.push(startedAt);
    this.flush(this.#fd, (err) => {
      this.#startedAt.splice(this.#startedAt.indexOf(startedAt), 1);
      // The next flush is under way before the CPU turns to the callers this one answers.
      if (this.#due) {
        this.#due = false;
        this.#start();
      }
      this.#answer(covers, err);
      const ended = this.#ended;
      this.#ended = null;
      ended?.resolve();
    });
  }

  /**
   * Answers, in call order, the calls made before a flush that ended began. A failed flush fails
   * them all, also those a later flush still running may cover: after a failed fdatasync nothing
   * says what reached the disk.
   */
  #answer(covers: number, err: NodeJS.ErrnoException | null): void {
    let n = 0;
    while (n < this.#waiting.length && this.#waiting[n]!.call <= covers) n++;
    for (const waiter of this.#waiting.splice(0, n)) {
      if (err) waiter.reject(err);
      else waiter.resolve();
    }
  }
}
