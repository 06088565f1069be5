import { test, type Browser } from '@playwright/test';
import { chromium } from 'playwright-core';
import { startGreeterBot, type GreeterBot } from '../../examples/greeter-bot/greeterBot.js';
import type { Config } from '../../src/server/config.js';
import { startTestServer, type TestServer } from '../../src/testing/testServer.js';
import { CHROMIUM } from './chromium.js';
import { ConsoleUi, ensureConsoleBuilt } from './console.js';
import { startPlatform } from './platform.js';
import { openDemoSite, type DemoSiteVisitor } from './widget.js';

/** How a console spec file's server differs from a plain one. */
export interface ConsoleStageOptions {
  /** The greeter bot, signed in as the owner, takes new chats first. */
  greeterBot?: boolean;
  /** The owner accepts chats from the start (a visitor may hold `chatLimit` open chats). */
  ownerAccepting?: boolean | { chatLimit: number };
  /** Server settings other than the defaults (rate limits …). */
  config?: Partial<Config>;
  /** What the server holds before the first test (tags, canned responses …). */
  prepare?: (server: TestServer) => Promise<void>;
}

/** What a console spec file runs against: a real server, maybe the greeter bot, one Chromium. */
export class ConsoleStage {
  server!: TestServer;
  browser!: Browser;
  bot: GreeterBot | undefined;

  /** The owner's console, signed in and connected. */
  signInOwner(): Promise<ConsoleUi> {
    const { owner } = this.server.credentials;
    return ConsoleUi.signIn(this.browser, this.server.url, owner.id, owner.personal_access_token);
  }

  /** A new visitor on the demo site with the embedded widget open. */
  visitDemoSite(): Promise<DemoSiteVisitor> {
    return openDemoSite(this.browser, this.server.url);
  }
}

/**
 * Registers the spec file's beforeAll/afterAll that start and stop its stage. The returned stage
 * is filled in by beforeAll, so read its fields inside tests, not at the top of the file.
 * @example
 * const stage = useConsoleStage({ greeterBot: true });
 * test('…', async () => { const agent = await stage.signInOwner(); … });
 */
export function useConsoleStage(options: ConsoleStageOptions = {}): ConsoleStage {
  const stage = new ConsoleStage();
  test.beforeAll(async () => {
    ensureConsoleBuilt();
    const { ownerAccepting, config } = options;
    stage.server = ownerAccepting
      ? await startPlatform({ config, chatLimit: typeof ownerAccepting === 'object' ? ownerAccepting.chatLimit : undefined })
      : await startTestServer(config);
    await options.prepare?.(stage.server);
    if (options.greeterBot) {
      const { owner } = stage.server.credentials;
      stage.bot = await startGreeterBot({ apiUrl: stage.server.url, agentId: owner.id, personalAccessToken: owner.personal_access_token });
    }
    stage.browser = await chromium.launch(CHROMIUM);
  });
  test.afterAll(async () => {
    await stage.browser?.close();
    await stage.bot?.stop();
    await stage.server?.close();
  });
  return stage;
}
