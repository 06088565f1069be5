import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { agentWeb } from '../../../testing/testClients.js';
import { startTestServer, type TestServer } from '../../../testing/testServer.js';

/** #11 follow-up (#17): a Customer RTM socket opens only from the organization's allowed websites. */
let server: TestServer;
beforeAll(async () => { server = await startTestServer({ publicUrl: 'https://chat.shop.example' }); });
afterAll(async () => { await server.close(); });

const setAllowed = async (value: string) => {
  const res = await agentWeb(server, 'update_license_properties', { properties: { security: { allowed_websites: value } } }, { api: 'configuration' });
  expect(res.status).toBe(200);
};

type Outcome = { opened: true } | { opened: false; status: number; body: unknown };

/** Opens a socket (closing it again at once) or collects the HTTP answer that refused the upgrade. */
function upgrade(surface: 'customer' | 'agent', origin?: string): Promise<Outcome> {
  const query = surface === 'customer' ? `?organization_id=${server.credentials.organization_id}` : '';
  const ws = new WebSocket(`${server.url.replace('http', 'ws')}/v3.5/${surface}/rtm/ws${query}`, origin === undefined ? {} : { origin });
  return new Promise((resolve, reject) => {
    ws.once('open', () => { ws.close(); resolve({ opened: true }); });
    ws.once('unexpected-response', (_req, res) => {
      let text = '';
      res.on('data', (chunk: Buffer) => { text += chunk.toString(); });
      res.on('end', () => resolve({ opened: false, status: res.statusCode ?? 0, body: JSON.parse(text) }));
    });
    ws.once('error', (err) => { if (!/Unexpected server response/.test(err.message)) reject(err); });
  });
}

describe('websocketOriginPolicy', () => {
  describe('Customer RTM upgrade', () => {
    it('opens from any website while security.allowed_websites is empty', async () => {
      await setAllowed('');
      expect(await upgrade('customer', 'https://any.example')).toEqual({ opened: true });
    });

    it('refuses a website that is not on the list with 403 authorization before the upgrade', async () => {
      await setAllowed('https://shop.example https://www.shop.example:8443');
      try {
        expect(await upgrade('customer', 'https://evil.example')).toEqual({
          opened: false, status: 403, body: { error: { type: 'authorization', message: 'Origin not allowed' } },
        });
        expect(await upgrade('customer', 'null')).toMatchObject({ opened: false, status: 403 });
      } finally {
        await setAllowed('');
      }
    });

    it('opens from the listed websites, the server\'s own origin (Host or PUBLIC_URL) and clients without Origin', async () => {
      await setAllowed('https://shop.example https://www.shop.example:8443');
      try {
        for (const origin of ['https://shop.example', 'https://www.shop.example:8443', server.url, 'https://chat.shop.example', undefined]) {
          expect({ origin, outcome: await upgrade('customer', origin) }).toEqual({ origin, outcome: { opened: true } });
        }
      } finally {
        await setAllowed('');
      }
    });
  });

  describe('Agent RTM upgrade', () => {
    it('is not limited to the allowed websites: agents authenticate by their token, not a cookie', async () => {
      await setAllowed('https://shop.example');
      try {
        expect(await upgrade('agent', 'https://tools.example')).toEqual({ opened: true });
      } finally {
        await setAllowed('');
      }
    });
  });
});
