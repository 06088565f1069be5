import { expect, test, type Page } from '@playwright/test';
import { configWeb } from '../src/testing/configClient.js';
import { axeFindings } from './support/axe.js';
import { useConsoleStage } from './support/consoleStage.js';
import { screenshotPath, shootLightAndDark } from './support/screenshots.js';

/**
 * #14 canned responses: the owner saves `#refund` in settings, types `#ref` in a chat's composer,
 * picks it with the keyboard from the suggestion list and sends it; the visitor's widget shows it.
 * With SCREENSHOTS=1 it also writes docs/screenshots/console-canned-*.png (1280 px light and dark, 375 px).
 */
const REFUND = 'Your refund is on its way: it reaches your account within 3 working days.';
const stage = useConsoleStage({
  ownerAccepting: true,
  async prepare(server) {
    await configWeb(server, 'create_canned_response', { text: 'Our refund policy: 30 days, no questions asked.', tags: ['refund_policy', 'policy'] });
    await configWeb(server, 'create_canned_response', { text: 'Hello! How can I help you today?', tags: ['hello'] });
  },
});

async function shoot(page: Page, name: string): Promise<void> {
  if (process.env.SCREENSHOTS) await shootLightAndDark(page, `console-canned-${name}`);
}

test('the owner saves #refund in settings, inserts it from the composer with the keyboard, and the visitor reads it', async () => {
  test.setTimeout(180_000);
  const agent = await stage.signInOwner();
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

  const visitor = await stage.visitDemoSite();
  const { widget } = visitor;
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
    await page.screenshot({ path: screenshotPath('console-canned-suggestions-375') });
    await composer.press('Escape');
    await page.getByTestId('settings-toggle').click();
    await page.getByTestId('settings-canned').click();
    await expect(page.getByTestId('canned-row')).toHaveCount(3);
    await page.screenshot({ path: screenshotPath('console-canned-settings-375') });
  }
  await visitor.close();
  await agent.close();
});
