import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { SmtpReceiver } from '../src/testing/smtpReceiver.js';
import { agentWeb, createTestAgent } from '../src/testing/testClients.js';
import { startTestServer, type TestServer } from '../src/testing/testServer.js';
import { agentOf } from './support/platform.js';
import { WidgetUi } from './support/widget.js';

/**
 * Issue #15 part B on the standalone page: pre-chat form, "leave a message" while nobody is
 * available (reply by e-mail), rating and transcript after a chat, the emoji picker; keyboard only
 * where a visitor would type, and an axe scan of each view at 375 and 1280 px, light and dark.
 * With SCREENSHOTS=1 the scans also write docs/screenshots/widget-<view>-<width>-<scheme>.png.
 */

const PRECHAT = {
  fields: [
    { id: 'name', type: 'name', label: 'Your name', required: true },
    { id: 'email', type: 'email', label: 'E-mail', required: true },
    { id: 'question', type: 'question', label: 'How can we help?' },
    { id: 'topic', type: 'select', label: 'Topic', options: [{ id: 'billing', label: 'Billing' }, { id: 'shipping', label: 'Shipping' }] },
  ],
};

let smtp: SmtpReceiver;
let online: TestServer;
let offline: TestServer;
test.beforeAll(async () => {
  smtp = await SmtpReceiver.start();
  const mail = { smtp: { url: smtp.url, from: 'Support <support@shop.example>' } };
  online = await startTestServer(mail);
  await online.ownerAcceptsChats();
  await online.built.platform.licenses.update(1, 'agent', { routing: { max_customer_chats_count: 5 } });
  offline = await startTestServer(mail); // nobody accepts chats here
  await offline.built.platform.licenses.update(1, 'agent', { routing: { max_customer_chats_count: 5 } });
});
test.afterAll(async () => {
  await online?.close();
  await offline?.close();
  await smtp?.close();
});

async function tabTo(page: Page, testId: string, max = 40): Promise<void> {
  for (let i = 0; i < max; i++) {
    if ((await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))) === testId) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`focus never reached ${testId}`);
}

/** axe at 375 and 1280 px in light and dark; a screenshot of each with SCREENSHOTS=1. */
async function scan(page: Page, view: string): Promise<void> {
  for (const width of [375, 1280]) {
    for (const colorScheme of ['light', 'dark'] as const) {
      await page.setViewportSize({ width, height: width === 375 ? 740 : 800 });
      await page.emulateMedia({ colorScheme });
      // the widget follows the scheme before anything is scanned or pictured (#15: dark pictures once came out light)
      await expect.poll(() => page.locator('.sb-root').evaluate((root) => getComputedStyle(root).backgroundColor)).toBe(colorScheme === 'dark' ? 'rgb(17, 24, 39)' : 'rgb(255, 255, 255)');
      const results = await new AxeBuilder({ page }).analyze();
      expect(results.violations.map((v) => `${view} ${width} ${colorScheme}: ${v.id} ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
      if (process.env.SCREENSHOTS) await page.screenshot({ path: join(import.meta.dirname, `../docs/screenshots/widget-${view}-${width}-${colorScheme}.png`) });
    }
  }
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.emulateMedia({ colorScheme: 'light' });
}

test('pre-chat form: filled with the keyboard before the first chat; name and e-mail reach the profile agents see', async ({ page }) => {
  await online.built.platform.licenses.update(1, 'agent', { forms: { prechat: JSON.stringify(PRECHAT) } });
  try {
    await page.goto(`${online.url}/`);
    await expect(page.getByTestId('connection')).toHaveAttribute('data-status', 'connected');
    await tabTo(page, 'new-chat');
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('prechat-form')).toBeVisible();
    await expect(page.getByTestId('prechat-name')).toBeFocused();
    await page.keyboard.press('Enter'); // submitting empty names what is missing
    await expect(page.getByText('Your name is required.')).toBeVisible();
    await expect(page.getByTestId('prechat-name')).toBeFocused();
    await scan(page, 'prechat');
    await page.getByTestId('prechat-name').focus();
    await page.keyboard.type('Ada Lovelace');
    await page.keyboard.press('Tab');
    await page.keyboard.type('ada@example.com');
    await page.keyboard.press('Tab');
    await page.keyboard.type('My parcel is late');
    await page.keyboard.press('Tab');
    await expect(page.getByTestId('prechat-topic')).toBeFocused();
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    await expect(page.getByTestId('prechat-topic')).toHaveValue('shipping');
    await tabTo(page, 'prechat-submit');
    await page.keyboard.press('Enter');
    await expect(page.getByRole('heading', { name: 'Shipping', exact: true })).toBeVisible();
    await expect(page.getByTestId('composer-input')).toBeVisible();
    await expect(page.getByText('My parcel is late')).toBeVisible();

    const chatId = await agentOf(online).chatIdByTopic('Shipping');
    const chat = await agentWeb<{ users: { type: string; name?: string; email?: string }[]; thread: { events: { type: string }[] } }>(online, 'get_chat', { chat_id: chatId });
    expect(chat.body.users.find((u) => u.type === 'customer')).toMatchObject({ name: 'Ada Lovelace', email: 'ada@example.com' });
    expect(chat.body.thread.events[0]).toMatchObject({ type: 'filled_form', form_type: 'prechat' });
  } finally {
    await online.built.platform.licenses.update(1, 'agent', { forms: { prechat: '' } });
  }
});

test('nobody available: the widget says so before the visitor writes, the message waits in the queue, and the first agent\'s reply arrives by e-mail', async ({ browser }) => {
  const context = await browser.newContext({ viewport: { width: 375, height: 740 } });
  const page = await context.newPage();
  await page.goto(`${offline.url}/`);
  await expect(page.getByTestId('home-status')).toHaveText(/We are away right now/);
  await page.getByRole('button', { name: 'Leave a message' }).click();
  await expect(page.getByTestId('leave-email')).toBeFocused();
  await scan(page, 'leave-message');
  await page.getByTestId('leave-email').fill('grace@example.com');
  await page.getByTestId('leave-topic').fill('Wholesale');
  await page.getByTestId('leave-message').fill('Do you sell in bulk?');
  await page.getByTestId('leave-submit').click();
  await expect(page.getByRole('heading', { name: 'Wholesale', exact: true })).toBeVisible();
  await expect(page.getByTestId('queue')).toHaveText(/number 1 in the queue/);
  await context.close(); // the visitor leaves

  const received = smtp.received.length;
  const bob = await createTestAgent(offline, 'bob@shop.example', { name: 'Bob' });
  const rtm = await bob.connect(); // accepting: the queued chat is his
  const chatId = await agentOf(offline).chatIdByTopic('Wholesale');
  await rtm.call('send_event', { chat_id: chatId, event: { type: 'message', text: 'Yes — from 50 pieces, 20% off.' } });
  await smtp.waitFor(received + 1);
  const mail = smtp.received[received]!;
  expect(mail.to).toEqual(['grace@example.com']);
  expect(mail.subject).toBe('Bob replied to your message about “Wholesale”');
  expect(mail.body).toContain('Yes — from 50 pieces, 20% off.');
  rtm.close();
});

test('after a chat: rated with the keyboard, the transcript downloaded as text and sent by e-mail', async ({ page }) => {
  const widget = new WidgetUi(page);
  await page.goto(`${online.url}/`);
  await widget.startChat('Refund');
  await widget.send('I would like a refund for order 77.');
  const agent = agentOf(online);
  const chatId = await agent.chatIdByTopic('Refund');
  await agent.say(chatId, 'Done — the refund is on its way.');
  await expect(widget.messages().filter({ hasText: 'refund is on its way' })).toBeVisible();
  await page.getByRole('button', { name: 'End chat' }).click();
  await expect(page.getByTestId('after-chat')).toBeVisible();
  await scan(page, 'after-chat');

  await tabTo(page, 'rate-good');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('rate-good')).toHaveAttribute('aria-pressed', 'true');
  await tabTo(page, 'rating-comment');
  await page.keyboard.type('Fast and friendly');
  await tabTo(page, 'rating-submit');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('rating-thanks')).toContainText('you rated this chat good');
  const threads = await agentWeb<{ threads: { properties?: { rating?: unknown } }[] }>(online, 'list_threads', { chat_id: chatId });
  expect(threads.body.threads[0]!.properties?.rating).toEqual({ score: 1, comment: 'Fast and friendly' });

  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('transcript-download').click()]);
  expect(download.suggestedFilename()).toBe('transcript-refund.txt');
  const text = readFileSync((await download.path())!, 'utf8');
  expect(text).toMatch(/You: I would like a refund for order 77\.[\s\S]*Owner: Done — the refund is on its way\./);

  const received = smtp.received.length;
  await page.getByTestId('transcript-email').fill('me@example.com');
  await page.getByTestId('transcript-send').click();
  await expect(page.getByTestId('transcript-status')).toHaveText('The transcript is on its way to me@example.com.');
  await smtp.waitFor(received + 1);
  expect(smtp.received[received]).toMatchObject({ to: ['me@example.com'], subject: 'Your chat transcript' });
  expect(smtp.received[received]!.body).toContain('I would like a refund for order 77.');
});

test('emoji picker: opened, moved and picked with the keyboard, loaded as its own chunk', async ({ page }) => {
  const widget = new WidgetUi(page);
  const scripts: string[] = [];
  page.on('request', (request) => { if (request.resourceType() === 'script') scripts.push(request.url()); });
  await page.goto(`${online.url}/`);
  await widget.startChat('Emoji');
  const before = scripts.length;
  await widget.composer().focus();
  await page.keyboard.type('Great ');
  await tabTo(page, 'emoji-button');
  await page.keyboard.press('Enter');
  const picker = page.getByRole('listbox', { name: 'Emoji' });
  await expect(picker).toBeFocused();
  expect(scripts.slice(before).some((url) => /EmojiPicker/.test(url))).toBe(true);
  await scan(page, 'emoji');
  await picker.focus();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  await expect(picker.getByRole('option', { selected: true })).toHaveAttribute('aria-label', 'smiling face with sunglasses');
  await page.keyboard.press('Enter');
  await expect(picker).toHaveCount(0);
  await expect(widget.composer()).toHaveValue('Great 😎');
  await expect(widget.composer()).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(widget.messages().filter({ hasText: 'Great 😎' })).toBeVisible();
  await tabTo(page, 'emoji-button');
  await page.keyboard.press('Enter');
  await expect(picker).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(picker).toHaveCount(0);
  await expect(page.getByTestId('emoji-button')).toBeFocused();
});
