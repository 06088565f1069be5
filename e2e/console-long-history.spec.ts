import { expect, test } from '@playwright/test';
import { agentWeb, connectCustomer } from '../src/testing/testClients.js';
import { useConsoleStage } from './support/consoleStage.js';

/**
 * The console's history is the same virtual window as the widget's (#17): a long chat opens at its
 * newest message with only the rows on screen mounted, and the window moves with the scroll.
 */
const EVENTS = 1500;
const stage = useConsoleStage({ ownerAccepting: true, config: { webRequestsPerSecond: 100_000, webRequestBurst: 100_000 } });

test('a long chat opens in the console at its newest message with a bounded number of rows (#17)', async () => {
  test.setTimeout(240_000);
  const { server } = stage;
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

  const agent = await stage.signInOwner();
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
