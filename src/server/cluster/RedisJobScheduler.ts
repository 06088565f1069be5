import type { Redis } from 'ioredis';
import type { JobScheduler } from '../domain/ports.js';
import { closeRedis, openRedis, ready, type RedisOptions } from './redisConnection.js';
import { runScript } from './redisScripts.js';

export interface RedisJobSchedulerOptions extends RedisOptions {
  /** How often each node looks for due jobs. */
  pollMs: number;
  /** A claimed job not finished within this time (its node died) becomes due again. */
  leaseMs: number;
  /** Delay before a job whose handler threw runs again. */
  retryMs: number;
}

/**
 * Durable one-shot timers in a Redis sorted set scored by due time. Every node polls; a script
 * atomically moves due jobs to a claimed set with a lease, so one node runs each, and a job whose
 * node died mid-run is run again once its lease ends. Due times use Redis's clock.
 */
export class RedisJobScheduler implements JobScheduler {
  readonly #handlers = new Map<string, (argument: string) => Promise<void>>();
  readonly #timer: NodeJS.Timeout;
  readonly #running = new Set<Promise<void>>();
  #polling = false;
  #closed = false;

  private constructor(private readonly redis: Redis, private readonly options: RedisJobSchedulerOptions) {
    this.#timer = setInterval(() => void this.poll(), options.pollMs);
    this.#timer.unref();
  }

  static async connect(options: RedisJobSchedulerOptions): Promise<RedisJobScheduler> {
    const redis = openRedis(options.url, 'switchboard-jobs');
    try {
      await ready(redis);
    } catch (err) {
      redis.disconnect();
      throw err;
    }
    return new RedisJobScheduler(redis, options);
  }

  async schedule(key: string, delayMs: number): Promise<void> {
    await runScript(this.redis, 'jobSchedule', [this.options.prefix, key, Math.max(0, Math.round(delayMs))]);
  }

  async cancel(key: string): Promise<void> {
    await this.redis.zrem(`${this.options.prefix}jobs`, key);
  }

  handle(kind: string, handler: (argument: string) => Promise<void>): () => void {
    this.#handlers.set(kind, handler);
    return () => this.#handlers.delete(kind);
  }

  /** Claims and runs due jobs of the kinds handled here. Runs on its own timer. */
  async poll(): Promise<void> {
    if (this.#polling || this.#closed || this.#handlers.size === 0) return;
    this.#polling = true;
    try {
      const keys = await runScript<string[]>(this.redis, 'jobClaim', [this.options.prefix, 100, this.options.leaseMs, ...this.#handlers.keys()]);
      for (const key of keys) {
        const run = this.#run(key).finally(() => this.#running.delete(run));
        this.#running.add(run);
      }
    } catch {
      // Redis away: the next poll retries.
    } finally {
      this.#polling = false;
    }
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    clearInterval(this.#timer);
    await Promise.allSettled([...this.#running]);
    await closeRedis(this.redis);
  }

  async #run(key: string): Promise<void> {
    const i = key.indexOf(':');
    const handler = this.#handlers.get(i < 0 ? key : key.slice(0, i));
    let retry = -1;
    try {
      if (handler) await handler(i < 0 ? '' : key.slice(i + 1));
    } catch {
      retry = this.options.retryMs;
    }
    await runScript(this.redis, 'jobFinish', [this.options.prefix, key, retry]).catch(() => undefined);
  }
}
