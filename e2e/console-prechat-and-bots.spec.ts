import { expect, test, type Page } from '@playwright/test';
import { WebhookReceiver } from '../src/testing/webhookReceiver.js';
import { axeFindings } from './support/axe.js';
import { useConsoleStage } from './support/consoleStage.js';
import { tabTo } from './support/keyboard.js';
import { screenshotPath, shootLightAndDark } from './support/screenshots.js';

/**
 * #14 settings, keyboard only: the owner adds a bot whose webhook points at a local receiver and
 * turns on a pre-chat form with a required "Order number"; a new visitor must fill it before the
 * chat starts, the agent reads the answer, and the webhook reports the new chat.
 * With SCREENSHOTS=1 it writes docs/screenshots/console-settings-{prechat,bots}-{light,dark,375}.png.
 */
const stage = useConsoleStage({ ownerAccepting: true });
let receiver: WebhookReceiver;
test.beforeAll(async () => {
  receiver = await WebhookReceiver.start();
});
test.afterAll(async () => {
  await receiver?.close();
});

/** The section from its top: 1280 px light and dark (tall enough for the whole section), then 375 px. */
async function shoot(page: Page, name: string): Promise<void> {
  if (!process.env.SCREENSHOTS) return;
  const top = () => page.locator('.cs-settings__main').evaluate((main) => main.scrollTo(0, 0));
  await page.setViewportSize({ width: 1280, height: 1100 });
  await shootLightAndDark(page, `console-settings-${name}`, top);
  await page.setViewportSize({ width: 375, height: 1300 });
  await top();
  await page.waitForTimeout(200);
  await page.screenshot({ path: screenshotPath(`console-settings-${name}-375`) });
  await page.setViewportSize({ width: 1280, height: 800 });
}

test('the owner adds a bot with a webhook and a required "Order number" pre-chat field; the visitor must fill it, the agent reads it, the webhook fires', async () => {
  test.setTimeout(180_000);
  const { server, browser } = stage;
  const agent = await stage.signInOwner();
  const page = agent.page;
  await page.getByTestId('settings-toggle').focus();
  await page.keyboard.press('Enter');

  // Bots: add one, note its secret, register a license webhook for new chats.
  await tabTo(page, 'settings-bots');
  await page.keyboard.press('Enter');
  await tabTo(page, 'bot-name');
  await page.keyboard.type('Order bot');
  await tabTo(page, 'bot-submit');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('bot-secret-value')).toHaveText(/^[0-9a-f]{32}$/);
  await expect(page.getByTestId('bot-row')).toHaveCount(1);
  await tabTo(page, 'bot-webhooks-toggle');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('webhooks-empty')).toBeVisible();
  await tabTo(page, 'webhook-action');
  await expect(page.getByTestId('webhook-action')).toHaveValue('incoming_chat');
  await tabTo(page, 'webhook-url');
  await page.keyboard.type(receiver.url);
  await page.keyboard.press('Tab');
  await page.keyboard.type('order-bot-secret');
  await tabTo(page, 'webhook-register');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('webhook-row')).toContainText('incoming_chat');
  expect(await axeFindings(page)).toEqual([]);
  await shoot(page, 'bots');
  await page.getByTestId('settings-prechat').focus();

  // Pre-chat form: on, a required "Order number" and a topic to pick.
  await page.keyboard.press('Enter');
  await tabTo(page, 'prechat-enabled');
  await page.keyboard.press('Space');
  await tabTo(page, 'prechat-add');
  await page.keyboard.press('Enter');
  await tabTo(page, 'prechat-field-label');
  await page.keyboard.type('Order number');
  await tabTo(page, 'prechat-add-kind');
  await page.keyboard.type('Topic');
  await expect(page.getByTestId('prechat-add-kind')).toHaveValue('topic');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Enter');
  await tabTo(page, 'prechat-field-choices');
  await page.keyboard.type('Orders\nBilling');
  await tabTo(page, 'prechat-save');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('settings-status')).toHaveText('Saved. New visitors get this form.');
  await expect(page.getByTestId('prechat-preview')).toContainText('Order number (required)');
  expect(await axeFindings(page)).toEqual([]);
  await shoot(page, 'prechat');
  await page.getByTestId('settings-close').click();

  // A new visitor meets the form and cannot start without the order number.
  const visitorContext = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const visitor = await visitorContext.newPage();
  await visitor.goto(`${server.url}/`);
  await expect(visitor.getByTestId('connection')).toHaveAttribute('data-status', 'connected');
  await tabTo(visitor, 'new-chat');
  await visitor.keyboard.press('Enter');
  await expect(visitor.getByTestId('prechat-form')).toBeVisible();
  await expect(visitor.getByTestId('prechat-order_number')).toBeFocused();
  await tabTo(visitor, 'prechat-submit');
  await visitor.keyboard.press('Enter');
  await expect(visitor.getByText('Order number is required.')).toBeVisible();
  await expect(visitor.getByTestId('prechat-order_number')).toBeFocused();
  expect(receiver.of('incoming_chat')).toEqual([]);
  await visitor.keyboard.type('A-1042');
  await visitor.keyboard.press('Tab');
  await expect(visitor.getByTestId('prechat-topic')).toBeFocused();
  await visitor.keyboard.press('ArrowDown');
  await expect(visitor.getByTestId('prechat-topic')).toHaveValue('orders');
  await tabTo(visitor, 'prechat-submit');
  await visitor.keyboard.press('Enter');
  await expect(visitor.getByRole('heading', { name: 'Orders', exact: true })).toBeVisible();

  await agent.open('Orders');
  const answer = page.getByTestId('chat-history').locator('dl');
  await expect(answer).toContainText('Order number');
  await expect(answer).toContainText('A-1042');

  await receiver.until(() => receiver.of('incoming_chat').length > 0);
  const [hook] = receiver.of('incoming_chat');
  expect(hook).toMatchObject({ action: 'incoming_chat', secret_key: 'order-bot-secret', organization_id: server.credentials.organization_id });
  await visitorContext.close();
  await agent.close();
});
