import { expect, test, type Page } from '@playwright/test';
import type { TestServer } from '../src/testing/testServer.js';
import { ConsoleUi, ensureConsoleBuilt } from './support/console.js';
import { agentOf, startPlatform } from './support/platform.js';
import { embeddedWidget, launcher, WidgetUi } from './support/widget.js';

/**
 * #11 defect 8: each page the server serves works under its own Content-Security-Policy.
 * Any `securitypolicyviolation` (in the page or any of its frames) or CSP console error fails.
 */
let server: TestServer;
test.beforeAll(async () => {
  ensureConsoleBuilt();
  server = await startPlatform({ chatLimit: 2 });
});
test.afterAll(async () => {
  await server?.close();
});

/** Records violations in every frame of the page, and Chromium's CSP console errors. */
async function watchCsp(page: Page): Promise<() => Promise<string[]>> {
  const logged: string[] = [];
  page.on('console', (message) => {
    if (/Content[ -]Security[ -]Policy/i.test(message.text())) logged.push(message.text());
  });
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      const w = window as unknown as { cspViolations?: string[] };
      (w.cspViolations ??= []).push(`${e.effectiveDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`);
    });
  });
  return async () => {
    const seen = [...logged];
    for (const frame of page.frames()) {
      seen.push(...(await frame.evaluate(() => (window as unknown as { cspViolations?: string[] }).cspViolations ?? []).catch(() => [])));
    }
    return seen;
  };
}

test('the standalone page (/) runs a chat with an agent reply and no CSP violation', async ({ page }) => {
  const violations = await watchCsp(page);
  const response = await page.goto(`${server.url}/`);
  expect(response?.headers()['content-security-policy']).toContain("script-src 'self'");
  const widget = new WidgetUi(page);
  await widget.startChat('Strict page');
  await widget.send('Hello under CSP');
  await agentOf(server).say(await agentOf(server).chatIdByTopic('Strict page'), 'See https://example.com/help');
  await expect(widget.messages().filter({ hasText: 'See https://example.com/help' })).toBeVisible();
  expect(await violations()).toEqual([]);
});

test('the demo site (/demo/) and the embed iframe (/frame/) open the widget with no CSP violation', async ({ page }) => {
  const violations = await watchCsp(page);
  await page.goto(`${server.url}/demo/`);
  await launcher(page).click();
  const widget = embeddedWidget(page);
  await widget.startChat('Framed');
  await widget.send('Hello from the frame');
  expect(await violations()).toEqual([]);
});

test('the agent console (/console/) signs in and shows a chat with no CSP violation', async ({ page, browser }) => {
  const violations = await watchCsp(page);
  const response = await page.goto(`${server.url}/console/`);
  expect(response?.headers()['x-frame-options']).toBe('DENY');
  expect(await violations()).toEqual([]);
  const agentConsole = await ConsoleUi.signIn(browser, server.url, server.credentials.owner.id, server.credentials.owner.personal_access_token);
  const consoleViolations = await watchCsp(agentConsole.page);
  await agentConsole.page.reload();
  await expect(agentConsole.page.getByTestId('connection-status')).toHaveText('Connected');
  await agentConsole.open('Strict page');
  await expect(agentConsole.messages().filter({ hasText: 'Hello under CSP' })).toBeVisible();
  expect(await consoleViolations()).toEqual([]);
  await agentConsole.page.context().close();
});
