import { LRUCache } from 'lru-cache';

const monotonicNow = () => performance.now();

/** Token bucket: `burst` requests at once, refilled at `perSecond`. */
export class TokenBucket {
  #tokens: number;
  #last: number;

  constructor(private readonly perSecond: number, private readonly burst: number, private readonly now: () => number = monotonicNow) {
    this.#tokens = burst;
    this.#last = now();
  }

  take(): boolean {
    if (this.empty()) return false;
    this.#tokens -= 1;
    return true;
  }

  /** Whether the next take() would fail (refills first). */
  empty(): boolean {
    const t = this.now();
    this.#tokens = Math.min(this.burst, this.#tokens + ((t - this.#last) / 1000) * this.perSecond);
    this.#last = t;
    return this.#tokens < 1;
  }
}

/** How many keys a limiter remembers by default: about 100 bytes each. */
export const DEFAULT_MAX_RATE_KEYS = 50_000;

/**
 * Buckets per key (an identity or a client address). The least recently used key is dropped past
 * `maxKeys`, so memory stays bounded whatever keys strangers make up; a dropped key starts again
 * with a full bucket.
 */
export class KeyedRateLimiter {
  readonly #buckets: LRUCache<string, TokenBucket>;

  constructor(private readonly perSecond: number, private readonly burst: number, maxKeys = DEFAULT_MAX_RATE_KEYS) {
    this.#buckets = new LRUCache({ max: maxKeys });
  }

  take(key: string): boolean {
    return this.#bucket(key).take();
  }

  /** Whether `key` has nothing left, without spending anything. */
  exhausted(key: string): boolean {
    return this.#buckets.get(key)?.empty() ?? false;
  }

  /** Keys remembered now. */
  get size(): number {
    return this.#buckets.size;
  }

  #bucket(key: string): TokenBucket {
    let bucket = this.#buckets.get(key);
    if (!bucket) {
      bucket = new TokenBucket(this.perSecond, this.burst);
      this.#buckets.set(key, bucket);
    }
    return bucket;
  }
}
