/**
 * A periodic walk over every connection that never holds the event loop for the whole set: each
 * period it snapshots the set and visits `perTurn` items per turn of the loop (`setImmediate`
 * between slices), so requests, commits and pushes run between slices.
 *
 * NOTE (#16): a ping is one socket write (~15–25 µs of CPU); walking 1,050 sockets in one turn stalled
 * the loop for 15–25 ms every heartbeat, 10,500 sockets for 50–200 ms.
 */
export class SlicedSweep<T> {
  readonly #interval: NodeJS.Timeout;
  #slice: NodeJS.Immediate | undefined;
  #closed = false;

  constructor(
    private readonly items: () => Iterable<T>,
    private readonly visit: (item: T, startedAt: number) => void,
    everyMs: number,
    private readonly perTurn = 64,
  ) {
    this.#interval = setInterval(() => this.#start(), everyMs);
    this.#interval.unref();
  }

  /** Whether a sweep is still between slices. */
  get running(): boolean {
    return this.#slice !== undefined;
  }

  /** Stops the timer and any sweep under way; idempotent. */
  close(): void {
    this.#closed = true;
    clearInterval(this.#interval);
    if (this.#slice) clearImmediate(this.#slice);
    this.#slice = undefined;
  }

  #start(): void {
    // A sweep that has not finished within a period (a very large set) is not started twice.
    if (this.#closed || this.#slice) return;
    const all = [...this.items()];
    const startedAt = Date.now();
    let next = 0;
    const step = () => {
      this.#slice = undefined;
      if (this.#closed) return;
      const end = Math.min(all.length, next + this.perTurn);
      for (; next < end; next++) this.visit(all[next]!, startedAt);
      if (next < all.length) this.#slice = setImmediate(step);
    };
    step();
  }
}
