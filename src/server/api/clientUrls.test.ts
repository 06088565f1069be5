import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { agentWeb, connectCustomer, ownerAgent, type TestCustomer } from '../../testing/testClients.js';
import { startAcceptingServer } from '../../testing/acceptingServer.js';
import type { TestServer } from '../../testing/testServer.js';

/** #11 defect 4: URLs from clients are checked; file URLs are the server's own. */
let server: TestServer;
let alice: TestCustomer;
let bob: TestCustomer;
let aliceChat: string;
let bobChat: string;
const png1x1 = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');

beforeAll(async () => {
  server = await startAcceptingServer({ config: { publicUrl: 'https://chat.example.com' } });
  alice = await connectCustomer(server);
  bob = await connectCustomer(server);
  ({ chat_id: aliceChat } = await alice.rtm.call<{ chat_id: string }>('start_chat', {}));
  ({ chat_id: bobChat } = await bob.rtm.call<{ chat_id: string }>('start_chat', {}));
});
afterAll(async () => { await server.close(); });

async function upload(who: TestCustomer, headers: Record<string, string> = {}): Promise<string> {
  const form = new FormData();
  form.append('file', new Blob([png1x1], { type: 'image/png' }), 'dot.png');
  const res = await fetch(`${server.url}/v3.5/customer/action/upload_file?organization_id=${server.credentials.organization_id}`, { method: 'POST', headers: { authorization: `Bearer ${who.token}`, ...headers }, body: form });
  expect(res.status).toBe(200);
  return ((await res.json()) as { url: string }).url;
}

const fileEvent = (url: string) => ({ type: 'file', url });

describe('client URLs (#11)', () => {
  describe('upload_file', () => {
    it('answers a URL on PUBLIC_URL whatever X-Forwarded-Host/Proto say (no TRUST_PROXY)', async () => {
      const url = await upload(alice, { 'x-forwarded-host': 'evil.example', 'x-forwarded-proto': 'https' });
      expect(url).toMatch(/^https:\/\/chat\.example\.com\/files\/[0-9a-f-]{36}\/dot\.png$/);
    });
  });

  describe('send_event (file)', () => {
    it('stores and pushes the URL rebuilt from PUBLIC_URL, not the host the client wrote', async () => {
      const url = await upload(alice);
      const respelled = url.replace('https://chat.example.com', 'https://evil.example');
      const { event_id } = await alice.rtm.call<{ event_id: string }>('send_event', { chat_id: aliceChat, event: fileEvent(respelled) });
      const push = await alice.rtm.push('incoming_event', (p) => (p.event as { id: string }).id === event_id);
      expect(push.payload.event).toMatchObject({ url, thumbnail_url: url });
    });

    it('refuses a non-http(s) URL that names a real upload with validation', async () => {
      const url = await upload(alice);
      const id = /\/files\/([^/]+)\//.exec(url)![1];
      for (const bad of [`javascript:alert(1)//files/${id}/x`, `data:text/html,/files/${id}/x`]) {
        const res = await alice.rtm.request('send_event', { chat_id: aliceChat, event: fileEvent(bad) });
        expect(res.payload.error?.type).toBe('validation');
      }
    });

    it("refuses another customer's upload with validation", async () => {
      const bobsUrl = await upload(bob);
      const res = await alice.rtm.request('send_event', { chat_id: aliceChat, event: fileEvent(bobsUrl) });
      expect(res.payload.error?.type).toBe('validation');
    });

    it('lets another member of the chat share again a file already sent in that chat, and no other chat', async () => {
      const url = await upload(bob);
      await bob.rtm.call('send_event', { chat_id: bobChat, event: fileEvent(url) });
      expect((await ownerAgent(server).web('send_event', { chat_id: bobChat, event: fileEvent(url) })).status).toBe(200);
      const elsewhere = await ownerAgent(server).web<{ error: { type: string } }>('send_event', { chat_id: aliceChat, event: fileEvent(url) });
      expect(elsewhere.body.error.type).toBe('validation');
    });
  });

  describe('send_event (rich_message)', () => {
    const rich = (element: Record<string, unknown>) => ({ type: 'rich_message', template_id: 'cards', elements: [{ title: 'x', ...element }] });
    const button = (type: string, value: string) => ({ buttons: [{ text: 'go', type, value, postback_id: 'p1' }] });

    it('refuses url/webview buttons and images whose URL is not http(s), and phone buttons that are not numbers', async () => {
      const owner = ownerAgent(server);
      for (const element of [button('url', 'javascript:alert(1)'), button('webview', 'data:text/html,<script>1</script>'), button('phone', 'javascript:alert(1)'), { image: { url: 'javascript:alert(1)' } }]) {
        const res = await owner.web<{ error: { type: string } }>('send_event', { chat_id: aliceChat, event: rich(element) });
        expect(res.status).toBe(400);
        expect(res.body.error.type).toBe('validation');
      }
    });

    it('accepts http(s) buttons and images and a phone number, keeping only documented image fields', async () => {
      const res = await ownerAgent(server).web<{ event_id: string }>('send_event', { chat_id: aliceChat, event: rich({ image: { url: 'https://cdn.example/a.png', onerror: 'x' }, ...button('url', 'https://shop.example/a') }) });
      expect(res.status).toBe(200);
      const push = await alice.rtm.push('incoming_event', (p) => (p.event as { id: string }).id === res.body.event_id);
      expect((push.payload.event as { elements: { image: unknown }[] }).elements[0]!.image).toEqual({ url: 'https://cdn.example/a.png' });
      expect((await ownerAgent(server).web('send_event', { chat_id: aliceChat, event: rich(button('phone', '+48 123 456 789')) })).status).toBe(200);
    });
  });

  describe('customer profile and page URLs', () => {
    it('refuses a javascript: avatar or page URL with validation, on RTM and Web', async () => {
      expect((await alice.web<{ error: { type: string } }>('update_customer', { avatar: 'javascript:alert(1)' })).body.error.type).toBe('validation');
      expect((await alice.rtm.request('update_customer_page', { url: 'javascript:alert(1)' })).payload.error?.type).toBe('validation');
      expect((await alice.rtm.request('update_customer_page', { url: 'https://shop.example/cart' })).success).toBe(true);
      await expect(connectCustomer(server, { login: { customer_page: { url: 'data:text/html,x' } } })).rejects.toThrow(/validation/);
    });
  });

  describe('Configuration API avatars', () => {
    it('refuses a javascript: bot or agent avatar and accepts an https one', async () => {
      const bad = await agentWeb<{ error: { type: string } }>(server, 'create_bot', { name: 'B', avatar: 'javascript:alert(1)', owner_client_id: 'c1' }, { api: 'configuration' });
      expect(bad.body.error.type).toBe('validation');
      const good = await agentWeb(server, 'create_bot', { name: 'B', avatar: 'https://cdn.example/b.png', owner_client_id: 'c1' }, { api: 'configuration' });
      expect(good.status).toBe(200);
      const agent = await agentWeb<{ error: { type: string } }>(server, 'create_agent', { id: 'x@example.com', name: 'X', avatar_path: 'vbscript:x' }, { api: 'configuration' });
      expect(agent.body.error.type).toBe('validation');
    });
  });
});
