import { join } from 'node:path';
import { expect, test, type Browser, type Page } from '@playwright/test';
import { chromium } from 'playwright-core';
import { configWeb } from '../src/testing/configClient.js';
import type { TestServer } from '../src/testing/testServer.js';
import { axeFindings } from './support/axe.js';
import { CHROMIUM } from './support/chromium.js';
import { ConsoleUi, ensureConsoleBuilt } from './support/console.js';
import { startPlatform } from './support/platform.js';
import { embeddedWidget, launcher } from './support/widget.js';

/**
 * #14 canned responses: the owner saves `#refund` in settings, types `#ref` in a chat's composer,
 * picks it with the keyboard from the suggestion list and sends it; the visitor's widget shows it.
 * With SCREENSHOTS=1 it also writes docs/screenshots/console-canned-*.png (1280 px light and dark, 375 px).
 */
const REFUND = 'Your refund is on its way: it reaches your account within 3 working days.';
let server: TestServer;
let browser: Browser;
test.beforeAll(async () => {
  ensureConsoleBuilt();
  server = await startPlatform();
  await configWeb(server, 'create_canned_response', { text: 'Our refund policy: 30 days, no questions asked.', tags: ['refund_policy', 'policy'] });
  await configWeb(server, 'create_canned_response', { text: 'Hello! How can I help you today?', tags: ['hello'] });
  browser = await chromium.launch(CHROMIUM);
});
test.afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function shoot(page: Page, name: string): Promise<void> {
  if (!process.env.SCREENSHOTS) return;
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    await page.waitForTimeout(200);
    await page.screenshot({ path: join(import.meta.dirname, `../docs/screenshots/console-canned-${name}-${scheme}.png`) });
  }
  await page.emulateMedia({ colorScheme: 'light' });
}

test('the owner saves #refund in settings, inserts it from the composer with the keyboard, and the visitor reads it', async () => {
  test.setTimeout(180_000);
  const { owner } = server.credentials;
  const agent = await ConsoleUi.signIn(browser, server.url, owner.id, owner.personal_access_token);
  const page = agent.page;

  await page.getByTestId('settings-toggle').click();
  await page.getByTestId('settings-canned').click();
  await expect(page.getByTestId('canned-row')).toHaveCount(2);
  const form = page.getByTestId('cs-canned-new-form');
  await form.getByLabel('Shortcuts').fill('#refund #money');
  await form.getByLabel('Reply').fill(REFUND);
  await form.getByRole('button', { name: 'Add canned response' }).click();
  await expect(page.getByTestId('settings-status')).toHaveText('#refund added.');
  await expect(page.getByTestId('canned-row').filter({ hasText: '#refund #money' })).toContainText(REFUND);
  expect(await axeFindings(page)).toEqual([]);
  await shoot(page, 'settings');
  await page.getByTestId('settings-close').click();

  const visitorContext = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const visitorPage = await visitorContext.newPage();
  const widget = embeddedWidget(visitorPage);
  await visitorPage.goto(`${server.url}/demo/`);
  await launcher(visitorPage).click();
  await widget.startChat('Refund for order 1042');
  await widget.send('Where is my refund?');
  await agent.open('Refund for order 1042');

  const composer = page.getByRole('combobox', { name: 'Message' });
  await composer.click();
  await composer.pressSequentially('Hi Maria, #ref');
  const listbox = page.getByRole('listbox', { name: 'Canned responses' });
  await expect(listbox.getByRole('option')).toHaveText([/#refund #money/, /#refund_policy #policy/]);
  await expect(composer).toHaveAttribute('aria-expanded', 'true');
  await composer.press('ArrowDown');
  await expect(listbox.getByRole('option').nth(1)).toHaveAttribute('aria-selected', 'true');
  await expect(composer).toHaveAttribute('aria-activedescendant', (await listbox.getByRole('option').nth(1).getAttribute('id'))!);
  await composer.press('ArrowUp');
  await expect(listbox.getByRole('option').first()).toHaveAttribute('aria-selected', 'true');
  expect(await axeFindings(page)).toEqual([]);
  await shoot(page, 'suggestions');
  await composer.press('Enter');
  await expect(listbox).toHaveCount(0);
  await expect(composer).toHaveValue(`Hi Maria, ${REFUND}`);
  await composer.press('Enter');

  await expect(widget.messages().filter({ hasText: REFUND })).toBeVisible();
  await expect(agent.messages().filter({ hasText: REFUND })).toBeVisible();

  // Escape closes the list; the "#" button opens it with every response.
  await composer.pressSequentially('#hel');
  await expect(listbox.getByRole('option')).toHaveCount(1);
  await composer.press('Escape');
  await expect(listbox).toHaveCount(0);
  await composer.fill('');
  await page.getByRole('button', { name: 'Insert a canned response' }).click();
  await expect(listbox.getByRole('option')).toHaveCount(3);

  if (process.env.SCREENSHOTS) {
    await page.setViewportSize({ width: 375, height: 740 });
    await page.waitForTimeout(200);
    await page.screenshot({ path: join(import.meta.dirname, '../docs/screenshots/console-canned-suggestions-375.png') });
    await composer.press('Escape');
    await page.getByTestId('settings-toggle').click();
    await page.getByTestId('settings-canned').click();
    await expect(page.getByTestId('canned-row')).toHaveCount(3);
    await page.screenshot({ path: join(import.meta.dirname, '../docs/screenshots/console-canned-settings-375.png') });
  }
  await visitorContext.close();
  await agent.close();
});
