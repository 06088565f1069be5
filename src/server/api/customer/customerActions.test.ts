import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { agentWeb, connectCustomer, type TestCustomer } from '../../../testing/testClients.js';
import { startAcceptingServer } from '../../../testing/acceptingServer.js';
import type { TestServer } from '../../../testing/testServer.js';

let server: TestServer;
let c: TestCustomer;
let chatId: string;
let threadId: string;
beforeAll(async () => {
  server = await startAcceptingServer({ chatLimit: 5 });
  c = await connectCustomer(server);
  ({ chat_id: chatId, thread_id: threadId } = await c.rtm.call<{ chat_id: string; thread_id: string }>('start_chat', { chat: { thread: { events: [{ type: 'message', text: 'hello' }] } } }));
});
afterAll(async () => { await server.close(); });

const png1x1 = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');

async function upload(name: string, type: string, data: Buffer) {
  const form = new FormData();
  form.append('file', new Blob([data], { type }), name);
  const res = await fetch(`${server.url}/v3.5/customer/action/upload_file?organization_id=${server.credentials.organization_id}`, { method: 'POST', headers: { authorization: `Bearer ${c.token}` }, body: form });
  return { status: res.status, body: (await res.json()) as { url?: string; error?: { type: string } } };
}

describe('Customer Chat API actions', () => {
  describe('upload_file and file events', () => {
    it('stores an image under the data folder, serves it back, and turns it into a file event with its size', async () => {
      const up = await upload('dot.png', 'image/png', png1x1);
      expect(up.status).toBe(200);
      const served = await fetch(up.body.url!);
      expect(served.headers.get('content-type')).toBe('image/png');
      expect(Buffer.from(await served.arrayBuffer()).equals(png1x1)).toBe(true);
      const { event_id } = await c.rtm.call<{ event_id: string }>('send_event', { chat_id: chatId, event: { type: 'file', url: up.body.url } });
      const push = await c.rtm.push('incoming_event', (p) => (p.event as { id: string }).id === event_id);
      expect(push.payload.event).toMatchObject({ type: 'file', name: 'dot.png', content_type: 'image/png', size: png1x1.length, width: 1, height: 1, url: up.body.url });
    });

    it('refuses executables, empty files, files over 10 MB and file events naming foreign URLs', async () => {
      expect((await upload('run.exe', 'application/octet-stream', Buffer.from('MZ....'))).body.error?.type).toBe('validation');
      expect((await upload('page.html', 'text/html', Buffer.from('<script>alert(1)</script>'))).body.error?.type).toBe('validation');
      expect((await upload('empty.txt', 'text/plain', Buffer.alloc(0))).body.error?.type).toBe('validation');
      const big = await upload('big.bin', 'application/octet-stream', Buffer.alloc(10 * 1024 * 1024 + 1));
      expect(big.status).toBe(413);
      expect(big.body.error?.type).toBe('entity_too_large');
      const res = await c.rtm.request('send_event', { chat_id: chatId, event: { type: 'file', url: 'https://evil.example/x.png' } });
      expect(res.payload.error?.type).toBe('validation');
    });

    it('says why an upload was refused in error.data, for the widget to tell the visitor (#15)', async () => {
      expect((await upload('run.exe', 'application/octet-stream', Buffer.from('MZ....'))).body.error).toMatchObject({ type: 'validation', data: { reason: 'file_type_not_allowed' } });
      expect((await upload('empty.txt', 'text/plain', Buffer.alloc(0))).body.error).toMatchObject({ type: 'validation', data: { reason: 'file_empty' } });
      const big = await upload('big.bin', 'application/octet-stream', Buffer.alloc(10 * 1024 * 1024 + 1));
      expect(big.body.error).toMatchObject({ type: 'entity_too_large', data: { max_bytes: 10 * 1024 * 1024 } });
    });
  });

  describe('properties', () => {
    it('updates and deletes chat, thread and event properties and pushes only the changed keys', async () => {
      await c.rtm.call('update_chat_properties', { id: chatId, properties: { switchboard: { topic: 'billing' } } });
      expect((await c.rtm.push('chat_properties_updated')).payload).toEqual({ chat_id: chatId, properties: { switchboard: { topic: 'billing' } } });
      await c.rtm.call('update_thread_properties', { chat_id: chatId, thread_id: threadId, properties: { rating: { score: 1, comment: 'quick' } } });
      expect((await c.rtm.push('thread_properties_updated')).payload).toEqual({ chat_id: chatId, thread_id: threadId, properties: { rating: { score: 1, comment: 'quick' } } });
      await c.rtm.call('delete_thread_properties', { chat_id: chatId, thread_id: threadId, properties: { rating: ['comment'] } });
      expect((await c.rtm.push('thread_properties_deleted')).payload).toEqual({ chat_id: chatId, thread_id: threadId, properties: { rating: ['comment'] } });
      const eventId = `${threadId}_1`;
      await c.rtm.call('update_event_properties', { chat_id: chatId, thread_id: threadId, event_id: eventId, properties: { rating: { score: 0 } } });
      expect((await c.rtm.push('event_properties_updated')).payload).toEqual({ chat_id: chatId, thread_id: threadId, event_id: eventId, properties: { rating: { score: 0 } } });
      await c.rtm.call('delete_event_properties', { chat_id: chatId, thread_id: threadId, event_id: eventId, properties: { rating: ['score'] } });
      await c.rtm.push('event_properties_deleted');
      await c.rtm.call('delete_chat_properties', { id: chatId, properties: { switchboard: ['topic'] } });
      await c.rtm.push('chat_properties_deleted');
      const chat = await c.rtm.call<{ properties: Record<string, unknown>; thread: { properties: Record<string, any> } }>('get_chat', { chat_id: chatId });
      expect(chat.properties.switchboard).toBeUndefined();
      expect(chat.thread.properties.rating).toEqual({ score: 1 });
    });

    it('refuses wrong types, values out of range, read-only and unknown properties', async () => {
      const cases: [string, unknown, string][] = [
        ['update_thread_properties', { chat_id: chatId, thread_id: threadId, properties: { rating: { score: 'great' } } }, 'validation'],
        ['update_thread_properties', { chat_id: chatId, thread_id: threadId, properties: { rating: { score: 7 } } }, 'validation'],
        ['update_chat_properties', { id: chatId, properties: { routing: { continuous: true } } }, 'authorization'],
        ['update_chat_properties', { id: chatId, properties: { mystery: { x: '1' } } }, 'validation'],
        ['update_event_properties', { chat_id: chatId, thread_id: threadId, event_id: 'NOPE_1', properties: { rating: { score: 1 } } }, 'not_found'],
      ];
      for (const [action, payload, type] of cases) expect((await c.rtm.request(action, payload)).payload.error?.type, JSON.stringify(payload)).toBe(type);
    });

    it('lets anyone read the customer-readable license properties with GET and no token', async () => {
      await server.built.platform.licenses.update(1, 'agent', { routing: { max_customer_chats_count: 3 }, chats: { chat_inactive_after_min: 30 } });
      const res = await fetch(`${server.url}/v3.5/customer/action/list_license_properties?organization_id=${server.credentials.organization_id}&namespace=routing`);
      expect(res.status).toBe(200);
      expect(await res.json()).toEqual({ routing: { max_customer_chats_count: 3 } });
      const all = await (await fetch(`${server.url}/v3.5/customer/action/list_license_properties?organization_id=${server.credentials.organization_id}`)).json() as Record<string, unknown>;
      expect(all.chats).toBeUndefined();
      await server.built.platform.licenses.update(1, 'agent', { routing: { max_customer_chats_count: 5 } });
    });
  });

  describe('seen, typing and sneak peek', () => {
    it('moves events_seen_up_to forward only and pushes events_marked_as_seen', async () => {
      await c.rtm.call('mark_events_as_seen', { chat_id: chatId, seen_up_to: '2099-01-01T00:00:00.000000Z' });
      const push = await c.rtm.push('events_marked_as_seen');
      expect(push.payload).toEqual({ user_id: c.id, chat_id: chatId, seen_up_to: '2099-01-01T00:00:00.000000Z' });
      await c.rtm.call('mark_events_as_seen', { chat_id: chatId, seen_up_to: '2001-01-01T00:00:00+01:00' });
      const chat = await c.rtm.call<{ users: { id: string; events_seen_up_to: string }[] }>('get_chat', { chat_id: chatId });
      expect(chat.users.find((u) => u.id === c.id)!.events_seen_up_to).toBe('2099-01-01T00:00:00.000000Z');
      expect((await c.rtm.request('mark_events_as_seen', { chat_id: chatId, seen_up_to: 'yesterday' })).payload.error?.type).toBe('validation');
    });

    it('accepts a sneak peek silently and never echoes it to the customer', async () => {
      expect((await c.rtm.request('send_sneak_peek', { chat_id: chatId, sneak_peek_text: 'I am typ' })).success).toBe(true);
      await new Promise((r) => setTimeout(r, 50));
      expect(c.rtm.pushes('incoming_sneak_peek')).toHaveLength(0);
    });
  });

  describe('rich messages', () => {
    it('records a postback on the button and pushes the postback and the updated event', async () => {
      const { event_id } = await c.rtm.call<{ event_id: string }>('send_event', {
        chat_id: chatId,
        event: { type: 'rich_message', template_id: 'quick_replies', elements: [{ title: 'Did this help?', buttons: [{ text: 'Yes', type: 'message', value: 'Yes', postback_id: 'yes' }, { text: 'No', postback_id: 'no' }] }] },
      });
      await c.rtm.call('send_rich_message_postback', { chat_id: chatId, thread_id: threadId, event_id, postback: { id: 'yes', toggled: true } });
      const postback = await c.rtm.push('incoming_rich_message_postback');
      expect(postback.payload).toEqual({ user_id: c.id, chat_id: chatId, thread_id: threadId, event_id, postback: { id: 'yes', toggled: true } });
      const updated = await c.rtm.push('event_updated');
      expect((updated.payload.event as any).elements[0].buttons[0].user_ids).toEqual([c.id]);
      expect((await c.rtm.request('send_rich_message_postback', { chat_id: chatId, thread_id: threadId, event_id, postback: { id: 'maybe', toggled: true } })).payload.error?.type).toBe('validation');
    });
  });

  describe('customer profile', () => {
    it('updates the customer, pushes customer_updated to every tab, and caps session fields at 100', async () => {
      const tab2 = await c.connect();
      await c.rtm.call('update_customer', { name: 'Thomas', email: 't@example.com' });
      const push = await tab2.push('customer_updated');
      expect(push.payload).toEqual({ id: c.id, name: 'Thomas', email: 't@example.com' });
      await c.rtm.call('set_customer_session_fields', { session_fields: [{ plan: 'gold' }, { cart: '2' }] });
      const me = await c.rtm.call<Record<string, any>>('get_customer');
      expect(me).toMatchObject({ id: c.id, name: 'Thomas', session_fields: [{ plan: 'gold' }, { cart: '2' }] });
      expect(me.statistics.chats_count).toBe(1);
      const tooMany = Array.from({ length: 101 }, (_, i) => ({ [`k${i}`]: 'v' }));
      expect((await c.rtm.request('set_customer_session_fields', { session_fields: tooMany })).payload.error?.type).toBe('customer_session_fields_limit_reached');
      expect((await c.rtm.request('update_customer', {})).payload.error?.type).toBe('validation');
      tab2.close();
    });
  });

  describe('Web transport', () => {
    it('runs the same actions as RTM and pushes their results to the customer\'s sockets', async () => {
      const res = await c.web<{ event_id: string }>('send_event', { chat_id: chatId, event: { type: 'message', text: 'from the web' } });
      expect(res.status).toBe(200);
      const push = await c.rtm.push('incoming_event', (p) => (p.event as { id: string }).id === res.body.event_id);
      expect(push.request_id).toBeUndefined();
      expect((await c.web('get_chat', { chat_id: 'NOTACHAT00' })).status).toBe(404);
      expect((await c.web('launch_rockets', {})).status).toBe(400);
      const wrapped = await c.web<{ id: string }>('get_chat', { payload: { chat_id: chatId } });
      expect(wrapped.body.id).toBe(chatId);
    });

    it('refuses a customer token used on the agent API', async () => {
      const res = await agentWeb(server, 'list_chats', {}, { auth: `Bearer ${c.token}` });
      expect([401, 404]).toContain(res.status);
    });
  });
});
