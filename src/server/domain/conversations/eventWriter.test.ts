import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAcceptingServer } from '../../../testing/acceptingServer.js';
import { connectCustomer } from '../../../testing/testClients.js';
import type { TestServer } from '../../../testing/testServer.js';

let server: TestServer;
beforeAll(async () => { server = await startAcceptingServer(); });
afterAll(async () => { await server.close(); });

type Event = { id: string; type: string; text?: string; url?: string; properties?: Record<string, Record<string, unknown>> };

async function upload(token: string, name: string): Promise<string> {
  const form = new FormData();
  form.append('file', new Blob([Buffer.from('a small text file')], { type: 'text/plain' }), name);
  const res = await fetch(`${server.url}/v3.5/customer/action/upload_file?organization_id=${server.credentials.organization_id}`, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: form });
  return ((await res.json()) as { url: string }).url;
}

describe('EventWriter', () => {
  describe('insertUserEvent() through send_event (#16: one normalization step)', () => {
    it('stores a message without properties as sent, with no properties field', async () => {
      const c = await connectCustomer(server);
      const { chat_id } = await c.rtm.call<{ chat_id: string }>('start_chat', {});
      const { event_id } = await c.rtm.call<{ event_id: string }>('send_event', { chat_id, event: { type: 'message', text: 'plain', ignored: 1 } });
      const chat = await c.rtm.call<{ thread: { events: Event[] } }>('get_chat', { chat_id });
      const stored = chat.thread.events.find((e) => e.id === event_id)!;
      expect(stored).toMatchObject({ type: 'message', text: 'plain' });
      expect(stored).not.toHaveProperty('properties');
      expect(stored).not.toHaveProperty('ignored');
      c.rtm.close();
    });

    it('checks properties against the license definitions: stores a defined one, refuses an unknown one with validation and stores nothing', async () => {
      const c = await connectCustomer(server);
      const { chat_id } = await c.rtm.call<{ chat_id: string }>('start_chat', {});
      const ok = await c.rtm.call<{ event_id: string }>('send_event', { chat_id, event: { type: 'message', text: 'rated', properties: { rating: { score: 1 } } } });
      const refused = await c.rtm.request('send_event', { chat_id, event: { type: 'message', text: 'unknown', properties: { nope: { x: 1 } } } });
      expect(refused.payload.error?.type).toBe('validation');
      const chat = await c.rtm.call<{ thread: { events: Event[] } }>('get_chat', { chat_id });
      expect(chat.thread.events.find((e) => e.id === ok.event_id)?.properties).toEqual({ rating: { score: 1 } });
      expect(chat.thread.events.map((e) => e.text)).not.toContain('unknown');
      c.rtm.close();
    });

    it('resolves a file event from its own upload, with its properties checked too, and refuses another customer\'s upload', async () => {
      const c = await connectCustomer(server);
      const other = await connectCustomer(server);
      const { chat_id } = await c.rtm.call<{ chat_id: string }>('start_chat', {});
      const mine = await upload(c.token, 'mine.txt');
      const theirs = await upload(other.token, 'theirs.txt');
      const sent = await c.rtm.call<{ event_id: string }>('send_event', { chat_id, event: { type: 'file', url: mine, properties: { rating: { comment: 'see file' } } } });
      const badProperty = await c.rtm.request('send_event', { chat_id, event: { type: 'file', url: mine, properties: { nope: { x: 1 } } } });
      const foreign = await c.rtm.request('send_event', { chat_id, event: { type: 'file', url: theirs } });
      expect(badProperty.payload.error?.type).toBe('validation');
      expect(foreign.payload.error?.type).toBe('validation');
      const chat = await c.rtm.call<{ thread: { events: Event[] } }>('get_chat', { chat_id });
      const files = chat.thread.events.filter((e) => e.type === 'file');
      expect(files.map((e) => e.id)).toEqual([sent.event_id]);
      expect(files[0]).toMatchObject({ url: mine, properties: { rating: { comment: 'see file' } } });
      c.rtm.close();
      other.rtm.close();
    });

    it('refuses an event that is not an object with validation', async () => {
      const c = await connectCustomer(server);
      const { chat_id } = await c.rtm.call<{ chat_id: string }>('start_chat', {});
      const res = await c.rtm.request('send_event', { chat_id, event: 'hello' });
      expect(res.payload.error?.type).toBe('validation');
      c.rtm.close();
    });
  });
});
