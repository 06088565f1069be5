import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { agentWeb } from '../src/testing/testClients.js';
import type { TestServer } from '../src/testing/testServer.js';
import { startHostSite, type HostSite } from './support/hostSite.js';
import { agentOf, startPlatform } from './support/platform.js';
import { embeddedWidget, launcher, WidgetUi } from './support/widget.js';

/**
 * The visitor's widget around the chats (#15, part A): several chats on a fresh server, home,
 * people, language, theme, attention, and the defects of the issue. One server for the file,
 * without a chat limit set by the test: the first start's 5 applies.
 */
let server: TestServer;
let host: HostSite;
test.beforeAll(async () => {
  server = await startPlatform();
  await agentWeb(server, 'update_agent', { id: server.credentials.owner.id, name: 'Olivia Owner', avatar: `${server.url}/favicon.svg` }, { api: 'configuration' });
  const root = mkdtempSync(join(tmpdir(), 'sb-look-'));
  writeFileSync(join(root, 'index.html'), `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Northwind</title></head><body><h1>Shop</h1>
<script src="${server.url}/widget.js" data-lang="de" data-theme="dark" data-brand-color="#0f766e" data-site-name="Northwind" async></script></body></html>`);
  host = await startHostSite(root);
});
test.afterAll(async () => {
  await host?.close();
  await server?.close();
});

test('a fresh server lets a visitor hold several chats at once (#15.1)', async ({ page }) => {
  const widget = new WidgetUi(page);
  await page.goto(`${server.url}/`);
  for (const topic of ['Several 1', 'Several 2', 'Several 3']) await widget.startChat(topic);
  await widget.toList();
  await expect(page.getByTestId('chat-item').filter({ hasText: /Several \d/ })).toHaveCount(3);
});

test('focus lands in the composer after starting a chat and after a reload (#15.2)', async ({ page }) => {
  const widget = new WidgetUi(page);
  await page.goto(`${server.url}/`);
  await widget.startChat('Focus');
  await expect(widget.composer()).toBeFocused();
  await page.keyboard.type('typed at once');
  await expect(widget.composer()).toHaveValue('typed at once');
  await page.reload();
  await expect(page.getByRole('heading', { name: 'Focus', exact: true })).toBeVisible();
  await expect(widget.composer()).toBeFocused();
});

test('system messages are written for the visitor, in the timeline and the list (#15.3)', async ({ page }) => {
  const widget = new WidgetUi(page);
  await page.goto(`${server.url}/`);
  await widget.startChat('Jargon');
  await widget.send('hello');
  await agentWeb(server, 'deactivate_chat', { id: await agentOf(server).chatIdByTopic('Jargon') });
  await expect(page.getByTestId('system-message').last()).toHaveText('Chat ended');
  await expect(page.getByText(/archived the chat/)).toHaveCount(0);
  await expect(widget.chatItem('Jargon')).toContainText('Chat ended');
});

test('a refused upload says why: too large with the limit, or a type that is not allowed (#15.4)', async ({ page }) => {
  const widget = new WidgetUi(page);
  await page.goto(`${server.url}/`);
  await widget.startChat('Uploads');
  const input = page.locator('input[type=file]');
  await input.setInputFiles({ name: 'big.bin', mimeType: 'application/octet-stream', buffer: Buffer.alloc(10 * 1024 * 1024 + 1) });
  await expect(page.getByRole('alert').filter({ hasText: 'big.bin' })).toContainText('big.bin is too large to send. Files can be up to 10 MB.');
  await input.setInputFiles({ name: 'setup.exe', mimeType: 'application/octet-stream', buffer: Buffer.from('MZ....') });
  await expect(page.getByRole('alert').filter({ hasText: 'setup.exe' })).toContainText('setup.exe was not sent: this type of file is not allowed.');
});

test('the live region announces only messages that arrive while the page is open (#15.5)', async ({ page }) => {
  const widget = new WidgetUi(page);
  const agent = agentOf(server);
  await page.goto(`${server.url}/`);
  await widget.startChat('Announce');
  await widget.send('question');
  await agent.say(await agent.chatIdByTopic('Announce'), 'An older answer');
  await expect(widget.messages().filter({ hasText: 'An older answer' })).toBeVisible();
  await page.reload();
  await expect(widget.messages().filter({ hasText: 'An older answer' })).toBeVisible();
  await expect(page.getByTestId('announcer')).toHaveText('');
  await agent.say(await agent.chatIdByTopic('Announce'), 'A fresh answer');
  await expect(page.getByTestId('announcer')).toHaveText('New message from Olivia Owner in Announce: A fresh answer');
});

test('the browser\'s language and locale choose the words and times; every page has a favicon (#15.6)', async ({ browser }) => {
  const context = await browser.newContext({ locale: 'de-DE' });
  const page = await context.newPage();
  const widget = new WidgetUi(page);
  await page.goto(`${server.url}/`);
  await expect(page.locator('html')).toHaveAttribute('lang', 'de-DE');
  await page.getByTestId('new-chat').click();
  await page.getByTestId('topic-input').fill('Uhrzeit');
  await page.getByRole('button', { name: 'Chat starten' }).click();
  await widget.composer().fill('Hallo');
  await widget.composer().press('Enter');
  await agentOf(server).say(await agentOf(server).chatIdByTopic('Uhrzeit'), 'Guten Tag');
  await expect(widget.messages().filter({ hasText: 'Guten Tag' }).locator('time')).toHaveText(/^\d{1,2}:\d{2}$/); // 24-hour: no AM/PM
  await context.close();

  for (const [path, icon] of [['/', '/favicon.svg'], ['/demo/', 'favicon.svg'], ['/console/', '/favicon.svg'], ['/frame/', '/favicon.svg']] as const) {
    const response = await fetch(`${server.url}${path}`);
    expect(await response.text(), path).toContain(`<link rel="icon" href="${icon}"`);
    const image = await fetch(new URL(icon, `${server.url}${path}`));
    expect(image.headers.get('content-type'), path).toBe('image/svg+xml');
  }
  const icon = await fetch(`${server.url}/favicon.ico`);
  expect(icon.status).toBe(200);
  expect(icon.headers.get('content-type')).toBe('image/svg+xml');
});

test('home shows the site, welcome text, team, online status and reply time from the license settings', async ({ page }) => {
  await server.built.platform.licenses.update(1, 'agent', { switchboard: { widget_name: 'Northwind Outfitters', welcome_text: 'Questions about your order? Ask away.', reply_time: '3', logo_url: `${server.url}/favicon.svg` } });
  const widget = new WidgetUi(page);
  await page.goto(`${server.url}/`);
  const home = page.getByTestId('home');
  await expect(home.getByRole('heading', { name: 'Northwind Outfitters' })).toBeVisible();
  await expect(home.getByRole('img', { name: 'Northwind Outfitters logo' })).toBeVisible();
  await expect(home.getByTestId('home-welcome')).toHaveText('Questions about your order? Ask away.');
  await expect(home.getByTestId('home-status')).toHaveText('We are online');
  await expect(home.getByTestId('home-reply-time')).toHaveText('We usually reply in about 3 min');
  await expect(page.getByTestId('new-chat')).toBeVisible();
  // the agent a visitor met shows with the avatar image, in the team, on messages and in the header
  await widget.startChat('People');
  await widget.send('hi');
  await agentOf(server).say(await agentOf(server).chatIdByTopic('People'), 'Hello, I am Olivia.');
  const reply = widget.messages().filter({ hasText: 'Hello, I am Olivia.' });
  await expect(reply.locator('img.sb-avatar')).toHaveAttribute('src', `${server.url}/favicon.svg`);
  await expect(reply.getByText('Olivia Owner')).toBeVisible();
  await expect(page.locator('.sb-chat__avatars img.sb-avatar')).toHaveCount(1);
  await expect(home.getByRole('list', { name: 'Our team' }).locator('img')).toHaveCount(1);
  await server.built.platform.licenses.delete(1, 'agent', { switchboard: ['widget_name', 'welcome_text', 'reply_time', 'logo_url'] });
});

test('Arabic lays the widget out right to left', async ({ page }) => {
  await page.goto(`${server.url}/?lang=ar`);
  await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
  await expect(page.locator('.sb-root')).toHaveAttribute('dir', 'rtl');
  await expect(page.getByRole('button', { name: 'محادثة جديدة' })).toBeVisible();
  // the home and chat list pane starts on the right
  const box = await page.getByTestId('home').boundingBox();
  expect(box!.x).toBeGreaterThan(640);
});

test('the theme follows prefers-color-scheme unless the page fixes one', async ({ browser }) => {
  const context = await browser.newContext({ colorScheme: 'dark' });
  const page = await context.newPage();
  await page.goto(`${server.url}/`);
  const background = () => page.locator('.sb-root').evaluate((element) => getComputedStyle(element).backgroundColor);
  await expect.poll(background).toBe('rgb(17, 24, 39)');
  await page.goto(`${server.url}/?theme=light`);
  await expect.poll(background).toBe('rgb(255, 255, 255)');
  await context.close();
});

test('with sound on, a reply while the tab is in the background chimes', async ({ page }) => {
  // the tab in the background, and an AudioContext that counts the chimes it is asked for
  await page.addInitScript(() => {
    Object.defineProperty(document, 'visibilityState', { get: () => 'hidden' });
    const counted = window as unknown as { chimes: number };
    counted.chimes = 0;
    const Real = window.AudioContext;
    window.AudioContext = class extends Real {
      constructor() {
        super();
        counted.chimes += 1;
      }
    };
  });
  const widget = new WidgetUi(page);
  await page.goto(`${server.url}/?sound=on`);
  await widget.startChat('Chime');
  await agentOf(server).say(await agentOf(server).chatIdByTopic('Chime'), 'Ding');
  await expect(widget.messages().filter({ hasText: 'Ding' })).toBeVisible();
  await expect.poll(() => page.evaluate(() => (window as unknown as { chimes: number }).chimes)).toBe(1);
  await expect(page).toHaveTitle('(1) Chat');
});

test('a reply while the visitor is elsewhere shows in the page title; the embed uses the site\'s language, theme and brand colour', async ({ page }) => {
  const widget = new WidgetUi(page);
  const agent = agentOf(server);
  await page.goto(`${server.url}/`);
  await widget.startChat('Attention A');
  await widget.startChat('Attention B');
  await agent.say(await agent.chatIdByTopic('Attention A'), 'Reply in the other chat');
  await expect(page).toHaveTitle('(1) Chat');
  await widget.open('Attention A');
  await expect(page).toHaveTitle('Chat');

  await page.goto(`${host.url}/`);
  const embedded = embeddedWidget(page);
  await launcher(page).click();
  await expect(embedded.root.getByRole('button', { name: 'Neuer Chat' })).toBeVisible();
  await expect(embedded.root.locator('.sb-root')).toHaveAttribute('data-theme', 'dark');
  await expect(embedded.root.getByTestId('home').getByRole('heading', { name: 'Northwind' })).toBeVisible();
  expect(await launcher(page).evaluate((element) => getComputedStyle(element).backgroundColor)).toBe('rgb(15, 118, 110)');
  await embedded.root.getByTestId('new-chat').click();
  await embedded.root.getByTestId('topic-input').fill('Eingebettet');
  await embedded.root.getByRole('button', { name: 'Chat starten' }).click();
  await expect(embedded.composer()).toBeFocused();
  await page.keyboard.press('Escape');
  await agent.say(await agent.chatIdByTopic('Eingebettet'), 'Antwort');
  await expect(launcher(page)).toHaveAttribute('aria-label', /1 unread/);
  await expect(page).toHaveTitle('(1) Northwind');
});

test('a first-time visitor sees the team on home before any chat: images, initials, names, no bots (#15)', async ({ browser }) => {
  await agentWeb(server, 'create_agent', { id: 'bea@example.com', name: 'Bea Builder' }, { api: 'configuration' });
  await agentWeb(server, 'create_bot', { name: 'Helper bot', owner_client_id: 'e2e-team' }, { api: 'configuration' });
  const context = await browser.newContext({ viewport: { width: 375, height: 740 } });
  try {
    const page = await context.newPage();
    await page.goto(`${server.url}/`);
    const team = page.getByTestId('home').getByRole('list', { name: 'Our team' });
    await expect(team.getByRole('listitem')).toHaveCount(2);
    await expect(team.getByRole('listitem').nth(0)).toHaveAttribute('title', 'Olivia Owner');
    await expect(team.locator('img.sb-avatar')).toHaveAttribute('src', `${server.url}/favicon.svg`);
    await expect(team.getByRole('listitem').nth(1).locator('.sb-avatar--initial')).toHaveText('B');
    await expect(team.getByText('Bea Builder')).toBeAttached(); // said to screen readers
    await expect(team).not.toContainText('Helper bot');
    await expect(page.getByTestId('chat-item')).toHaveCount(0);
  } finally {
    await context.close();
    await agentWeb(server, 'delete_agent', { id: 'bea@example.com' }, { api: 'configuration' });
  }
});
