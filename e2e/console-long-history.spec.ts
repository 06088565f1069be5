import { expect, test, type Browser } from '@playwright/test';
import { chromium } from 'playwright-core';
import { agentWeb, connectCustomer } from '../src/testing/testClients.js';
import { startTestServer, type TestServer } from '../src/testing/testServer.js';
import { CHROMIUM } from './support/chromium.js';
import { ConsoleUi, ensureConsoleBuilt } from './support/console.js';

/**
 * The console's history is the same virtual window as the widget's (#17): a long chat opens at its
 * newest message with only the rows on screen mounted, and the window moves with the scroll.
 */
const EVENTS = 1500;
let server: TestServer;
let browser: Browser;
test.beforeAll(async () => {
  ensureConsoleBuilt();
  server = await startTestServer({ webRequestsPerSecond: 100_000, webRequestBurst: 100_000 });
  await server.ownerAcceptsChats();
  browser = await chromium.launch(CHROMIUM);
});
test.afterAll(async () => {
  await browser?.close();
  await server?.close();
});

test('a long chat opens in the console at its newest message with a bounded number of rows (#17)', async () => {
  test.setTimeout(240_000);
  const visitor = await connectCustomer(server);
  const { chat_id } = await visitor.rtm.call<{ chat_id: string }>('start_chat', { chat: { properties: { switchboard: { topic: 'Long history' } } } });
  for (let start = 0; start < EVENTS; start += 50) {
    await Promise.all(Array.from({ length: Math.min(50, EVENTS - start) }, async (_, k) => {
      const { status } = await agentWeb(server, 'send_event', { chat_id, event: { type: 'message', text: `line ${start + k}`, visibility: 'all' } });
      expect(status).toBe(200);
    }));
  }
  const last = await agentWeb(server, 'send_event', { chat_id, event: { type: 'message', text: 'the newest line', visibility: 'all' } });
  expect(last.status).toBe(200);

  const { owner } = server.credentials;
  const agent = await ConsoleUi.signIn(browser, server.url, owner.id, owner.personal_access_token);
  await agent.open('Long history');
  await expect(agent.messages().filter({ hasText: 'the newest line' })).toBeInViewport();
  const mounted = await agent.messages().count();
  expect(mounted).toBeGreaterThan(0);
  expect(mounted).toBeLessThanOrEqual(60);

  await agent.page.getByTestId('chat-history').evaluate((element) => { element.scrollTop = 0; });
  await expect(agent.messages().filter({ hasText: 'the newest line' })).toHaveCount(0);
  await expect(agent.messages().first()).toBeInViewport();
  expect(await agent.messages().count()).toBeLessThanOrEqual(60);
  await agent.close();
});
