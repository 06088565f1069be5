import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import type { TestServer } from '../src/testing/testServer.js';
import { startHostSite, type HostSite } from './support/hostSite.js';
import { agentOf, startPlatform } from './support/platform.js';
import { embeddedWidget, launcher } from './support/widget.js';

/**
 * The embed on a hostile page on another site: aggressive global CSS, polluted prototypes,
 * a page script that replaces <body>'s children, and a strict CSP (no inline script or style,
 * scripts and frames only from the page itself and the Switchboard host, Trusted Types).
 */
let server: TestServer;
let site: HostSite;
test.beforeAll(async () => {
  server = await startPlatform();
  site = await startHostSite(join(import.meta.dirname, 'fixtures/hostile'), {
    vars: { HOST: server.url, ORG: server.credentials.organization_id },
    headers: () => ({
      'content-security-policy': [
        "default-src 'none'", `script-src 'self' ${server.url}`, "style-src 'self'", `frame-src ${server.url}`,
        "img-src 'self'", "connect-src 'self'", "base-uri 'none'", "form-action 'none'", "require-trusted-types-for 'script'",
      ].join('; '),
    }),
  });
});
test.afterAll(async () => {
  await site?.close();
  await server?.close();
});

test('a hostile host page does not break the embedded widget', async ({ page }) => {
  const errors: string[] = [];
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      const w = window as unknown as { cspViolations?: string[] };
      (w.cspViolations ??= []).push(`${e.violatedDirective} ${e.blockedURI}`);
    });
  });
  page.on('pageerror', (error) => errors.push(error.message));
  await page.goto(`${site.url}/`);

  // the launcher is drawn as designed: a 56 px round button 16 px from the bottom-right corner
  await expect(launcher(page)).toBeVisible();
  const box = await launcher(page).boundingBox();
  expect(box).toMatchObject({ width: 56, height: 56 });
  expect(box!.x + box!.width).toBeCloseTo(1280 - 16, 0);
  expect(box!.y + box!.height).toBeCloseTo(800 - 16, 0);
  // the page polluted Object.prototype.open / .q: the loader still installed its own API
  expect(await page.evaluate(() => Object.hasOwn((window as unknown as { Switchboard: object }).Switchboard, 'open'))).toBe(true);

  await launcher(page).click();
  const panel = page.locator('switchboard-launcher [role="dialog"]');
  await expect(panel).toBeVisible();
  expect(await panel.boundingBox()).toMatchObject({ width: 400 });

  // the page script replaced <body>'s children; the launcher came back and works
  await page.waitForTimeout(1600);
  await expect(launcher(page)).toBeVisible();
  const widget = embeddedWidget(page);
  await widget.startChat('Hostile page');
  await widget.send('Does this work here?');
  const agent = agentOf(server);
  await agent.say(await agent.chatIdByTopic('Hostile page'), 'It does.');
  await expect(widget.messages().filter({ hasText: 'It does.' })).toBeVisible();

  expect(await page.evaluate(() => (window as unknown as { cspViolations?: string[] }).cspViolations ?? [])).toEqual([]);
  expect(await page.evaluate(() => (window as unknown as { __polluted_open_called?: boolean }).__polluted_open_called ?? false)).toBe(false);
  expect(errors).toEqual([]);
});
