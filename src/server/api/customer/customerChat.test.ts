import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectCustomer, type TestCustomer } from '../../../testing/testClients.js';
import { startAcceptingServer } from '../../../testing/acceptingServer.js';
import type { TestServer } from '../../../testing/testServer.js';

let server: TestServer;
beforeAll(async () => {
  server = await startAcceptingServer();
});
afterAll(async () => { await server.close(); });

const setChatLimit = (n: number) => server.built.platform.licenses.update(1, 'agent', { routing: { max_customer_chats_count: n } });

describe('Customer Chat API over RTM', () => {
  describe('login', () => {
    it('returns the customer with statistics, chats and the dynamic config the official client requires', async () => {
      const c = await connectCustomer(server);
      const login = c.rtm.frames.find((f) => f.action === 'login')!;
      expect(login.success).toBe(true);
      const payload = login.payload as Record<string, any>;
      expect(payload.customer.id).toBe(c.id);
      expect(Object.keys(payload.customer.statistics).sort()).toEqual(['chats_count', 'greetings_accepted_count', 'greetings_shown_count', 'page_views_count', 'threads_count', 'visits_count']);
      expect(payload.chats).toEqual([]);
      expect(payload.has_active_thread).toBe(false);
      expect(payload).toHaveProperty('__priv_dynamic_config');
      c.rtm.close();
    });
  });

  describe('start_chat', () => {
    let c: TestCustomer;
    beforeAll(async () => {
      await setChatLimit(3);
      c = await connectCustomer(server);
    });

    it('creates a chat with initial events and a topic, answers, and pushes incoming_chat with the request_id', async () => {
      const res = await c.rtm.request('start_chat', {
        chat: { properties: { switchboard: { topic: 'billing' } }, thread: { events: [{ type: 'message', text: 'Hi, about my invoice', custom_id: 'c1' }] } },
      });
      expect(res.success).toBe(true);
      const { chat_id, thread_id, event_ids } = res.payload as { chat_id: string; thread_id: string; event_ids: string[] };
      expect(chat_id).toMatch(/^[A-Z0-9]{10}$/);
      expect(thread_id).toMatch(/^[A-Z0-9]{10}$/);
      expect(event_ids).toEqual([`${thread_id}_1`]);
      const push = await c.rtm.push('incoming_chat', (p) => (p.chat as { id: string }).id === chat_id);
      expect(push.request_id).toBe(res.request_id);
      const chat = push.payload.chat as Record<string, any>;
      expect(chat.properties.switchboard.topic).toBe('billing');
      expect(chat.thread.events[0]).toMatchObject({ id: `${thread_id}_1`, type: 'message', text: 'Hi, about my invoice', author_id: c.id, custom_id: 'c1' });
      expect(chat.thread.events[0].created_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$/);
      expect(chat.users.map((u: { id: string }) => u.id)).toContain(c.id);
      // Initial events are not pushed a second time as incoming_event.
      expect(c.rtm.pushes('incoming_event')).toHaveLength(0);
    });

    it('refuses a property that is not registered, and creates nothing', async () => {
      const before = (await c.rtm.call<{ total_chats: number }>('list_chats')).total_chats;
      const res = await c.rtm.request('start_chat', { chat: { properties: { nope: { x: 1 } } } });
      expect(res.payload.error?.type).toBe('validation');
      expect((await c.rtm.call<{ total_chats: number }>('list_chats')).total_chats).toBe(before);
    });

    it('refuses a chat beyond routing.max_customer_chats_count with chat_limit_reached and creates nothing', async () => {
      await setChatLimit(2);
      const other = await connectCustomer(server);
      await other.rtm.call('start_chat', {});
      await other.rtm.call('start_chat', {});
      const res = await other.rtm.request('start_chat', {});
      expect(res.payload.error?.type).toBe('chat_limit_reached');
      expect((await other.rtm.call<{ total_chats: number }>('list_chats')).total_chats).toBe(2);
      // An inactive chat does not count.
      expect((await other.rtm.request('start_chat', { active: false })).success).toBe(true);
      await setChatLimit(3);
      expect((await other.rtm.request('start_chat', {})).success).toBe(true);
      other.rtm.close();
    });
  });

  describe('send_event', () => {
    it('stores the event, answers with its id and pushes it to every tab of the customer, and to nobody else', async () => {
      const c = await connectCustomer(server);
      const tab2 = await c.connect();
      const stranger = await connectCustomer(server);
      const { chat_id } = await c.rtm.call<{ chat_id: string }>('start_chat', {});
      const res = await c.rtm.request('send_event', { chat_id, event: { type: 'message', text: 'hello' } });
      const { event_id } = res.payload as { event_id: string };
      const own = await c.rtm.push('incoming_event', (p) => (p.event as { id: string }).id === event_id);
      expect(own.request_id).toBe(res.request_id);
      const other = await tab2.push('incoming_event', (p) => (p.event as { id: string }).id === event_id);
      expect(other.request_id).toBeUndefined();
      expect(other.payload).toMatchObject({ chat_id, event: { type: 'message', text: 'hello', author_id: c.id } });
      await new Promise((r) => setTimeout(r, 50));
      expect(stranger.rtm.pushes('incoming_event')).toHaveLength(0);
      for (const s of [c.rtm, tab2, stranger.rtm]) s.close();
    });

    it('is idempotent on custom_id: a retry returns the same event and stores or pushes nothing new', async () => {
      const c = await connectCustomer(server);
      const { chat_id } = await c.rtm.call<{ chat_id: string }>('start_chat', {});
      const first = await c.rtm.call<{ event_id: string }>('send_event', { chat_id, event: { type: 'message', text: 'once', custom_id: 'm-1' } });
      const again = await c.rtm.call<{ event_id: string }>('send_event', { chat_id, event: { type: 'message', text: 'once', custom_id: 'm-1' } });
      expect(again.event_id).toBe(first.event_id);
      const chat = await c.rtm.call<{ thread: { events: { type: string }[] } }>('get_chat', { chat_id });
      expect(chat.thread.events.filter((e) => e.type === 'message')).toHaveLength(1);
      await new Promise((r) => setTimeout(r, 50));
      expect(c.rtm.pushes('incoming_event')).toHaveLength(1);
      c.rtm.close();
    });

    it('answers not_found for another customer\'s chat, on every action', async () => {
      const owner = await connectCustomer(server);
      const thief = await connectCustomer(server);
      const { chat_id, thread_id, event_ids } = await owner.rtm.call<{ chat_id: string; thread_id: string; event_ids: string[] }>('start_chat', { chat: { thread: { events: [{ type: 'message', text: 'secret' }] } } });
      const attempts: [string, unknown][] = [
        ['get_chat', { chat_id }], ['list_threads', { chat_id }], ['send_event', { chat_id, event: { type: 'message', text: 'x' } }],
        ['deactivate_chat', { id: chat_id }], ['resume_chat', { chat: { id: chat_id } }], ['mark_events_as_seen', { chat_id, seen_up_to: '2030-01-01T00:00:00Z' }],
        ['update_chat_properties', { id: chat_id, properties: { switchboard: { topic: 'x' } } }],
        ['update_thread_properties', { chat_id, thread_id, properties: { rating: { score: 1 } } }],
        ['update_event_properties', { chat_id, thread_id, event_id: event_ids[0], properties: { rating: { score: 1 } } }],
        ['send_sneak_peek', { chat_id, sneak_peek_text: 'x' }],
      ];
      for (const [action, payload] of attempts) {
        const res = await thief.rtm.request(action, payload);
        expect(res.payload.error?.type, action).toBe('not_found');
      }
      await new Promise((r) => setTimeout(r, 50));
      expect(owner.rtm.pushes('incoming_event')).toHaveLength(0);
      owner.rtm.close();
      thief.rtm.close();
    });

    it('refuses events on an inactive chat with chat_inactive, and appends with attach_to_last_thread', async () => {
      const c = await connectCustomer(server);
      const { chat_id, thread_id } = await c.rtm.call<{ chat_id: string; thread_id: string }>('start_chat', {});
      await c.rtm.call('deactivate_chat', { id: chat_id });
      expect((await c.rtm.request('send_event', { chat_id, event: { type: 'message', text: 'late' } })).payload.error?.type).toBe('chat_inactive');
      const { event_id } = await c.rtm.call<{ event_id: string }>('send_event', { chat_id, attach_to_last_thread: true, event: { type: 'message', text: 'late' } });
      expect(event_id.startsWith(thread_id)).toBe(true);
      c.rtm.close();
    });
  });

  describe('deactivate_chat and resume_chat', () => {
    it('closes the thread with a system message, then resumes the same chat in a new linked thread', async () => {
      const c = await connectCustomer(server);
      const { chat_id, thread_id } = await c.rtm.call<{ chat_id: string; thread_id: string }>('start_chat', {});
      await c.rtm.call('deactivate_chat', { id: chat_id });
      const sys = await c.rtm.push('incoming_event', (p) => (p.event as { type: string }).type === 'system_message');
      expect(sys.payload.event).toMatchObject({ system_message_type: 'manual_archived_customer' });
      const deactivated = await c.rtm.push('chat_deactivated');
      expect(deactivated.payload).toEqual({ chat_id, thread_id, user_id: c.id });
      expect((await c.rtm.request('deactivate_chat', { id: chat_id })).payload.error?.type).toBe('chat_inactive');

      const res = await c.rtm.request('resume_chat', { chat: { id: chat_id, thread: { events: [{ type: 'message', text: 'back again' }] } } });
      const resumed = res.payload as { thread_id: string; event_ids: string[] };
      expect(resumed.thread_id).not.toBe(thread_id);
      const push = await c.rtm.push('incoming_chat', (p) => (p.chat as { thread: { id: string } }).thread.id === resumed.thread_id);
      expect(push.request_id).toBe(res.request_id);
      expect((push.payload.chat as { thread: { previous_thread_id: string } }).thread.previous_thread_id).toBe(thread_id);
      expect((await c.rtm.request('resume_chat', { chat: { id: chat_id } })).payload.error?.type).toBe('chat_already_active');

      const threads = await c.rtm.call<{ threads: { id: string; active: boolean; next_thread_id?: string }[]; found_threads: number }>('list_threads', { chat_id });
      expect(threads.found_threads).toBe(2);
      expect(threads.threads.map((t) => t.id)).toEqual([resumed.thread_id, thread_id]);
      expect(threads.threads[1]!.next_thread_id).toBe(resumed.thread_id);
      const asc = await c.rtm.call<{ threads: { id: string }[] }>('list_threads', { chat_id, sort_order: 'asc' });
      expect(asc.threads.map((t) => t.id)).toEqual([thread_id, resumed.thread_id]);
      c.rtm.close();
    });
  });

  describe('list_chats and list_threads', () => {
    it('lists chats by newest activity and pages through them both ways', async () => {
      await setChatLimit(10);
      const c = await connectCustomer(server);
      const ids: string[] = [];
      for (let i = 0; i < 5; i++) ids.push((await c.rtm.call<{ chat_id: string }>('start_chat', { chat: { properties: { switchboard: { topic: `t${i}` } } } })).chat_id);
      const first = await c.rtm.call<{ chats_summary: { id: string; properties: any; active: boolean }[]; total_chats: number; next_page_id?: string; previous_page_id?: string }>('list_chats', { limit: 2 });
      expect(first.total_chats).toBe(5);
      expect(first.chats_summary.map((s) => s.id)).toEqual([ids[4], ids[3]]);
      expect(first.chats_summary[0]!.properties.switchboard.topic).toBe('t4');
      expect(first.previous_page_id).toBeUndefined();
      const second = await c.rtm.call<typeof first>('list_chats', { page_id: first.next_page_id });
      expect(second.chats_summary.map((s) => s.id)).toEqual([ids[2], ids[1]]);
      const back = await c.rtm.call<typeof first>('list_chats', { page_id: second.previous_page_id });
      expect(back.chats_summary.map((s) => s.id)).toEqual([ids[4], ids[3]]);
      const third = await c.rtm.call<typeof first>('list_chats', { page_id: second.next_page_id });
      expect(third.chats_summary.map((s) => s.id)).toEqual([ids[0]]);
      expect(third.next_page_id).toBeUndefined();
      expect((await c.rtm.request('list_chats', { page_id: first.next_page_id, limit: 3 })).payload.error?.type).toBe('validation');
      expect((await c.rtm.request('list_chats', { limit: 26 })).payload.error?.type).toBe('validation');
      c.rtm.close();
    });

    it('returns as many newest threads as min_events_count needs', async () => {
      const c = await connectCustomer(server);
      const { chat_id } = await c.rtm.call<{ chat_id: string }>('start_chat', { chat: { thread: { events: [{ type: 'message', text: '1' }, { type: 'message', text: '2' }] } } });
      for (let i = 0; i < 3; i++) {
        await c.rtm.call('deactivate_chat', { id: chat_id });
        await c.rtm.call('resume_chat', { chat: { id: chat_id, thread: { events: [{ type: 'message', text: `r${i}` }] } } });
      }
      const page = await c.rtm.call<{ threads: { events: unknown[] }[]; next_page_id?: string }>('list_threads', { chat_id, min_events_count: 3 });
      const count = page.threads.reduce((n, t) => n + t.events.length, 0);
      expect(count).toBeGreaterThanOrEqual(3);
      expect(page.next_page_id).toBeDefined();
      const rest = await c.rtm.call<{ threads: unknown[] }>('list_threads', { chat_id, page_id: page.next_page_id });
      expect(page.threads.length + rest.threads.length).toBeLessThanOrEqual(4);
      c.rtm.close();
    });
  });
});
