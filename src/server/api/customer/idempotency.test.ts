import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectCustomer } from '../../../testing/testClients.js';
import { startAcceptingServer } from '../../../testing/acceptingServer.js';
import type { TestServer } from '../../../testing/testServer.js';

let server: TestServer;
beforeAll(async () => {
  server = await startAcceptingServer();
  // One active chat per customer: a retry must not trip over the chat it already created.
  await server.built.platform.licenses.update(1, 'agent', { routing: { max_customer_chats_count: 1 } });
});
afterAll(async () => { await server.close(); });

type Started = { chat_id: string; thread_id: string; event_ids: string[] };
const startPayload = (customId: string, text = 'Where is my order?') => ({
  chat: { properties: { switchboard: { topic: 'orders' } }, thread: { events: [{ type: 'message', text, custom_id: customId }] } },
});

describe('Customer Chat API idempotency', () => {
  describe('start_chat over RTM', () => {
    it('answers a retry carrying the initial event\'s custom_id with the first chat, thread and event, and creates nothing (#11)', async () => {
      const c = await connectCustomer(server);
      const first = await c.rtm.call<Started>('start_chat', startPayload('start-1'));
      const retry = await c.rtm.call<Started>('start_chat', startPayload('start-1'));
      expect(retry).toEqual(first);
      // A retry from another connection of the same customer (the page was reloaded) too.
      const tab = await c.connect();
      expect(await tab.call<Started>('start_chat', startPayload('start-1'))).toEqual(first);
      const list = await c.rtm.call<{ total_chats: number; chats_summary: { id: string }[] }>('list_chats');
      expect(list.total_chats).toBe(1);
      expect(list.chats_summary.map((s) => s.id)).toEqual([first.chat_id]);
      const threads = await c.rtm.call<{ threads: { events: { type: string; custom_id?: string }[] }[] }>('list_threads', { chat_id: first.chat_id });
      expect(threads.threads).toHaveLength(1);
      expect(threads.threads[0]!.events.filter((e) => e.custom_id === 'start-1')).toHaveLength(1);
      // The first start pushed incoming_chat once; the retries pushed nothing new.
      expect(c.rtm.pushes('incoming_chat')).toHaveLength(1);
      tab.close();
      c.rtm.close();
    });

    it('refuses the same custom_id with other content with validation, and creates nothing (#11)', async () => {
      const c = await connectCustomer(server);
      const first = await c.rtm.call<Started>('start_chat', startPayload('start-2', 'original'));
      const changed = await c.rtm.request('start_chat', startPayload('start-2', 'edited'));
      expect(changed.success).toBe(false);
      expect(changed.payload.error?.type).toBe('validation');
      expect(changed.payload.error?.message).toContain('start-2');
      const type = await c.rtm.request('start_chat', { chat: { thread: { events: [{ type: 'custom', content: { a: 1 }, custom_id: 'start-2' }] } } });
      expect(type.payload.error?.type).toBe('validation');
      expect((await c.rtm.call<{ total_chats: number }>('list_chats')).total_chats).toBe(1);
      expect(await c.rtm.call<Started>('start_chat', startPayload('start-2', 'original'))).toEqual(first);
      c.rtm.close();
    });

    it('refuses a custom_id repeated among the initial events, or one a send_event already used, with validation (#11)', async () => {
      const c = await connectCustomer(server);
      const twice = await c.rtm.request('start_chat', { chat: { thread: { events: [{ type: 'message', text: 'a', custom_id: 'dup' }, { type: 'message', text: 'b', custom_id: 'dup' }] } } });
      expect(twice.payload.error?.type).toBe('validation');
      expect((await c.rtm.call<{ total_chats: number }>('list_chats')).total_chats).toBe(0);

      const started = await c.rtm.call<Started>('start_chat', startPayload('start-3'));
      await c.rtm.call('send_event', { chat_id: started.chat_id, event: { type: 'message', text: 'later', custom_id: 'sent-3' } });
      await c.rtm.call('deactivate_chat', { id: started.chat_id });
      const reused = await c.rtm.request('start_chat', { chat: { thread: { events: [{ type: 'message', text: 'later', custom_id: 'sent-3' }] } } });
      expect(reused.payload.error?.type).toBe('validation');
      expect((await c.rtm.call<{ total_chats: number }>('list_chats')).total_chats).toBe(1);
      c.rtm.close();
    });
  });

  describe('resume_chat', () => {
    it('refuses an initial event whose custom_id is already used in the chat with validation, and keeps the chat inactive (#11)', async () => {
      const c = await connectCustomer(server);
      const { chat_id } = await c.rtm.call<Started>('start_chat', startPayload('resume-start'));
      await c.rtm.call('deactivate_chat', { id: chat_id });
      const reused = await c.rtm.request('resume_chat', { chat: { id: chat_id, thread: { events: [{ type: 'message', text: 'back', custom_id: 'resume-start' }] } } });
      expect(reused.payload.error?.type).toBe('validation');
      const chat = await c.rtm.call<{ threads?: unknown[]; thread?: { active: boolean } }>('get_chat', { chat_id });
      expect(chat.thread?.active).toBe(false);
      c.rtm.close();
    });
  });

  describe('start_chat keys', () => {
    it('belong to one customer: another customer with the same custom_id gets a chat of its own (#11)', async () => {
      const a = await connectCustomer(server);
      const b = await connectCustomer(server);
      const first = await a.rtm.call<Started>('start_chat', startPayload('same-uuid'));
      const second = await b.rtm.call<Started>('start_chat', startPayload('same-uuid'));
      expect(second.chat_id).not.toBe(first.chat_id);
      a.rtm.close();
      b.rtm.close();
    });
  });

  describe('start_chat over the Web API', () => {
    it('answers a retry with the first chat even after it was deactivated, and refuses changed content with 400 validation (#11)', async () => {
      const c = await connectCustomer(server);
      const first = await c.web<Started>('start_chat', startPayload('web-1'));
      expect(first.status).toBe(200);
      const retry = await c.web<Started>('start_chat', startPayload('web-1'));
      expect(retry).toEqual(first);
      expect((await c.web('deactivate_chat', { id: first.body.chat_id })).status).toBe(200);
      expect((await c.web<Started>('start_chat', startPayload('web-1'))).body).toEqual(first.body);
      const changed = await c.web<{ error: { type: string } }>('start_chat', startPayload('web-1', 'something else'));
      expect(changed.status).toBe(400);
      expect(changed.body.error.type).toBe('validation');
      expect((await c.web<{ total_chats: number }>('list_chats')).body.total_chats).toBe(1);
      c.rtm.close();
    });
  });

  describe('send_event', () => {
    it('answers a retry with the first event over RTM and Web, and refuses the same custom_id with other content (#11)', async () => {
      const c = await connectCustomer(server);
      const { chat_id } = await c.rtm.call<Started>('start_chat', startPayload('send-start'));
      const event = { type: 'message', text: 'once', custom_id: 'send-1' };
      const first = await c.rtm.call<{ event_id: string }>('send_event', { chat_id, event });
      expect((await c.web<{ event_id: string }>('send_event', { chat_id, event })).body).toEqual(first);
      // The same key for the initial event of the chat names that event.
      expect((await c.rtm.call<{ event_id: string }>('send_event', { chat_id, event: { type: 'message', text: 'Where is my order?', custom_id: 'send-start' } })).event_id).toMatch(/_1$/);

      const rtmChanged = await c.rtm.request('send_event', { chat_id, event: { ...event, text: 'twice' } });
      expect(rtmChanged.payload.error?.type).toBe('validation');
      const webChanged = await c.web<{ error: { type: string } }>('send_event', { chat_id, event: { type: 'custom', content: {}, custom_id: 'send-1' } });
      expect(webChanged.status).toBe(400);
      expect(webChanged.body.error.type).toBe('validation');
      const threads = await c.rtm.call<{ threads: { events: { custom_id?: string; text?: string }[] }[] }>('list_threads', { chat_id });
      expect(threads.threads[0]!.events.filter((e) => e.custom_id === 'send-1').map((e) => e.text)).toEqual(['once']);
      c.rtm.close();
    });
  });
});
