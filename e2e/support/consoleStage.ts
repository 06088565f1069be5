import { test, type Browser } from '@playwright/test';
import { chromium } from 'playwright-core';
import { startGreeterBot, type GreeterBot } from '../../examples/greeter-bot/greeterBot.js';
import { startTestServer, type TestServer } from '../../src/testing/testServer.js';
import { CHROMIUM } from './chromium.js';
import { ensureConsoleBuilt } from './console.js';

/** What a console spec file runs against: a real server, the greeter bot signed in as the owner, one Chromium. */
export interface ConsoleStage {
  server: TestServer;
  bot: GreeterBot;
  browser: Browser;
}

/**
 * Registers the spec file's beforeAll/afterAll that start and stop its stage. The returned object
 * is filled in by beforeAll, so read its fields inside tests, not at the top of the file.
 * @example
 * const stage = useConsoleStage();
 * test('…', async () => { const { server, browser } = stage; … });
 */
export function useConsoleStage(): ConsoleStage {
  const stage = {} as ConsoleStage;
  test.beforeAll(async () => {
    ensureConsoleBuilt();
    stage.server = await startTestServer();
    const { owner } = stage.server.credentials;
    stage.bot = await startGreeterBot({ apiUrl: stage.server.url, agentId: owner.id, personalAccessToken: owner.personal_access_token });
    stage.browser = await chromium.launch(CHROMIUM);
  });
  test.afterAll(async () => {
    await stage.browser?.close();
    await stage.bot?.stop();
    await stage.server?.close();
  });
  return stage;
}
