import { defineConfig } from 'vitest/config';

/**
 * One throwaway PostgreSQL server and one redis-server for the whole run, shared by every project:
 * tests get their addresses by `inject('postgresAdminUrl')` and `inject('redisUrl')`.
 */
const services = ['src/testing/services/postgresGlobalSetup.ts', 'src/testing/services/redis.ts'];

export default defineConfig({
  test: {
    globalSetup: services,
    projects: [
      {
        test: {
          name: 'node',
          environment: 'node',
          include: ['src/protocol/**/*.test.ts', 'src/rtm/**/*.test.ts', 'src/chat/**/*.test.ts', 'src/server/**/*.test.ts', 'examples/**/*.test.ts', 'scripts/**/*.test.ts'],
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
          include: ['src/ui/**/*.test.{ts,tsx}', 'src/widget/**/*.test.{ts,tsx}', 'src/embed/**/*.test.ts', 'src/console/**/*.test.{ts,tsx}'],
          testTimeout: 20_000,
        },
      },
    ],
  },
});
