import { expect, test } from '@playwright/test';
import { useConsoleStage } from './support/consoleStage.js';

/**
 * #14 supervision: the owner sees a chat the greeter bot holds under "All chats", reads it, takes
 * it over and answers; the visitor sees the answer.
 */
const stage = useConsoleStage({ greeterBot: true });

test('the owner sees a chat the bot holds under All chats, takes it over and answers', async () => {
  test.setTimeout(180_000);
  const agent = await stage.signInOwner();

  const visitor = await stage.visitDemoSite();
  const { widget } = visitor;
  await widget.startChat('Plans');
  await widget.send('What does it cost?');
  await expect(widget.messages().filter({ hasText: 'free and open source' })).toBeVisible();

  await expect(agent.entry('Plans')).toHaveCount(0);
  await agent.page.getByTestId('tab-all').click();
  const entry = agent.page.getByTestId('list-all').getByTestId('chat-entry').filter({ hasText: 'Plans' });
  await expect(entry.getByTestId('chat-holder')).toHaveText('With Greeter');
  await entry.click();
  await expect(agent.page.getByTestId('chat-status')).toHaveText('With Greeter');
  await expect(agent.messages().filter({ hasText: 'free and open source' })).toBeVisible();
  // Following the open chat (follow_chat): what the visitor writes now arrives live.
  await widget.send('And the opening hours?');
  await expect(agent.messages().filter({ hasText: 'And the opening hours?' })).toBeVisible();
  await expect(agent.messages().filter({ hasText: 'Monday to Friday' })).toBeVisible();

  await agent.page.getByTestId('take-over-chat').click();
  await expect(agent.page.getByTestId('chat-status')).toHaveText('Active');
  await expect(entry.getByTestId('chat-holder')).toHaveText(/^With Owner/);
  await agent.reply('Hi, this is the owner. It is free; can I help you set it up?');
  await expect(widget.messages().filter({ hasText: 'this is the owner' })).toBeVisible();
  await agent.tab('my').click();
  await expect(agent.entry('Plans')).toBeVisible();

  await visitor.close();
  await agent.close();
});
