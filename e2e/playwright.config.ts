import { defineConfig } from '@playwright/test';
import { CHROMIUM } from './support/chromium.js';

/**
 * End-to-end suite (`npm run e2e`). Each spec file starts its own real server (SQLite in a temp
 * folder, a free loopback port) through `startTestServer`. The browser is always Debian's
 * /usr/bin/chromium; `npx playwright install` is never needed.
 */
export default defineConfig({
  testDir: '.',
  testMatch: '**/*.spec.ts',
  // The screenshot generator rewrites docs/screenshots/; it runs only when asked for.
  testIgnore: process.env.SCREENSHOTS ? [] : ['**/screenshots.spec.ts', '**/console-screenshots.spec.ts'],
  timeout: 120_000,
  expect: { timeout: 10_000 },
  workers: 2,
  fullyParallel: false,
  reporter: [['list']],
  outputDir: '../test-results',
  use: {
    browserName: 'chromium',
    headless: true,
    launchOptions: CHROMIUM,
    viewport: { width: 1280, height: 800 },
    trace: 'retain-on-failure',
  },
});
