import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { agentWeb } from '../src/testing/testClients.js';
import type { TestServer } from '../src/testing/testServer.js';
import { agentOf, startPlatform } from './support/platform.js';
import { embeddedWidget, launcher, WidgetUi } from './support/widget.js';

/**
 * Screenshots of the standalone page (three chats, one with a long history over several threads)
 * and of the demo page with the widget open, at 375 px and 1280 px, into
 * docs/screenshots/. Not part of the suite: the config includes it only with SCREENSHOTS=1
 * (`SCREENSHOTS=1 npm run e2e -- screenshots`).
 */

let server: TestServer;
test.beforeAll(async () => {
  server = await startPlatform({ chatLimit: 3 });
});
test.afterAll(async () => {
  await server?.close();
});

for (const width of [1280, 375]) {
  test(`demo page with the widget open at ${width} px`, async ({ page }) => {
    await page.setViewportSize({ width, height: width === 375 ? 740 : 800 });
    const widget = embeddedWidget(page);
    const agent = agentOf(server);
    await page.goto(`${server.url}/demo/`);
    await launcher(page).click();
    for (const topic of [`Order status ${width}`, `Returns ${width}`]) {
      await widget.startChat(topic);
      await widget.send(topic.startsWith('Order') ? 'Where is my order 1042?' : 'Can I return a jacket I wore once?');
      await agent.say(await agent.chatIdByTopic(topic), topic.startsWith('Order') ? 'It left our warehouse today — tracking is on its way.' : 'Yes, within 30 days. Which size was it?');
    }
    await expect(widget.messages().filter({ hasText: 'Which size' })).toBeVisible();
    await page.waitForTimeout(400);
    await page.screenshot({ path: join(import.meta.dirname, `../docs/screenshots/embed-demo-${width}.png`) });
    if (width === 1280) {
      await page.keyboard.press('Escape');
      await agent.say(await agent.chatIdByTopic(`Order status ${width}`), 'Anything else?');
      await expect(launcher(page)).toHaveAttribute('aria-label', 'Chat, 1 unread');
      await page.waitForTimeout(400);
      await page.screenshot({ path: join(import.meta.dirname, '../docs/screenshots/embed-demo-1280-closed-unread.png') });
    }
  });
}

test('standalone page with three chats and a long history at 1280 px and 375 px', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  const widget = new WidgetUi(page);
  const agent = agentOf(server);
  await page.goto(`${server.url}/`);
  for (const [topic, text] of [['Billing', 'My invoice shows the wrong VAT number'], ['Bug report', 'The export button does nothing'], ['Order #1042', 'Where is my parcel?']] as const) {
    await widget.startChat(topic);
    await widget.send(text);
  }
  const orderChat = await agent.chatIdByTopic('Order #1042');
  const lines = ['Let me check that for you.', 'It left our warehouse on Monday.', 'The carrier scanned it in Leipzig this morning.', 'Expected delivery is Thursday between 9 and 12.', 'You can follow it with code DHL-88231-X.'];
  for (let i = 0; i < 3; i++) {
    for (const line of lines) await agent.say(orderChat, line);
    // The first conversation ends; writing again resumes the same chat in a new thread.
    if (i === 0) await agentWeb(server, 'deactivate_chat', { id: orderChat });
    await widget.send(i === 0 ? 'Thanks! Can I change the address?' : i === 1 ? 'Great, and the invoice?' : 'Perfect, thank you!');
  }
  await agent.say(await agent.chatIdByTopic('Billing'), 'I have corrected the VAT number — a new invoice is on its way.');
  await expect(widget.messages().filter({ hasText: 'Perfect, thank you!' })).toBeVisible();
  await page.waitForTimeout(400);
  await page.screenshot({ path: join(import.meta.dirname, '../docs/screenshots/widget-1280-history.png') });
  await page.getByTestId('composer-input').focus();
  await page.mouse.move(800, 400);
  await page.mouse.wheel(0, -900);
  await page.waitForTimeout(400);
  await page.screenshot({ path: join(import.meta.dirname, '../docs/screenshots/widget-1280-thread-separator.png') });
  await page.mouse.wheel(0, 5000);
  await page.setViewportSize({ width: 375, height: 740 });
  await page.waitForTimeout(400);
  await page.screenshot({ path: join(import.meta.dirname, '../docs/screenshots/widget-375-history.png') });
  await widget.toList();
  await page.waitForTimeout(300);
  await page.screenshot({ path: join(import.meta.dirname, '../docs/screenshots/widget-375-list.png') });
  await page.setViewportSize({ width: 1280, height: 800 });
  await widget.open('Billing');
  await page.waitForTimeout(300);
  await page.screenshot({ path: join(import.meta.dirname, '../docs/screenshots/widget-1280-list.png') });
});

/** Home and an open chat at 375 and 1280 px, light and dark, and Arabic (#15). */
for (const width of [375, 1280]) {
  for (const colorScheme of ['light', 'dark'] as const) {
    test(`home and chat at ${width} px, ${colorScheme}`, async ({ browser }) => {
      await server.built.platform.licenses.update(1, 'agent', { switchboard: { widget_name: 'Northwind Outfitters', welcome_text: 'Questions about an order, a return or sizing? We are here.', reply_time: '5' } });
      const context = await browser.newContext({ colorScheme, viewport: { width, height: width === 375 ? 740 : 800 } });
      const page = await context.newPage();
      const widget = new WidgetUi(page);
      const agent = agentOf(server);
      await page.goto(`${server.url}/`);
      await expect(page.getByTestId('home-reply-time')).toBeVisible();
      await page.waitForTimeout(300);
      await page.screenshot({ path: join(import.meta.dirname, `../docs/screenshots/widget-home-${width}-${colorScheme}.png`) });
      const topic = `Sizing ${width} ${colorScheme}`;
      await widget.startChat(topic);
      await widget.send('Does the Trail jacket run small?');
      await agent.say(await agent.chatIdByTopic(topic), 'A little — most people take one size up.');
      await expect(widget.messages().filter({ hasText: 'one size up' })).toBeVisible();
      await page.waitForTimeout(300);
      await page.screenshot({ path: join(import.meta.dirname, `../docs/screenshots/widget-chat-${width}-${colorScheme}.png`) });
      await context.close();
    });
  }
}

test('Arabic, right to left, at 1280 px', async ({ page }) => {
  const widget = new WidgetUi(page);
  await page.goto(`${server.url}/?lang=ar`);
  await page.getByTestId('new-chat').click();
  await page.getByTestId('topic-input').fill('طلبي');
  await page.getByTestId('topic-input').press('Enter');
  await widget.send('أين طلبي رقم 1042؟');
  await agentOf(server).say(await agentOf(server).chatIdByTopic('طلبي'), 'تم شحنه اليوم.');
  await expect(widget.messages().filter({ hasText: 'تم شحنه' })).toBeVisible();
  await page.waitForTimeout(300);
  await page.screenshot({ path: join(import.meta.dirname, '../docs/screenshots/widget-rtl-1280.png') });
});
