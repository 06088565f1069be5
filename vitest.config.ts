import { defineConfig } from 'vitest/config';

// Vitest 5's reporter calls Map.groupBy, which Node 20 lacks (it arrived in Node 21).
if (typeof (Map as { groupBy?: unknown }).groupBy !== 'function') {
  Object.defineProperty(Map, 'groupBy', {
    value<K, T>(items: Iterable<T>, key: (item: T, i: number) => K): Map<K, T[]> {
      const out = new Map<K, T[]>();
      let i = 0;
      for (const item of items) {
        const k = key(item, i++);
        const list = out.get(k);
        if (list) list.push(item);
        else out.set(k, [item]);
      }
      return out;
    },
  });
}

/** One throwaway PostgreSQL server for the run (src/testing/services/postgres.ts). */
const postgres = 'src/testing/services/postgresGlobalSetup.ts';

export default defineConfig({
  test: {
    globalSetup: [postgres],
    projects: [
      {
        test: {
          name: 'node',
          environment: 'node',
          include: ['src/protocol/**/*.test.ts', 'src/rtm/**/*.test.ts', 'src/server/**/*.test.ts', 'examples/**/*.test.ts'],
          testTimeout: 20_000,
          hookTimeout: 20_000,
        },
      },
      {
        // The server's integration tests again, every test server on its own PostgreSQL database.
        test: {
          name: 'node-pg',
          environment: 'node',
          include: ['src/server/api/**/*.test.ts', 'src/rtm/*.integration.test.ts', 'src/server/webhooks/*.test.ts'],
          env: { SWITCHBOARD_TEST_STORAGE: 'postgres' },
          testTimeout: 20_000,
          hookTimeout: 20_000,
        },
      },
      {
        test: {
          name: 'widget',
          environment: 'jsdom',
          include: ['src/widget/**/*.test.{ts,tsx}', 'src/embed/**/*.test.ts', 'src/console/**/*.test.{ts,tsx}'],
          testTimeout: 20_000,
        },
      },
    ],
  },
});
