import { expect, test } from '@playwright/test';
import { axeFindings } from './support/axe.js';
import { useConsoleStage } from './support/consoleStage.js';
import { tabTo } from './support/keyboard.js';
import { visitorChat } from './support/visitors.js';

/** The console with the keyboard only, and axe-core scans of its views in light and dark (#14). */
const stage = useConsoleStage({ greeterBot: true });

test('a supervisor reaches a bot-held chat, takes it over and answers with the keyboard only; axe finds nothing serious', async () => {
  test.setTimeout(180_000);
  const { server } = stage;
  const agent = await stage.signInOwner();
  const { customer, chatId } = await visitorChat(server, { name: 'Keyboard Visitor', topic: 'Pricing', text: 'What does it cost?' });
  await customer.rtm.push('incoming_event', (p) => p.chat_id === chatId && /open source/.test(String((p.event as { text?: string }).text)), 15_000);
  const page = agent.page;

  await page.locator('body').focus();
  await tabTo(page, 'tab-my');
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  await expect(page.getByTestId('tab-all')).toBeFocused();
  await expect(page.getByTestId('tab-all')).toHaveAttribute('aria-selected', 'true');
  await tabTo(page, 'chat-entry');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('chat-status')).toHaveText('With Greeter');
  expect(await axeFindings(page)).toEqual([]);

  await tabTo(page, 'take-over-chat');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('chat-status')).toHaveText('Active');
  await tabTo(page, 'composer-input');
  await page.keyboard.type('Typed without a mouse');
  await page.keyboard.press('Enter');
  await expect(customer.rtm.push('incoming_event', (p) => (p.event as { text?: string }).text === 'Typed without a mouse')).resolves.toBeTruthy();

  await page.getByTestId('tab-queued').click();
  expect(await axeFindings(page)).toEqual([]);
  await agent.close();
});
