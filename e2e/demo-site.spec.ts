import { expect, test } from '@playwright/test';
import type { TestServer } from '../src/testing/testServer.js';
import { agentOf, startPlatform } from './support/platform.js';
import { embeddedWidget, launcher } from './support/widget.js';

/**
 * The demo website (`/demo/`, the embed snippet on an ordinary page), as a visitor: two chats
 * with different topics, replies from the agent (Agent Chat Web API), unread badges, switching,
 * reload, close and resume, and a polite refusal of a third chat at the limit of 2.
 */
let server: TestServer;
test.beforeAll(async () => {
  server = await startPlatform({ chatLimit: 2 });
});
test.afterAll(async () => {
  await server?.close();
});

test('a first-time visitor’s page load fetches nothing but the loader', async ({ page }) => {
  const requests: string[] = [];
  page.on('request', (request) => requests.push(new URL(request.url()).pathname));
  await page.goto(`${server.url}/demo/`);
  await expect(launcher(page)).toBeVisible();
  await page.waitForTimeout(500);
  expect(requests.filter((path) => !path.startsWith('/demo/') && path !== '/favicon.ico')).toEqual(['/widget.js']);
  await launcher(page).hover();
  await expect.poll(() => requests).toContain('/embed/panel.js');
  await expect.poll(() => requests.some((path) => path.startsWith('/frame/'))).toBe(true);
});

test('two chats with replies, unread badges, switching, reload, close and resume, and the chat limit', async ({ page }) => {
  const agent = agentOf(server);
  const widget = embeddedWidget(page);
  await page.goto(`${server.url}/demo/`);
  await launcher(page).click();
  await expect(launcher(page)).toHaveAttribute('aria-expanded', 'true');

  await widget.startChat('Order status');
  await widget.send('Where is my order 1042?');
  await widget.startChat('Returns');
  await widget.send('I want to return a jacket.');
  const orderChat = await agent.chatIdByTopic('Order status');
  const returnsChat = await agent.chatIdByTopic('Returns');

  // Panel closed: replies in both chats show as unread on the launcher.
  await page.keyboard.press('Escape');
  await expect(launcher(page)).toHaveAttribute('aria-expanded', 'false');
  await agent.say(orderChat, 'Order 1042 left our warehouse today.');
  await agent.say(returnsChat, 'Sure — which size was it?');
  await expect(launcher(page)).toHaveAttribute('aria-label', 'Chat, 2 unread');
  await expect(launcher(page)).toHaveText('2');

  // Open: the selected chat (Returns) is read; the other keeps its badge in the list.
  await launcher(page).click();
  await expect(widget.messages().filter({ hasText: 'which size' })).toBeVisible();
  await expect(widget.unreadIn('Order status')).toHaveText('1');
  await expect(launcher(page)).toHaveAttribute('aria-label', 'Chat, 1 unread');

  // Switch chats.
  await widget.open('Order status');
  await expect(widget.messages().filter({ hasText: 'left our warehouse' })).toBeVisible();
  await expect(widget.unreadIn('Order status')).toHaveCount(0);
  await expect(launcher(page)).toHaveAttribute('aria-label', 'Chat');

  // Reload: the panel is still open, the selected chat is still selected, both histories are intact.
  await page.reload();
  await expect(launcher(page)).toHaveAttribute('aria-expanded', 'true');
  await expect(widget.root.getByRole('heading', { name: 'Order status', exact: true })).toBeVisible();
  await expect(widget.messages().filter({ hasText: 'Where is my order 1042?' })).toBeVisible();
  await expect(widget.messages().filter({ hasText: 'left our warehouse' })).toBeVisible();
  await widget.open('Returns');
  await expect(widget.messages().filter({ hasText: 'I want to return a jacket.' })).toBeVisible();
  await expect(widget.messages().filter({ hasText: 'which size' })).toBeVisible();

  // Close one chat, then resume it by writing.
  await widget.root.getByRole('button', { name: 'End chat' }).click();
  await expect(widget.chatItem('Returns')).toHaveAttribute('data-active', 'false');
  await widget.send('Size M, please.');
  await expect(widget.chatItem('Returns')).toHaveAttribute('data-active', 'true');
  await expect(widget.messages().filter({ hasText: 'I want to return a jacket.' })).toBeVisible();

  // A third open chat is refused politely; nothing breaks.
  await widget.toList();
  await widget.root.getByTestId('new-chat').click();
  await widget.root.getByTestId('topic-input').fill('Shipping');
  await widget.root.getByRole('button', { name: 'Start chat' }).click();
  await expect(widget.root.getByTestId('new-chat-error')).toContainText('You already have 2 open chats, the most this site allows at once.');
  await expect(widget.root.getByTestId('chat-item')).toHaveCount(2);
});

test('the page API: events, startChat, setCustomer, and SPA navigation', async ({ page }) => {
  const agent = agentOf(server);
  await page.goto(`${server.url}/demo/`);
  await page.evaluate(() => {
    const log: unknown[] = ((window as unknown as { eventLog: unknown[] }).eventLog = []);
    const api = (window as unknown as { Switchboard: (...args: unknown[]) => void }).Switchboard;
    for (const name of ['ready', 'new_message', 'unread_count_changed', 'chat_started', 'chat_closed', 'chat_start_failed']) {
      api('on', name, (payload: unknown) => log.push([name, payload]));
    }
    api('setCustomer', { name: 'Ada Lovelace', email: 'ada@example.com' });
  });
  const events = () => page.evaluate(() => (window as unknown as { eventLog: [string, Record<string, unknown>][] }).eventLog);
  // SPA navigation: pushState + re-rendered <main>; the launcher stays
  await page.getByRole('link', { name: 'Help' }).click();
  await expect(page).toHaveURL(/#help$/);
  await page.getByRole('link', { name: 'Tents' }).click();
  await expect(launcher(page)).toBeVisible();

  await page.evaluate(() => (window as unknown as { Switchboard: { startChat(t: string): void } }).Switchboard.startChat('Tent poles'));
  await expect.poll(async () => (await events()).map(([name]) => name)).toEqual(expect.arrayContaining(['ready', 'chat_started']));
  const chatId = await agent.chatIdByTopic('Tent poles');
  await page.evaluate(() => (window as unknown as { Switchboard: { close(): void } }).Switchboard.close());
  await agent.say(chatId, 'Which tent model do you have?');
  await expect.poll(async () => (await events()).find(([name]) => name === 'new_message')?.[1]).toMatchObject({ chat_id: chatId, text: 'Which tent model do you have?' });
  await expect.poll(async () => (await events()).filter(([name]) => name === 'unread_count_changed').at(-1)?.[1]).toEqual({ count: 1 });
  const { body } = await (await import('../src/testing/testClients.js')).agentWeb<{ users: { type: string; name?: string; email?: string }[] }>(server, 'get_chat', { chat_id: chatId });
  expect(body.users.find((user) => user.type === 'customer')).toMatchObject({ name: 'Ada Lovelace', email: 'ada@example.com' });
  // nothing the loader keeps on the host page is a token
  const stored = await page.evaluate(() => JSON.stringify({ ...localStorage }) + document.cookie);
  expect(stored).not.toMatch(/Bearer|access_token|eyJ/);
});
