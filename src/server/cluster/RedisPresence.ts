import type { Redis } from 'ioredis';
import type { Presence } from '../domain/ports.js';
import { closeRedis, openRedis, ready, type RedisOptions } from './redisConnection.js';
import { runScript } from './redisScripts.js';

export interface RedisPresenceOptions extends RedisOptions {
  /** This node's id, unique in the cluster (a fresh one per start). */
  nodeId: string;
  /** How long a node's entries outlive its last heartbeat. */
  ttlMs: number;
  /** Heartbeat period (refresh own entries, reap expired ones); well below `ttlMs`. */
  heartbeatMs: number;
}

/**
 * Presence in Redis sorted sets scored by expiry (scripts in redisScripts.ts). The node keeps its
 * own connection counts in memory and refreshes their entries every heartbeat, which also reaps
 * entries that expired (a dead node's) and reports users left with none through `onLost`.
 *
 * NOTE: a node whose event loop stalls longer than the TTL has its users reaped as lost; its next
 * heartbeat writes them back, so presence heals, but the routing status set by the loss stays.
 */
export class RedisPresence implements Presence {
  readonly #counts = new Map<string, number>();
  readonly #lostHandlers = new Set<(licenseId: number, userId: string, silentForMs: number) => void>();
  readonly #timer: NodeJS.Timeout;
  #beating = false;
  #closed = false;

  private constructor(private readonly redis: Redis, private readonly options: RedisPresenceOptions) {
    this.#timer = setInterval(() => void this.heartbeat(), options.heartbeatMs);
    this.#timer.unref();
  }

  static async connect(options: RedisPresenceOptions): Promise<RedisPresence> {
    const redis = openRedis(options.url, `switchboard-presence-${options.nodeId}`);
    try {
      await ready(redis);
    } catch (err) {
      redis.disconnect();
      throw err;
    }
    return new RedisPresence(redis, options);
  }

  async connectionOpened(licenseId: number, userId: string): Promise<void> {
    const key = `${licenseId}\n${userId}`;
    this.#counts.set(key, (this.#counts.get(key) ?? 0) + 1);
    await this.#run('presenceRefresh', [this.options.nodeId, this.options.ttlMs, licenseId, userId]);
  }

  async connectionClosed(licenseId: number, userId: string): Promise<boolean> {
    const key = `${licenseId}\n${userId}`;
    const left = (this.#counts.get(key) ?? 0) - 1;
    if (left > 0) {
      this.#counts.set(key, left);
      return false;
    }
    this.#counts.delete(key);
    return (await this.#run<number>('presenceRemove', [licenseId, userId, this.options.nodeId])) === 1;
  }

  async isConnected(licenseId: number, userId: string): Promise<boolean> {
    return (await this.#run<number>('presenceCount', [licenseId, userId])) > 0;
  }

  async connectedUsers(licenseId: number): Promise<string[]> {
    const entries = await this.#run<string[]>('presenceList', [licenseId]);
    return [...new Set(entries.map((e) => e.slice(0, e.lastIndexOf('\n'))))];
  }

  onLost(handler: (licenseId: number, userId: string, silentForMs: number) => void): () => void {
    this.#lostHandlers.add(handler);
    return () => this.#lostHandlers.delete(handler);
  }

  /** One heartbeat: refresh this node's entries, then reap expired ones. Runs on its own timer. */
  async heartbeat(): Promise<void> {
    if (this.#beating || this.#closed) return;
    this.#beating = true;
    try {
      const pairs = [...this.#counts.keys()].flatMap((k) => k.split('\n'));
      if (pairs.length > 0) await this.#run('presenceRefresh', [this.options.nodeId, this.options.ttlMs, ...pairs]);
      const lost = await this.#run<string[]>('presenceReap', [500, this.options.ttlMs]);
      for (let i = 0; i + 2 < lost.length; i += 3) {
        for (const handler of this.#lostHandlers) handler(Number(lost[i]), lost[i + 1]!, Number(lost[i + 2]));
      }
    } catch {
      // Redis away: the next beat retries; entries written back then.
    } finally {
      this.#beating = false;
    }
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    clearInterval(this.#timer);
    this.#lostHandlers.clear();
    await closeRedis(this.redis);
  }

  #run<T = unknown>(name: Parameters<typeof runScript>[1], args: (string | number)[]): Promise<T> {
    return runScript<T>(this.redis, name, [this.options.prefix, ...args]);
  }
}
