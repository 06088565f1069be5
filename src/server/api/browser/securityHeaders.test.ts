import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { agentWeb } from '../../../testing/testClients.js';
import { startTestServer, type TestServer } from '../../../testing/testServer.js';

/** #11 defect 8: every page the server serves carries a strict CSP and the framing rules. */
let server: TestServer;
let sites: string;
beforeAll(async () => {
  // Minimal stand-ins for the built front ends, so the test does not depend on `npm run build`.
  sites = mkdtempSync(join(tmpdir(), 'switchboard-sites-'));
  for (const folder of ['dist/page', 'dist/frame', 'dist/console', 'public/demo']) {
    mkdirSync(join(sites, folder), { recursive: true });
    writeFileSync(join(sites, folder, 'index.html'), '<!doctype html><title>x</title>');
  }
  server = await startTestServer({ distDir: join(sites, 'dist'), publicDir: join(sites, 'public') });
});
afterAll(async () => {
  await server.close();
  rmSync(sites, { recursive: true, force: true });
});

async function headersOf(path: string) {
  const res = await fetch(`${server.url}${path}`);
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toMatch(/^text\/html/);
  const csp = res.headers.get('content-security-policy') ?? '';
  const directives = Object.fromEntries(csp.split(/;\s*/).map((d) => { const [name, ...values] = d.split(' '); return [name, values.join(' ')]; }));
  return { csp, directives, frameOptions: res.headers.get('x-frame-options') };
}

describe('security headers (#11)', () => {
  describe('HTML pages', () => {
    it('carry a CSP without inline script, eval or inline style on every front end', async () => {
      for (const path of ['/', '/?chat=abc', '/frame/?origin=https%3A%2F%2Fshop.example', '/console/', '/demo/']) {
        const { csp, directives } = await headersOf(path);
        expect(directives['script-src']).toBe("'self'");
        expect(directives['style-src']).toBe("'self'");
        expect(directives['object-src']).toBe("'none'");
        expect(csp).not.toMatch(/unsafe-inline|unsafe-eval/);
      }
    });

    it("forbid framing the console (frame-ancestors 'none' and X-Frame-Options DENY)", async () => {
      const { directives, frameOptions } = await headersOf('/console/');
      expect(directives['frame-ancestors']).toBe("'none'");
      expect(frameOptions).toBe('DENY');
    });

    it('let any site frame the widget pages while security.allowed_websites is empty, and only those sites once set', async () => {
      for (const path of ['/', '/frame/']) expect((await headersOf(path)).directives['frame-ancestors']).toBe('*');
      await agentWeb(server, 'update_license_properties', { properties: { security: { allowed_websites: 'https://shop.example' } } }, { api: 'configuration' });
      try {
        for (const path of ['/', '/frame/']) {
          const { directives, frameOptions } = await headersOf(path);
          expect(directives['frame-ancestors']).toBe("'self' https://shop.example");
          expect(frameOptions).toBeNull();
        }
      } finally {
        await agentWeb(server, 'update_license_properties', { properties: { security: { allowed_websites: '' } } }, { api: 'configuration' });
      }
    });
  });
});
