/** Token bucket: `burst` requests at once, refilled at `perSecond`. */
export class TokenBucket {
  #tokens: number;
  #last: number;

  constructor(private readonly perSecond: number, private readonly burst: number, private readonly now: () => number = () => performance.now()) {
    this.#tokens = burst;
    this.#last = now();
  }

  take(): boolean {
    const t = this.now();
    this.#tokens = Math.min(this.burst, this.#tokens + ((t - this.#last) / 1000) * this.perSecond);
    this.#last = t;
    if (this.#tokens < 1) return false;
    this.#tokens -= 1;
    return true;
  }
}

/** Buckets per key (a token or address), dropping idle ones so the map stays small. */
export class KeyedRateLimiter {
  readonly #buckets = new Map<string, { bucket: TokenBucket; seen: number }>();

  constructor(private readonly perSecond: number, private readonly burst: number) {}

  take(key: string): boolean {
    const now = performance.now();
    let entry = this.#buckets.get(key);
    if (!entry) {
      if (this.#buckets.size > 10_000) this.#sweep(now);
      entry = { bucket: new TokenBucket(this.perSecond, this.burst), seen: now };
      this.#buckets.set(key, entry);
    }
    entry.seen = now;
    return entry.bucket.take();
  }

  #sweep(now: number): void {
    for (const [k, v] of this.#buckets) if (now - v.seen > 60_000) this.#buckets.delete(k);
  }
}
