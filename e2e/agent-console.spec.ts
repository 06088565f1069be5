import { expect, test } from '@playwright/test';
import { configWeb } from '../src/testing/configClient.js';
import { createTestAgent } from '../src/testing/testClients.js';
import { ConsoleUi } from './support/console.js';
import { useConsoleStage } from './support/consoleStage.js';

/**
 * The agent console against a real server: a visitor (embed widget on the demo site) and the
 * owner (console) talk over two concurrent chats; a second agent takes a transfer in their own
 * console; the owner bans the visitor and the visitor's widget says so.
 */
const stage = useConsoleStage({
  ownerAccepting: { chatLimit: 2 },
  async prepare(server) {
    // tag_thread takes registered tags only (#13)
    await configWeb(server, 'create_tag', { name: 'returns', group_ids: [0] });
  },
});

test('a visitor and agents hold two chats, a transfer and a ban through the console', async () => {
  test.setTimeout(240_000); // three browser contexts and a real server; slow on a busy machine
  const { server, browser } = stage;
  const second = await createTestAgent(server, 'second@example.com', { name: 'Second Agent' });
  const agent = await stage.signInOwner();
  await expect(agent.page.getByTestId('routing-status')).toHaveValue('accepting_chats');

  const visitor = await stage.visitDemoSite();
  const { widget } = visitor;

  // First chat: arrives live in "My chats" with its topic; the conversation goes both ways.
  await widget.startChat('Order status');
  await widget.send('Where is my order 1042?');
  await expect(agent.entry('Order status')).toContainText('Where is my order 1042?');
  await expect(agent.entry('Order status').getByTestId('unread-count')).toHaveText('1');
  await expect(agent.page).toHaveTitle('(1) Switchboard console');
  await agent.page.getByTestId('mute-toggle').click();
  await expect(agent.page).toHaveTitle('Switchboard console');
  await agent.page.getByTestId('mute-toggle').click();
  await agent.open('Order status');
  await expect(agent.page).toHaveTitle('Switchboard console');
  await expect(agent.page.getByTestId('customer-page')).toBeVisible();
  await expect(agent.messages().filter({ hasText: 'Where is my order 1042?' })).toBeVisible();
  await agent.reply('It left our warehouse today.');
  await expect(widget.messages().filter({ hasText: 'It left our warehouse today.' })).toBeVisible();

  // The session survives a reload of the tab.
  await agent.page.reload();
  await expect(agent.page.getByTestId('connection-status')).toHaveText('Connected');
  await expect(agent.entry('Order status')).toContainText('It left our warehouse today.');

  // Second, concurrent chat: the sneak peek shows while the visitor types.
  await widget.startChat('Returns');
  await widget.composer().pressSequentially('I want to ret');
  await expect(agent.entry('Returns')).toBeVisible();
  await agent.open('Returns');
  await expect(agent.page.getByTestId('sneak-peek')).toContainText('I want to ret');
  await widget.composer().pressSequentially('urn a jacket.');
  await widget.composer().press('Enter');
  await expect(agent.messages().filter({ hasText: 'I want to return a jacket.' })).toBeVisible();
  await agent.reply('Sure, which size was it?');
  await expect(widget.messages().filter({ hasText: 'Sure, which size was it?' })).toBeVisible();
  await expect(agent.page.getByTestId('customer-panel').getByTestId('other-chat')).toHaveText('Order status');
  await agent.page.getByTestId('composer-file').setInputFiles({ name: 'return-label.txt', mimeType: 'text/plain', buffer: Buffer.from('RMA 7731') });
  await expect(agent.messages().filter({ hasText: 'return-label.txt' })).toBeVisible();
  await expect(widget.messages().filter({ hasText: 'return-label.txt' })).toBeVisible();
  await agent.page.getByTestId('tag-chat').click();
  await agent.page.getByLabel('Tag', { exact: true }).fill('returns');
  await agent.page.getByTestId('tag-confirm').click();
  await expect(agent.page.getByTestId('thread-tag')).toHaveText('returns');

  // Transfer "Returns" to the second agent, who answers from their own console.
  const secondUi = await ConsoleUi.signIn(browser, server.url, second.id, second.token);
  await agent.page.getByTestId('transfer-chat').click();
  await agent.page.getByTestId('transfer-agent').selectOption(second.id);
  await agent.page.getByTestId('transfer-confirm').click();
  await expect(agent.entry('Returns')).toHaveCount(0);
  await expect(secondUi.entry('Returns')).toBeVisible();
  await secondUi.open('Returns');
  await expect(secondUi.messages().filter({ hasText: 'I want to return a jacket.' })).toBeVisible();
  await secondUi.reply('Hi, I took over. Size M is in stock.');
  await expect(widget.messages().filter({ hasText: 'Size M is in stock.' })).toBeVisible();

  // Ban, after a confirmation: the visitor's widget says so.
  await agent.open('Order status');
  await agent.page.getByTestId('ban-customer').click();
  await expect(agent.page.getByRole('dialog')).toBeVisible();
  await agent.page.getByTestId('ban-confirm').click();
  await expect(agent.page.getByRole('dialog')).toHaveCount(0);
  await expect(widget.root.getByTestId('composer-hint')).toContainText('banned');
  await expect(agent.entry('Order status')).toHaveCount(0);

  // Signing out ends the session: the sign-in form is back, also after a reload.
  await agent.page.getByTestId('sign-out').click();
  await expect(agent.page.getByLabel('Agent id')).toBeVisible();
  await agent.page.reload();
  await expect(agent.page.getByLabel('Agent id')).toBeVisible();

  await secondUi.close();
  await visitor.close();
  await agent.close();
});

test('two tabs of one agent show the same chats, replies and status; signing out ends both', async () => {
  test.setTimeout(180_000);
  const tabA = await stage.signInOwner();
  const tabB = await stage.signInOwner();
  const visitor = await stage.visitDemoSite();
  const { widget } = visitor;
  await widget.startChat('Two tabs');
  await widget.send('Hello from a new visitor');

  await expect(tabA.entry('Two tabs')).toContainText('Hello from a new visitor');
  await expect(tabB.entry('Two tabs')).toContainText('Hello from a new visitor');
  await tabA.open('Two tabs');
  await tabA.reply('Answered from tab A');
  await expect(tabB.entry('Two tabs')).toContainText('Answered from tab A');
  await expect(tabB.entry('Two tabs').getByTestId('unread-count')).toHaveCount(0);

  await tabA.page.getByTestId('routing-status').selectOption('not_accepting_chats');
  await expect(tabB.page.getByTestId('routing-status')).toHaveValue('not_accepting_chats');
  await tabA.page.getByTestId('routing-status').selectOption('accepting_chats');
  await expect(tabB.page.getByTestId('routing-status')).toHaveValue('accepting_chats');

  await tabA.page.getByTestId('sign-out').click();
  await expect(tabB.page.getByRole('alert')).toHaveText('You were signed out.');
  await expect(tabB.page.getByLabel('Agent id')).toBeVisible();

  await visitor.close();
  await tabA.close();
  await tabB.close();
});
