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

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'node',
          environment: 'node',
          include: ['src/protocol/**/*.test.ts', 'src/rtm/**/*.test.ts', 'src/server/**/*.test.ts', 'examples/**/*.test.ts'],
          testTimeout: 20_000,
          hookTimeout: 20_000,
          // A real redis-server for the run (RedisFanOut, presence, timers, two-node tests).
          globalSetup: ['src/testing/services/redis.ts'],
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
