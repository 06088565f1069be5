import { expect, test } from '@playwright/test';
import { useConsoleStage } from './support/consoleStage.js';

/**
 * #14: the greeter bot hands a visitor to a person, and nobody is dropped on the way. The owner is
 * signed in but not accepting; the visitor asks the bot for a human; the chat waits under Queued;
 * the owner starts accepting, the chat arrives in My chats, the owner answers, the visitor sees it.
 */
const stage = useConsoleStage({ greeterBot: true });

test('a visitor who asks the bot for a human while nobody accepts waits in the queue and gets the first agent to accept', async () => {
  test.setTimeout(180_000);
  const agent = await stage.signInOwner();
  await agent.page.getByTestId('routing-status').selectOption('not_accepting_chats');
  await expect(agent.page.getByTestId('routing-status')).toHaveValue('not_accepting_chats');

  const visitor = await stage.visitDemoSite();
  const { widget } = visitor;
  await widget.startChat('Refund');
  await expect(widget.messages().filter({ hasText: 'greeter bot' })).toBeVisible();
  // "human" also appears in the bot's own lines, so the visitor's message is sent without widget.send's check.
  await widget.composer().fill('human');
  await widget.composer().press('Enter');
  await expect(widget.messages().filter({ hasText: 'you are in the queue' })).toBeVisible();

  await agent.tab('queued').click();
  await expect(agent.tab('queued')).toContainText('1');
  await expect(agent.page.getByTestId('list-queued').getByTestId('chat-entry').filter({ hasText: 'Refund' })).toBeVisible();

  await agent.page.getByTestId('routing-status').selectOption('accepting_chats');
  await agent.tab('my').click();
  await expect(agent.entry('Refund')).toBeVisible();
  await expect(agent.page.getByTestId('list-queued')).toHaveCount(0);
  await agent.open('Refund');
  await expect(agent.messages().filter({ hasText: 'you are in the queue' })).toBeVisible();
  await agent.reply('Hi, I am a person. How can I help with the refund?');
  await expect(widget.messages().filter({ hasText: 'I am a person' })).toBeVisible();

  await visitor.close();
  await agent.close();
});
