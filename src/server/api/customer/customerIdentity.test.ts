import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { customerToken, RawRtm } from '../../../testing/testClients.js';
import { startTestServer, type TestServer } from '../../../testing/testServer.js';
import { DEFAULT_RTM_LIMITS } from '../transport/rtmGateway.js';

let server: TestServer;
beforeAll(async () => { server = await startTestServer({ customerTokenTtlSeconds: 1 }); });
afterAll(async () => { await server.close(); });

const tokenUrl = () => `${server.url}/v2/customer/token`;
const body = (extra: Record<string, unknown> = {}) => JSON.stringify({ grant_type: 'cookie', organization_id: server.credentials.organization_id, client_id: 'c1', ...extra });

describe('POST /v2/customer/token', () => {
  it('issues a token for a new customer with the documented fields', async () => {
    const t = await customerToken(server);
    expect(t.entity_id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(t).toMatchObject({ token_type: 'Bearer', expires_in: 1, organization_id: server.credentials.organization_id });
  });

  it('keeps the same customer id for a returning visitor with its refresh secret', async () => {
    const first = await customerToken(server);
    const again = await customerToken(server, first.refresh_token);
    expect(again.entity_id).toBe(first.entity_id);
    expect(again.access_token).not.toBe(first.access_token);
    const forged = await customerToken(server, `${first.entity_id}:wrong-secret`);
    expect(forged.entity_id).not.toBe(first.entity_id);
  });

  it('keeps the same customer id for a returning visitor with the identity cookies', async () => {
    const res = await fetch(tokenUrl(), { method: 'POST', body: body() });
    const cookies = res.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
    expect(res.headers.getSetCookie().join()).toMatch(/__lc_cid=.*HttpOnly/i);
    const first = (await res.json()) as { entity_id: string };
    const again = (await (await fetch(tokenUrl(), { method: 'POST', body: body(), headers: { cookie: cookies } })).json()) as { entity_id: string };
    expect(again.entity_id).toBe(first.entity_id);
  });

  it('accepts a text/plain JSON body from a browser and answers CORS with the exact origin and credentials', async () => {
    const res = await fetch(tokenUrl(), { method: 'POST', body: body({ response_type: 'token', redirect_uri: 'https://shop.example/' }), headers: { 'content-type': 'text/plain;charset=UTF-8', origin: 'https://shop.example' } });
    expect(res.status).toBe(200);
    expect(res.headers.get('access-control-allow-origin')).toBe('https://shop.example');
    expect(res.headers.get('access-control-allow-credentials')).toBe('true');
    const preflight = await fetch(`${server.url}/v3.5/customer/action/list_chats`, { method: 'OPTIONS', headers: { origin: 'https://shop.example', 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization' } });
    expect(preflight.status).toBeLessThan(300);
    expect(preflight.headers.get('access-control-allow-headers')).toMatch(/Authorization/i);
  });

  it('refuses bad requests with the accounts service error shape', async () => {
    const wrongGrant = await fetch(tokenUrl(), { method: 'POST', body: body({ grant_type: 'password' }) });
    expect(wrongGrant.status).toBe(400);
    expect(await wrongGrant.json()).toMatchObject({ oauth_exception: 'invalid_request' });
    const unknownOrg = await fetch(tokenUrl(), { method: 'POST', body: body({ organization_id: '00000000-0000-4000-8000-000000000000' }) });
    expect(unknownOrg.status).toBe(400);
    expect(await unknownOrg.json()).toMatchObject({ identity_exception: 'invalid_request' });
    expect((await fetch(tokenUrl(), { method: 'POST', body: '{nope' })).status).toBe(400);
  });
});

describe('customer access tokens', () => {
  it('are refused once expired, on the Web API and at RTM login, with authentication', async () => {
    const t = await customerToken(server);
    await new Promise((r) => setTimeout(r, 1100));
    const web = await fetch(`${server.url}/v3.5/customer/action/list_chats?organization_id=${server.credentials.organization_id}`, { method: 'POST', headers: { authorization: `Bearer ${t.access_token}` }, body: '{}' });
    expect(web.status).toBe(401);
    expect(((await web.json()) as { error: { type: string } }).error.type).toBe('authentication');
    const rtm = await RawRtm.open(`${server.wsUrl}/v3.5/customer/rtm/ws?organization_id=${server.credentials.organization_id}`);
    expect((await rtm.request('login', { token: `Bearer ${t.access_token}` })).payload.error?.type).toBe('authentication');
    rtm.close();
  });

  it('disconnect a logged-in socket with access_token_expired when they expire', async () => {
    const t = await customerToken(server);
    const rtm = await RawRtm.open(`${server.wsUrl}/v3.5/customer/rtm/ws?organization_id=${server.credentials.organization_id}`);
    await rtm.call('login', { token: `Bearer ${t.access_token}` });
    expect((await rtm.closed).code).toBe(4000);
    expect(rtm.pushes('customer_disconnected')[0]?.payload).toEqual({ reason: 'access_token_expired' });
  });

  it('serve no request on a logged-in socket once expired, before the credential sweep comes round (#16)', async () => {
    const slowSweep = await startTestServer({ customerTokenTtlSeconds: 1, rtm: { ...DEFAULT_RTM_LIMITS, credentialCheckMs: 600_000 } });
    try {
      const t = await customerToken(slowSweep);
      const rtm = await RawRtm.open(`${slowSweep.wsUrl}/v3.5/customer/rtm/ws?organization_id=${slowSweep.credentials.organization_id}`);
      await rtm.call('login', { token: `Bearer ${t.access_token}` });
      await new Promise((r) => setTimeout(r, 1100));
      rtm.sendRaw(JSON.stringify({ action: 'list_chats', payload: {}, request_id: 'after-expiry' }));
      expect((await rtm.closed).code).toBe(4000);
      expect(rtm.pushes('customer_disconnected')[0]?.payload).toEqual({ reason: 'access_token_expired' });
      expect(rtm.frames.filter((f) => f.request_id === 'after-expiry')).toEqual([]);
    } finally {
      await slowSweep.close();
    }
  });

  it('are not agent credentials, and agent credentials are not customer tokens', async () => {
    const pat = server.credentials.owner.personal_access_token;
    const web = await fetch(`${server.url}/v3.5/customer/action/get_customer?organization_id=${server.credentials.organization_id}`, { method: 'POST', headers: { authorization: `Bearer ${pat}` }, body: '{}' });
    expect(web.status).toBe(401);
    const noOrg = await fetch(`${server.url}/v3.5/customer/action/get_customer`, { method: 'POST', headers: { authorization: 'Bearer x' }, body: '{}' });
    expect(noOrg.status).toBe(400);
  });
});
