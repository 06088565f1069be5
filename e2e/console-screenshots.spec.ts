import { expect, test, type Page } from '@playwright/test';
import { createTestAgent } from '../src/testing/testClients.js';
import { useConsoleStage } from './support/consoleStage.js';
import { shootLightAndDark } from './support/screenshots.js';
import { visitorChat } from './support/visitors.js';

/**
 * Screenshots of the console at 1280 px, light and dark, into docs/screenshots/console-*.png.
 * Not part of the suite: runs only with SCREENSHOTS=1 (`SCREENSHOTS=1 npm run e2e -- console-screenshots`).
 */
const stage = useConsoleStage({ greeterBot: true });

function shoot(page: Page, name: string): Promise<void> {
  return shootLightAndDark(page, `console-${name}`);
}

test('console views at 1280 px, light and dark', async () => {
  test.setTimeout(180_000);
  const { server } = stage;
  const agent = await stage.signInOwner();
  await agent.page.getByTestId('routing-status').selectOption('not_accepting_chats');

  // Two visitors asked the bot for a person while nobody accepted: they wait under Queued.
  for (const [name, topic] of [['Maria Keller', 'Refund for order 1042'], ['Tom Baker', 'Invoice address']] as const) {
    const { customer, chatId } = await visitorChat(server, { name, topic, text: 'Can I talk to a human, please?' });
    await customer.rtm.push('chat_transferred', (p) => p.chat_id === chatId, 15_000);
  }
  await agent.tab('queued').click();
  await expect(agent.page.getByTestId('list-queued').getByTestId('chat-entry')).toHaveCount(2);
  await agent.page.getByTestId('chat-entry').filter({ hasText: 'Maria Keller' }).click();
  await expect(agent.page.getByTestId('chat-panel-topic')).toContainText('Refund');
  await shoot(agent.page, 'queued');

  // A visitor the bot is still helping: only "All chats" shows it, with who holds it.
  const { customer, chatId } = await visitorChat(server, { name: 'Lena Fischer', topic: 'Pricing', text: 'What do your plans cost?' });
  await customer.rtm.push('incoming_event', (p) => p.chat_id === chatId && /open source/.test(String((p.event as { text?: string }).text)), 15_000);
  await agent.page.getByTestId('tab-all').click();
  await agent.page.getByTestId('list-all').getByTestId('chat-entry').filter({ hasText: 'Lena Fischer' }).click();
  await expect(agent.page.getByTestId('chat-status')).toHaveText('With Greeter');
  await expect(agent.messages().filter({ hasText: 'open source' })).toBeVisible();
  await shoot(agent.page, 'all-chats');

  // Settings: the license and widget, then the team with a just-created agent's one-time token.
  await agent.page.getByTestId('settings-toggle').click();
  await agent.page.getByTestId('widget-widget_name').fill('Acme support');
  await agent.page.getByTestId('widget-welcome_text').fill('Hi! Ask us anything about your order.');
  await agent.page.getByTestId('widget-reply_time').fill('within a few minutes');
  await agent.page.getByTestId('allowed-websites').fill('https://shop.example https://www.shop.example');
  await agent.page.getByTestId('license-save').click();
  await expect(agent.page.getByTestId('settings-status')).toHaveText('Saved.');
  await shoot(agent.page, 'settings-widget');
  await agent.page.getByTestId('settings-groups').click();
  await agent.page.getByTestId('group-new-name').fill('Billing');
  await agent.page.getByTestId('group-add').click();
  await expect(agent.page.getByTestId('group-row')).toHaveCount(2);
  await agent.page.getByTestId('settings-agents').click();
  const form = agent.page.getByTestId('agent-create-form');
  await form.getByTestId('agent-id').fill('jane@example.com');
  await form.getByTestId('agent-name').fill('Jane Doe');
  await form.getByTestId('agent-group-1').check();
  await form.getByTestId('agent-submit').click();
  await expect(agent.page.getByTestId('agent-token')).toBeVisible();
  await shoot(agent.page, 'settings-agents');

  // Transfer: people by name, status and load; only those who can take the chat.
  await agent.page.getByTestId('settings-close').click();
  await agent.page.getByTestId('routing-status').selectOption('accepting_chats');
  await agent.tab('my').click();
  await agent.entry('Refund for order 1042').click();
  for (const [id, name] of [['sam@example.com', 'Sam Carter'], ['priya@example.com', 'Priya Nair']] as const) {
    const teammate = await createTestAgent(server, id, { name });
    await teammate.connect();
  }
  await agent.page.getByTestId('transfer-chat').click();
  await expect(agent.page.getByTestId('transfer-agent').locator('option')).toHaveCount(2);
  await shoot(agent.page, 'transfer');
  await agent.close();
});
