import { expect, test } from '@playwright/test';
import type { TestServer } from '../src/testing/testServer.js';
import { agentOf, startPlatform } from './support/platform.js';
import { WidgetUi } from './support/widget.js';

/** The standalone hosted page (`/`): the core flow of the demo site, full-page. */
let server: TestServer;
test.beforeAll(async () => {
  server = await startPlatform({ chatLimit: 2 });
});
test.afterAll(async () => {
  await server?.close();
});

test('two chats, replies, unread in the list, switching, reload with histories intact', async ({ page }) => {
  const agent = agentOf(server);
  const widget = new WidgetUi(page);
  await page.goto(`${server.url}/`);
  await widget.startChat('Invoice');
  await widget.send('I need a copy of my invoice.');
  await widget.startChat('Delivery');
  await widget.send('When will it arrive?');
  await agent.say(await agent.chatIdByTopic('Invoice'), 'Sent to your email.');
  await agent.say(await agent.chatIdByTopic('Delivery'), 'Tomorrow before noon.');
  await expect(widget.messages().filter({ hasText: 'Tomorrow before noon.' })).toBeVisible();
  await expect(widget.unreadIn('Invoice')).toHaveText('1');
  await widget.open('Invoice');
  await expect(widget.messages().filter({ hasText: 'Sent to your email.' })).toBeVisible();
  await expect(widget.unreadIn('Invoice')).toHaveCount(0);

  await page.reload();
  await widget.open('Delivery');
  await expect(widget.messages().filter({ hasText: 'When will it arrive?' })).toBeVisible();
  await expect(widget.messages().filter({ hasText: 'Tomorrow before noon.' })).toBeVisible();
  await widget.open('Invoice');
  await expect(widget.messages().filter({ hasText: 'I need a copy of my invoice.' })).toBeVisible();
});
