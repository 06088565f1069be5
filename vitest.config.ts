import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
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
