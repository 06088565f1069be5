import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import type { TestServer } from '../src/testing/testServer.js';
import { agentOf, startPlatform } from './support/platform.js';
import { embeddedWidget, launcher } from './support/widget.js';

/** Keyboard-only use of the embedded widget on the demo site, and an axe-core scan. */
let server: TestServer;
test.beforeAll(async () => {
  server = await startPlatform();
});
test.afterAll(async () => {
  await server?.close();
});

const launcherFocused = (page: Page) =>
  page.evaluate(() => document.activeElement?.tagName === 'SWITCHBOARD-LAUNCHER' && document.activeElement.shadowRoot?.activeElement?.className === 'l');

async function tabUntil(page: Page, done: () => Promise<boolean>, max = 40): Promise<void> {
  for (let i = 0; i < max; i++) {
    if (await done()) return;
    await page.keyboard.press('Tab');
  }
  throw new Error('focus never got there');
}

test('the main flow with the keyboard only', async ({ page }) => {
  const widget = embeddedWidget(page);
  const frame = page.frameLocator('switchboard-launcher iframe');
  const focusedTestId = () => frame.locator(':focus').getAttribute('data-testid', { timeout: 1000 }).catch(() => null);
  await page.goto(`${server.url}/demo/`);
  await tabUntil(page, () => launcherFocused(page));
  await page.keyboard.press('Enter');
  await expect(launcher(page)).toHaveAttribute('aria-expanded', 'true');
  await expect(frame.getByTestId('new-chat')).toBeVisible();

  // focus went into the iframe: Tab reaches "New chat"
  await tabUntil(page, async () => (await focusedTestId()) === 'new-chat');
  await page.keyboard.press('Enter');
  await expect(frame.getByTestId('topic-input')).toBeFocused();
  await page.keyboard.type('Keyboard help');
  await page.keyboard.press('Enter');
  // the new chat's composer has focus: what the visitor types next is not lost (#15)
  await expect(frame.getByRole('heading', { name: 'Keyboard help', exact: true })).toBeVisible();
  await expect(frame.getByTestId('composer-input')).toBeFocused();
  await page.keyboard.type('Typed without a mouse');
  await page.keyboard.press('Enter');
  await expect(widget.messages().filter({ hasText: 'Typed without a mouse' })).toBeVisible();
  const agent = agentOf(server);
  await agent.say(await agent.chatIdByTopic('Keyboard help'), 'Got it.');
  await expect(widget.messages().filter({ hasText: 'Got it.' })).toBeVisible();

  // Escape closes the panel and gives focus back to the launcher
  await page.keyboard.press('Escape');
  await expect(launcher(page)).toHaveAttribute('aria-expanded', 'false');
  expect(await launcherFocused(page)).toBe(true);
  // and Enter opens it again, on the same chat
  await page.keyboard.press('Enter');
  await expect(frame.getByRole('heading', { name: 'Keyboard help', exact: true })).toBeVisible();
});

test('axe-core finds no serious or critical violations on the demo page with the widget open', async ({ page }) => {
  const widget = embeddedWidget(page);
  await page.goto(`${server.url}/demo/`);
  await launcher(page).click();
  await widget.startChat('Accessibility');
  await widget.send('Hello');
  const results = await new AxeBuilder({ page }).analyze();
  const serious = results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  expect(serious).toEqual([]);
});

/** Every violation axe-core reports, of any impact, as one line each. */
async function violations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations.map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

for (const width of [375, 1280]) {
  for (const colorScheme of ['light', 'dark'] as const) {
    for (const lang of ['en', 'ar']) {
      test(`axe-core finds no violations on home and in a chat at ${width} px, ${colorScheme}, ${lang === 'ar' ? 'right to left' : 'left to right'} (#15)`, async ({ browser }) => {
        const context = await browser.newContext({ colorScheme, viewport: { width, height: 800 } });
        const page = await context.newPage();
        await page.goto(`${server.url}/?lang=${lang}`);
        await expect(page.getByTestId('home-status')).toBeVisible();
        expect(await violations(page)).toEqual([]);
        await page.getByTestId('new-chat').click();
        await page.getByTestId('topic-input').fill(`Axe ${width} ${colorScheme} ${lang}`);
        await page.getByTestId('topic-input').press('Enter');
        await expect(page.getByTestId('composer-input')).toBeFocused();
        await page.getByTestId('composer-input').fill('Hello');
        await page.getByTestId('composer-input').press('Enter');
        const agent = agentOf(server);
        await agent.say(await agent.chatIdByTopic(`Axe ${width} ${colorScheme} ${lang}`), 'Hi, how can I help?');
        await expect(page.getByTestId('message').filter({ hasText: 'Hi, how can I help?' })).toBeVisible();
        expect(await violations(page)).toEqual([]);
        await context.close();
      });
    }
  }
}
