import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { agentWeb } from '../../../testing/testClients.js';
import { startTestServer, type TestServer } from '../../../testing/testServer.js';

/** #11 defect 9: allowed websites, and no credentialed CORS on the agent and configuration APIs. */
let server: TestServer;
beforeAll(async () => { server = await startTestServer(); });
afterAll(async () => { await server.close(); });

const tokenRequest = (origin: string) => fetch(`${server.url}/v2/customer/token`, {
  method: 'POST', headers: { origin }, body: JSON.stringify({ grant_type: 'cookie', organization_id: server.credentials.organization_id }),
});
const setAllowed = (value: string) => agentWeb<{ error?: { type: string } }>(server, 'update_license_properties', { properties: { security: { allowed_websites: value } } }, { api: 'configuration' });

describe('CORS and allowed websites (#11)', () => {
  describe('POST /v2/customer/token', () => {
    it('serves any website with credentialed CORS while security.allowed_websites is empty', async () => {
      const res = await tokenRequest('https://any.example');
      expect(res.status).toBe(200);
      expect(res.headers.get('access-control-allow-origin')).toBe('https://any.example');
      expect(res.headers.get('access-control-allow-credentials')).toBe('true');
      expect(res.headers.get('set-cookie')).toContain('__lc_cid=');
    });

    it('answers only the allowed websites (and the server itself) once the list is set; others get 403 unauthorized_client and no cookie', async () => {
      expect((await setAllowed('https://shop.example, https://www.shop.example:8443')).status).toBe(200);
      try {
        const allowed = await tokenRequest('https://shop.example');
        expect(allowed.status).toBe(200);
        expect(allowed.headers.get('access-control-allow-credentials')).toBe('true');
        expect((await tokenRequest('https://www.shop.example:8443')).status).toBe(200);
        expect((await tokenRequest(server.url)).status).toBe(200);

        const refused = await tokenRequest('https://evil.example');
        expect(refused.status).toBe(403);
        expect(await refused.json()).toMatchObject({ oauth_exception: 'unauthorized_client' });
        expect(refused.headers.get('access-control-allow-origin')).toBeNull();
        expect(refused.headers.get('set-cookie')).toBeNull();

        const preflight = await fetch(`${server.url}/v2/customer/token`, { method: 'OPTIONS', headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' } });
        expect(preflight.headers.get('access-control-allow-origin')).toBeNull();
      } finally {
        await setAllowed('');
      }
    });
  });

  describe('update_license_properties (security.allowed_websites)', () => {
    it('refuses values that are not lists of http(s) origins with validation', async () => {
      for (const value of ['javascript:alert(1)', 'https://shop.example/path', 'shop.example', 'https://user:pw@shop.example']) {
        const res = await setAllowed(value);
        expect(res.status).toBe(400);
        expect(res.body.error?.type).toBe('validation');
      }
    });
  });

  describe('Agent Chat and Configuration APIs', () => {
    it('echo the origin without Access-Control-Allow-Credentials, on requests and preflights', async () => {
      for (const path of ['/v3.5/agent/action/list_chats', '/v3.5/configuration/action/list_agents']) {
        const res = await fetch(`${server.url}${path}`, { method: 'POST', headers: { origin: 'https://evil.example' }, body: '{}' });
        expect(res.headers.get('access-control-allow-origin')).toBe('https://evil.example');
        expect(res.headers.get('access-control-allow-credentials')).toBeNull();
        const preflight = await fetch(`${server.url}${path}`, { method: 'OPTIONS', headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization' } });
        expect(preflight.headers.get('access-control-allow-credentials')).toBeNull();
      }
    });
  });
});
