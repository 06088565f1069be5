import { expect, test } from '@playwright/test';
import { agentWeb, connectCustomer } from '../src/testing/testClients.js';
import { axeFindings } from './support/axe.js';
import { ConsoleUi } from './support/console.js';
import { useConsoleStage } from './support/consoleStage.js';

/**
 * #14 settings: the owner raises the chats per visitor and brands the widget, adds an agent whose
 * one-time token signs in to a second console, and that agent renames themselves.
 */
const stage = useConsoleStage();

test('the owner sets up chats, widget and a new agent in settings; the agent signs in with the shown token and edits their profile', async () => {
  test.setTimeout(180_000);
  const { server, browser } = stage;
  const ui = await stage.signInOwner();
  const page = ui.page;
  await page.getByTestId('settings-toggle').click();
  await page.getByTestId('max-customer-chats').fill('2');
  await page.getByTestId('widget-widget_name').fill('Acme support');
  await page.getByTestId('widget-welcome_text').fill('Hi! We usually answer within minutes.');
  await page.getByTestId('license-save').click();
  await expect(page.getByTestId('settings-status')).toHaveText('Saved.');
  const { body } = await agentWeb<Record<string, Record<string, unknown>>>(server, 'list_license_properties', {}, { api: 'configuration' });
  expect(body.routing?.max_customer_chats_count).toBe(2);
  expect(body.switchboard).toMatchObject({ widget_name: 'Acme support', welcome_text: 'Hi! We usually answer within minutes.' });
  // The visitor's side follows at once: a second chat is allowed now.
  const visitor = await connectCustomer(server);
  await visitor.rtm.call('start_chat', { continuous: true });
  await visitor.rtm.call('start_chat', { continuous: true });

  await page.getByTestId('allowed-websites').fill('not a website');
  await page.getByTestId('license-save').click();
  await expect(page.getByTestId('settings-status')).toContainText('allowed_websites');
  await page.getByTestId('allowed-websites').fill('');

  await page.getByTestId('settings-agents').click();
  const form = page.getByTestId('agent-create-form');
  await form.getByTestId('agent-id').fill('jane@example.com');
  await form.getByTestId('agent-name').fill('Jane');
  await form.getByTestId('agent-max-chats').fill('4');
  await form.getByTestId('agent-submit').click();
  const token = (await page.getByTestId('agent-token-value').textContent())!;
  expect(token.length).toBeGreaterThan(10);
  await expect(page.getByTestId('agent-row').filter({ hasText: 'jane@example.com' })).toContainText('4');
  expect(await axeFindings(page)).toEqual([]);

  const jane = await ConsoleUi.signIn(browser, server.url, 'jane@example.com', token);
  await jane.page.getByTestId('settings-toggle').click();
  await expect(jane.page.getByTestId('settings-agents')).toHaveCount(0);
  await jane.page.getByTestId('profile-name').fill('Jane Doe');
  await jane.page.getByTestId('profile-save').click();
  await expect(jane.page.getByTestId('settings-status')).toContainText('Saved');
  await page.getByTestId('settings-groups').click();
  await page.getByTestId('settings-agents').click();
  await expect(page.getByTestId('agent-row').filter({ hasText: 'jane@example.com' })).toContainText('Jane Doe');

  await jane.close();
  await ui.close();
});
