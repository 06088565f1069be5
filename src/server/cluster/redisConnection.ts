import { Redis } from 'ioredis';

export interface RedisOptions {
  url: string;
  /** Prepended to every key and channel, so that several deployments (or test runs) share one Redis. */
  prefix: string;
}

/**
 * An ioredis connection that reconnects forever with a capped backoff and, while Redis is away,
 * queues commands instead of failing them: a push published during a Redis restart is sent when
 * it is back rather than lost or turned into an error for an already committed action.
 */
export function openRedis(url: string, name: string, options: { autoPipelining?: boolean } = {}): Redis {
  const redis = new Redis(url, {
    connectionName: name,
    // Commands issued in one turn of the event loop leave in one write (pushes of a batch's units).
    enableAutoPipelining: options.autoPipelining ?? false,
    lazyConnect: false,
    maxRetriesPerRequest: null,
    enableOfflineQueue: true,
    retryStrategy: (attempt) => Math.min(50 * attempt, 1000),
  });
  // Connection errors while Redis is away are expected; ioredis retries and reports them here.
  redis.on('error', () => undefined);
  return redis;
}

/** Waits until the connection is ready (or fails on a wrong URL instead of retrying silently). */
export async function ready(redis: Redis): Promise<void> {
  if (redis.status === 'ready') return;
  await new Promise<void>((resolve, reject) => {
    const onReady = () => { redis.off('error', onError); resolve(); };
    const onError = (err: Error) => { redis.off('ready', onReady); reject(new Error(`Redis at ${redis.options.host}:${redis.options.port} is unreachable: ${err.message}`, { cause: err })); };
    redis.once('ready', onReady);
    redis.once('error', onError);
  });
}

/** Closes a connection politely when it is up, at once when it is not; safe to call twice. */
export async function closeRedis(redis: Redis): Promise<void> {
  if (redis.status === 'end') return;
  if (redis.status === 'ready') {
    await redis.quit().catch(() => redis.disconnect());
  } else {
    redis.disconnect();
  }
}
