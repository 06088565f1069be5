import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { customerToken } from '../../../testing/testClients.js';
import { startTestServer, type TestServer } from '../../../testing/testServer.js';
import { KeyedRateLimiter } from './rateLimiter.js';

describe('KeyedRateLimiter', () => {
  describe('take()', () => {
    it('keeps at most maxKeys buckets whatever number of distinct keys it sees (#11)', () => {
      const limiter = new KeyedRateLimiter(0, 1, 1_000);
      for (let i = 0; i < 100_000; i++) limiter.take(`garbage-${i}`);
      expect(limiter.size).toBe(1_000);
      // The most recent keys are remembered and spent; the first ones were dropped.
      expect(limiter.take('garbage-99999')).toBe(false);
      expect(limiter.take('garbage-0')).toBe(true);
    });
  });
});

// No refill (0 per second): what each bucket allows is exactly its burst, whatever the machine's speed.
const BURST = 6;
let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ webRequestsPerSecond: 0, webRequestBurst: BURST });
});
afterAll(async () => { await server.close(); });

async function call(path: string, authorization?: string) {
  const res = await fetch(`${server.url}${path}`, { method: 'POST', headers: authorization ? { authorization } : {}, body: '{}' });
  return { status: res.status, type: res.status === 200 ? 'ok' : ((await res.json()) as { error: { type: string } }).error.type };
}

describe('Web API rate limits (#11)', () => {
  describe('keys', () => {
    it('gives one agent one bucket however its credentials are spelled (case, spaces, Basic or Bearer)', async () => {
      const { id, personal_access_token: pat } = server.credentials.owner;
      const b64 = Buffer.from(`${id}:${pat}`).toString('base64');
      const spellings = [`Bearer ${pat}`, `bearer ${pat}`, `BEARER   ${pat}`, `Basic ${b64}`, `basic ${b64}`, ` Bearer\t${pat} `];
      const results = [];
      for (const auth of spellings) results.push(await call('/v3.5/agent/action/list_chats', auth));
      expect(results.map((r) => r.type)).toEqual(Array(BURST).fill('ok'));
      // The Configuration API is the same agent: its bucket is spent too.
      expect(await call('/v3.5/configuration/action/list_agents', `Basic ${b64}`)).toEqual({ status: 429, type: 'too_many_requests' });
      expect(await call('/v3.5/agent/action/list_chats', `bEaReR ${pat}`)).toEqual({ status: 429, type: 'too_many_requests' });
    });

    it('gives one customer one bucket however its token is spelled', async () => {
      const { access_token } = await customerToken(server);
      const path = `/v3.5/customer/action/list_chats?organization_id=${server.credentials.organization_id}`;
      const spellings = [`Bearer ${access_token}`, `bearer ${access_token}`, `Bearer    ${access_token}`, `BEARER ${access_token}`, `Bearer ${access_token} `, `bearer\t${access_token}`];
      for (const auth of spellings) expect((await call(path, auth)).type).toBe('ok');
      expect(await call(path, `Bearer ${access_token}`)).toEqual({ status: 429, type: 'too_many_requests' });
    });

    it('charges failed authentications to the client address, refuses the address once spent, and remembers no garbage credential', async () => {
      const before = server.built.webLimiter.size;
      const results: string[] = [];
      for (let i = 0; i < 1_000; i++) {
        const res = await server.built.app.inject({ method: 'POST', url: '/v3.5/agent/action/list_chats', headers: { authorization: `Bearer garbage-${i}-${'x'.repeat(i % 7)}` }, payload: '{}' });
        results.push((res.json() as { error: { type: string } }).error.type);
      }
      expect(results.slice(0, BURST)).toEqual(Array(BURST).fill('authentication'));
      expect(new Set(results.slice(BURST))).toEqual(new Set(['too_many_requests']));
      // One key for the address, none per garbage header.
      expect(server.built.webLimiter.size).toBeLessThanOrEqual(before + 1);
    });
  });
});
