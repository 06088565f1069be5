import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import type { TestServer } from '../src/testing/testServer.js';
import { agentOf, startPlatform } from './support/platform.js';
import { embeddedWidget, launcher } from './support/widget.js';

/**
 * Screenshots of the demo page with the widget open, at 375 px and 1280 px, into
 * docs/screenshots/. Runs only with SCREENSHOTS=1 (`SCREENSHOTS=1 npm run e2e -- screenshots`).
 */
test.skip(!process.env.SCREENSHOTS, 'set SCREENSHOTS=1 to refresh docs/screenshots');

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
