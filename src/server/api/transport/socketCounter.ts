/**
 * Open sockets per key (a client address), refusing past `max`. Only keys with at least one open
 * socket are kept, so the map is bounded by the number of open sockets.
 */
export class SocketCounter {
  readonly #open = new Map<string, number>();

  constructor(readonly max: number) {}

  /** Counts one more socket for `key`, or returns false when it already has `max`. */
  tryAcquire(key: string): boolean {
    const n = this.#open.get(key) ?? 0;
    if (n >= this.max) return false;
    this.#open.set(key, n + 1);
    return true;
  }

  release(key: string): void {
    const n = this.#open.get(key) ?? 0;
    if (n <= 1) this.#open.delete(key);
    else this.#open.set(key, n - 1);
  }

  get keys(): number {
    return this.#open.size;
  }
}
