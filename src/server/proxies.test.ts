import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from './config.js';
import { startTestServer, type TestServer } from '../testing/testServer.js';

/** #11 defect 4: forwarded headers count only when TRUST_PROXY says so; PUBLIC_URL is an origin. */
describe('loadConfig()', () => {
  describe('PUBLIC_URL', () => {
    it('keeps an http(s) origin without its trailing slash and refuses paths and other schemes', () => {
      expect(loadConfig({ PUBLIC_URL: 'https://chat.example.com/' }).publicUrl).toBe('https://chat.example.com');
      expect(loadConfig({}).publicUrl).toBeUndefined();
      for (const bad of ['chat.example.com', 'javascript:alert(1)', 'https://chat.example.com/app', 'https://u:p@chat.example.com']) {
        expect(() => loadConfig({ PUBLIC_URL: bad })).toThrow(/PUBLIC_URL/);
      }
    });
  });

  describe('TRUST_PROXY', () => {
    it('is off unless set; true or a list of proxy addresses otherwise', () => {
      expect(loadConfig({}).trustProxy).toBe(false);
      expect(loadConfig({ TRUST_PROXY: 'true' }).trustProxy).toBe(true);
      expect(loadConfig({ TRUST_PROXY: '127.0.0.1,10.0.0.0/8' }).trustProxy).toBe('127.0.0.1,10.0.0.0/8');
    });
  });
});

describe('client address behind a proxy', () => {
  let server: TestServer | undefined;
  afterEach(async () => { await server?.close(); server = undefined; });

  /** The token endpoint limits new identities per client address (burst 10, then 1/s): 30 requests, each from another forwarded address. */
  async function tokenStatuses(): Promise<number[]> {
    const statuses: number[] = [];
    for (let i = 0; i < 30; i++) {
      const res = await fetch(`${server!.url}/v2/customer/token`, {
        method: 'POST', headers: { 'x-forwarded-for': `203.0.113.${i + 1}` },
        body: JSON.stringify({ grant_type: 'cookie', organization_id: server!.credentials.organization_id }),
      });
      statuses.push(res.status);
    }
    return statuses;
  }

  it('ignores X-Forwarded-For without TRUST_PROXY: every claimed address shares the socket address', async () => {
    server = await startTestServer({ tokenRequestsPerSecond: 1 });
    expect(await tokenStatuses()).toContain(429);
  });

  it('takes the client address from X-Forwarded-For when the proxy is trusted', async () => {
    server = await startTestServer({ tokenRequestsPerSecond: 1, trustProxy: '127.0.0.1' });
    expect(new Set(await tokenStatuses())).toEqual(new Set([200]));
  });
});
