import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildApp } from './app.js';
import { loadConfig, REDIS_DEFAULTS, type Config } from './config.js';

describe('loadConfig()', () => {
  describe('DATABASE_URL (#12)', () => {
    it('selects the PostgreSQL store for a postgres:// or postgresql:// URL', () => {
      expect(loadConfig({ DATABASE_URL: 'postgres://u@db/switchboard' })).toMatchObject({ storage: 'postgres', databaseUrl: 'postgres://u@db/switchboard' });
      expect(loadConfig({ DATABASE_URL: 'postgresql://u@db/switchboard' }).storage).toBe('postgres');
      expect(loadConfig({}).storage).toBe('sqlite');
    });

    it('refuses any other URL with a message naming the variable', () => {
      expect(() => loadConfig({ DATABASE_URL: 'mysql://u@db/switchboard' })).toThrow(/DATABASE_URL/);
    });
  });

  describe('REDIS_URL (#12)', () => {
    it('selects the Redis fan-out, presence and timers, with the default prefix', () => {
      const config = loadConfig({ REDIS_URL: 'redis://10.0.0.5:6379/2' });
      expect(config.fanOut).toBe('redis');
      expect(config.redis).toEqual({ url: 'redis://10.0.0.5:6379/2', prefix: 'switchboard:', ...REDIS_DEFAULTS });
    });

    it('takes REDIS_PREFIX', () => {
      expect(loadConfig({ REDIS_URL: 'rediss://cache.example:6380', REDIS_PREFIX: 'shop1:' }).redis?.prefix).toBe('shop1:');
    });

    it('keeps the in-process fan-out without it', () => {
      const config = loadConfig({});
      expect(config.fanOut).toBe('memory');
      expect(config.redis).toBeUndefined();
    });

    it('takes PRESENCE_TTL_MS and PRESENCE_HEARTBEAT_MS, and refuses a heartbeat too slow for the TTL', () => {
      expect(loadConfig({ REDIS_URL: 'redis://r', PRESENCE_TTL_MS: '600', PRESENCE_HEARTBEAT_MS: '150' }).redis).toMatchObject({ presenceTtlMs: 600, presenceHeartbeatMs: 150 });
      expect(() => loadConfig({ REDIS_URL: 'redis://r', PRESENCE_TTL_MS: '600', PRESENCE_HEARTBEAT_MS: '400' })).toThrow(/at most half of PRESENCE_TTL_MS/);
    });

    it('refuses a value that is not a redis:// or rediss:// URL', () => {
      expect(() => loadConfig({ REDIS_URL: 'localhost:6379' })).toThrow(/REDIS_URL must be a redis:\/\/ or rediss:\/\/ URL/);
    });
  });

  describe('METRICS_LOOP_RESOLUTION_MS (#16)', () => {
    it('samples the event-loop delay every 10 ms unless told, and takes 1 to 1000', () => {
      expect(loadConfig({}).metrics.eventLoopResolutionMs).toBe(10);
      expect(loadConfig({ METRICS: 'on', METRICS_LOOP_RESOLUTION_MS: '1' }).metrics.eventLoopResolutionMs).toBe(1);
    });

    it('refuses 0, values over 1000 and non-integers with a message naming the variable', () => {
      for (const v of ['0', '1001', '2.5', 'fast']) expect(() => loadConfig({ METRICS_LOOP_RESOLUTION_MS: v })).toThrow(/METRICS_LOOP_RESOLUTION_MS/);
    });
  });

  describe('IDLE_HEAP_RELEASE_SECONDS (#16)', () => {
    it('gives the young generation back after 8 idle seconds unless told, and takes 0 (off) or 7 and more', () => {
      expect(loadConfig({}).idleHeapReleaseSeconds).toBe(8);
      expect(loadConfig({ IDLE_HEAP_RELEASE_SECONDS: '0' }).idleHeapReleaseSeconds).toBe(0);
      expect(loadConfig({ IDLE_HEAP_RELEASE_SECONDS: '60' }).idleHeapReleaseSeconds).toBe(60);
    });

    it('refuses idle stretches too short for V8 to see and non-integers with a message naming the variable', () => {
      for (const v of ['1', '6', '-1', 'soon']) expect(() => loadConfig({ IDLE_HEAP_RELEASE_SECONDS: v })).toThrow(/IDLE_HEAP_RELEASE_SECONDS/);
    });
  });
});

describe('buildApp()', () => {
  const withDir = async (overrides: Partial<Config>, check: (build: Promise<unknown>) => Promise<void>) => {
      const dir = mkdtempSync(join(tmpdir(), 'switchboard-config-'));
      try {
        await check(buildApp({ ...loadConfig({ DATA_DIR: dir, LOG_LEVEL: 'silent' }), ...overrides }));
      } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  };

  describe('storage choice', () => {
    it('throws on a storage it does not know', async () => {
      await withDir({ storage: 'mongo' as never }, (build) => expect(build).rejects.toThrow('Unknown storage mongo'));
    });
  });

  describe('fan-out choice', () => {
    it('throws on an unknown fan-out', async () => {
      await withDir({ fanOut: 'kafka' as never }, (build) => expect(build).rejects.toThrow('Unknown fan-out kafka'));
    });

    it('fails the start with a clear error when Redis cannot be reached', async () => {
      const redis = { url: 'redis://127.0.0.1:1', prefix: 'x:', ...REDIS_DEFAULTS };
      await withDir({ fanOut: 'redis', redis }, (build) => expect(build).rejects.toThrow(/Redis at 127\.0\.0\.1:1 is unreachable/));
    });
  });
});
