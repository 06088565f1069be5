import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import react from '@vitejs/plugin-react';
import { build } from 'vite';
import type { TestServer } from '../src/testing/testServer.js';
import { startHostSite, type HostSite } from './support/hostSite.js';
import { agentOf, startPlatform } from './support/platform.js';
import { WidgetUi } from './support/widget.js';

/**
 * The npm React component: `npm pack` the repository, install the tarball into a fresh fixture app
 * (e2e/fixture-app: Vite + React, `import { ChatWidget, SwitchboardProvider } from 'switchboard'`),
 * type-check a consumer against the packed declarations, build the app, and chat in Chromium.
 */
const root = join(import.meta.dirname, '..');
const app = join(import.meta.dirname, 'fixture-app');
const installed = join(app, 'node_modules', 'switchboard');
let server: TestServer;
let site: HostSite;
let work: string;

test.beforeAll(async () => {
  test.setTimeout(180_000);
  work = mkdtempSync(join(tmpdir(), 'switchboard-pack-'));
  const packed = JSON.parse(execFileSync('npm', ['pack', '--json', '--pack-destination', work], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] })) as { filename: string; files: { path: string }[] }[];
  const { filename, files } = packed[0]!;
  const paths = files.map((file) => file.path);
  expect(paths).toEqual(expect.arrayContaining(['package.json', 'dist/lib/switchboard.js', 'dist/lib/switchboard.css', 'dist/lib/types/widget/entries/lib.d.ts', 'dist/embed/widget.js']));
  expect(paths.filter((path) => path.startsWith('src/'))).toEqual([]);
  // "install" = unpack the tarball as npm does; react, react-dom (peers) resolve from the repository
  rmSync(installed, { recursive: true, force: true });
  mkdirSync(installed, { recursive: true });
  execFileSync('tar', ['-xzf', join(work, filename), '--strip-components=1', '-C', installed]);

  // a TypeScript consumer of the packed declarations
  const check = join(app, 'node_modules', '.typecheck');
  mkdirSync(check, { recursive: true });
  writeFileSync(join(check, 'consumer.ts'), [
    "import { createSwitchboard, unreadCount, type SwitchboardConfig, type WidgetState } from 'switchboard';",
    "const config: SwitchboardConfig = { apiUrl: 'https://chat.example.com', organizationId: 'org', clientId: 'app' };",
    'const state: WidgetState = createSwitchboard(config).store.getState();',
    "const counts: number[] = Object.values(state.chats).map((chat) => unreadCount(chat, state.customer?.id));",
    "// @ts-expect-error organizationId is required",
    "const incomplete: SwitchboardConfig = { apiUrl: 'x', clientId: 'c' };",
    'export { counts, incomplete };',
  ].join('\n'));
  writeFileSync(join(check, 'tsconfig.json'), JSON.stringify({
    compilerOptions: { strict: true, module: 'ESNext', moduleResolution: 'Bundler', target: 'ES2022', lib: ['ES2023', 'DOM'], jsx: 'react-jsx', types: [], noEmit: true, skipLibCheck: true },
    files: ['consumer.ts'],
  }));
  execFileSync(join(root, 'node_modules', '.bin', 'tsc'), ['-p', join(check, 'tsconfig.json')], { stdio: 'inherit' });

  const outDir = join(work, 'app');
  await build({ root: app, configFile: false, logLevel: 'warn', plugins: [react()], build: { outDir, emptyOutDir: true } });
  server = await startPlatform({ chatLimit: 2 });
  site = await startHostSite(outDir);
});
test.afterAll(async () => {
  await site?.close();
  await server?.close();
  if (work) rmSync(work, { recursive: true, force: true });
});

test('the packed component renders in a fresh React app and chats', async ({ page }) => {
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  const agent = agentOf(server);
  const widget = new WidgetUi(page);
  await page.goto(`${site.url}/?api=${encodeURIComponent(server.url)}&org=${server.credentials.organization_id}`);
  await expect(page.getByRole('heading', { name: 'Fixture app' })).toBeVisible();

  await widget.startChat('Package question');
  await widget.send('Installed from the tarball.');
  await widget.startChat('Second topic');
  await widget.send('And a second chat.');
  await agent.say(await agent.chatIdByTopic('Package question'), 'Welcome, npm user.');
  await agent.say(await agent.chatIdByTopic('Second topic'), 'Reply in the second chat.');
  await expect(widget.messages().filter({ hasText: 'Reply in the second chat.' })).toBeVisible();
  // the app's own view over the hooks sees the unread message of the other chat
  await expect(page.getByTestId('app-unread')).toHaveText('Unread messages: 1');
  await widget.open('Package question');
  await expect(widget.messages().filter({ hasText: 'Welcome, npm user.' })).toBeVisible();
  await expect(page.getByTestId('app-unread')).toHaveText('Unread messages: 0');

  await page.reload();
  await widget.open('Package question');
  await expect(widget.messages().filter({ hasText: 'Installed from the tarball.' })).toBeVisible();

  // the widget's styles stay inside it: the host's own button keeps the host's look
  const hostButton = page.getByTestId('host-button');
  expect(await hostButton.evaluate((el) => getComputedStyle(el).padding)).toBe('4px 8px');
  expect(errors).toEqual([]);
});

test('the host app\'s aggressive global CSS does not restyle the component, and theming still applies', async ({ page }) => {
  await page.goto(`${site.url}/?api=${encodeURIComponent(server.url)}&org=${server.credentials.organization_id}`);
  const newChat = page.getByTestId('new-chat');
  await expect(newChat).toBeEnabled();
  const style = (locator: typeof newChat) => locator.evaluate((el) => {
    const s = getComputedStyle(el);
    return { background: s.backgroundColor, color: s.color, border: s.borderTopStyle, padding: s.padding, font: s.fontFamily, fontStyle: s.fontStyle, fontSize: s.fontSize, letterSpacing: s.letterSpacing, textTransform: s.textTransform, boxSizing: s.boxSizing };
  });
  // fixture-app/index.html: `* { font: italic 22px … Comic Sans !important; letter-spacing; uppercase }`, `button { background: red !important; … }`
  expect(await style(page.getByTestId('host-button'))).toMatchObject({ background: 'rgb(255, 0, 0)', fontStyle: 'italic', textTransform: 'uppercase' });
  const widgetButton = await style(newChat);
  expect(widgetButton).toMatchObject({
    background: 'rgb(15, 118, 110)', // --switchboard-primary set on the host app's .chat container
    color: 'rgb(255, 255, 255)', border: 'solid', padding: '7px 14px', fontStyle: 'normal', fontSize: '15px',
    letterSpacing: 'normal', textTransform: 'none', boxSizing: 'border-box',
  });
  expect(widgetButton.font).not.toMatch(/comic/i);
  // and it still works: the topic form opens and its input keeps the widget's look
  await newChat.click();
  const input = page.getByTestId('topic-input');
  await expect(input).toBeFocused();
  expect(await input.evaluate((el) => getComputedStyle(el).backgroundColor)).not.toBe('rgb(255, 255, 0)');
});
