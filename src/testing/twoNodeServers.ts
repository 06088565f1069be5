import { randomUUID } from 'node:crypto';
import { inject } from 'vitest';
import { REDIS_DEFAULTS, type Config, type RedisConfig } from '../server/config.js';
import { createDatabase } from './services/postgres.js';
import { startTestServer, type TestServer } from './testServer.js';

export interface TwoNodes {
  a: TestServer;
  b: TestServer;
  /** Closes both servers and drops their database. */
  close(): Promise<void>;
}

/**
 * Two in-process servers (two nodes) started at the same moment on one new PostgreSQL database of
 * the run's server; with `redis`, also on one Redis under a fresh key prefix (shared pushes,
 * presence and timers), its settings overriding REDIS_DEFAULTS. `a` and `b` add per-node overrides.
 */
export async function startTwoNodes(opts: { common?: Partial<Config>; redis?: Partial<RedisConfig>; a?: Partial<Config>; b?: Partial<Config> } = {}): Promise<TwoNodes> {
  const db = await createDatabase(inject('postgresAdminUrl'));
  const shared = { url: db.url, drop: async () => undefined };
  const redis: Partial<Config> = opts.redis
    ? { fanOut: 'redis', redis: { url: inject('redisUrl'), prefix: `test:${randomUUID()}:`, ...REDIS_DEFAULTS, ...opts.redis } }
    : {};
  const [a, b] = await Promise.all([opts.a, opts.b].map((own) => startTestServer({ ...opts.common, ...redis, ...own }, undefined, 0, shared)));
  return {
    a: a!, b: b!,
    async close() {
      await Promise.all([a!.close(), b!.close()]);
      await db.drop();
    },
  };
}
