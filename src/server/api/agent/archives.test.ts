import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectCustomer, ownerAgent, type TestAgent, type TestCustomer } from '../../../testing/testClients.js';
import { configWeb } from '../../../testing/configClient.js';
import { startAcceptingServer } from '../../../testing/acceptingServer.js';
import type { TestServer } from '../../../testing/testServer.js';

type Row = { id: string; thread: { id: string; highlight?: string[]; events: { type: string }[] } };
type Archives = { chats: Row[]; found_chats: number; error?: { type: string; message: string } };

let server: TestServer;
let owner: TestAgent;
const customers: TestCustomer[] = [];
/** Closed threads: billing (message about a parcel, tagged shipping) and returns (no message, tagged returns + vip). */
const threads = { billing: { chat: '', thread: '' }, returns: { chat: '', thread: '' } };

async function closedThread(topic: string, tags: string[], text?: string): Promise<{ chat: string; thread: string }> {
  const c = await connectCustomer(server);
  customers.push(c);
  const events = text ? [{ type: 'message', text }] : [];
  const { chat_id, thread_id } = await c.rtm.call<{ chat_id: string; thread_id: string }>('start_chat', { chat: { properties: { switchboard: { topic } }, thread: { events } } });
  for (const tag of tags) await owner.web('tag_thread', { chat_id, thread_id, tag });
  await owner.web('deactivate_chat', { id: chat_id });
  return { chat: chat_id, thread: thread_id };
}

beforeAll(async () => {
  server = await startAcceptingServer();
  owner = ownerAgent(server);
  // tag_thread takes registered tags only (#13)
  for (const name of ['shipping', 'returns', 'vip']) await configWeb(server, 'create_tag', { name, group_ids: [0] });
  threads.billing = await closedThread('billing', ['shipping'], 'my parcel <b>is</b> late, PARCEL 12');
  threads.returns = await closedThread('returns', ['returns', 'vip']);
});
afterAll(async () => {
  for (const c of customers) c.rtm.close();
  await server.close();
});

const archives = (payload: Record<string, unknown>) => owner.web<Archives>('list_archives', payload);
const threadIds = async (filters: Record<string, unknown>) => (await archives({ filters })).body.chats.map((r) => r.thread.id).sort();
const ids = (...names: (keyof typeof threads)[]) => names.map((n) => threads[n].thread).sort();

describe('AgentQueries', () => {
  describe('list_archives', () => {
    it('honours filters.tags with values, exclude_values, require_every_value and exists (#13)', async () => {
      expect(await threadIds({ tags: { values: ['shipping'] } })).toEqual(ids('billing'));
      expect(await threadIds({ tags: { values: ['vip', 'shipping'] } })).toEqual(ids('billing', 'returns'));
      expect(await threadIds({ tags: { values: ['returns', 'vip'], require_every_value: true } })).toEqual(ids('returns'));
      expect(await threadIds({ tags: { values: ['shipping', 'vip'], require_every_value: true } })).toEqual([]);
      expect(await threadIds({ tags: { exclude_values: ['vip'] } })).toEqual(ids('billing'));
      expect(await threadIds({ tags: { exists: false } })).toEqual([]);
    });

    it('honours filters.properties on the chat\'s properties (#13)', async () => {
      expect(await threadIds({ properties: { switchboard: { topic: { values: ['billing'] } } } })).toEqual(ids('billing'));
      expect(await threadIds({ properties: { switchboard: { topic: { exclude_values: ['billing'] } } } })).toEqual(ids('returns'));
      expect(await threadIds({ properties: { switchboard: { topic: { exists: true } } } })).toEqual(ids('billing', 'returns'));
      expect(await threadIds({ properties: { switchboard: { nothing_here: { exists: true } } } })).toEqual([]);
    });

    it('honours filters.event_types (#13)', async () => {
      expect(await threadIds({ event_types: { values: ['message'] } })).toEqual(ids('billing'));
      expect(await threadIds({ event_types: { exclude_values: ['message'] } })).toEqual(ids('returns'));
    });

    it('honours filters.agents with exists and values (#13)', async () => {
      expect(await threadIds({ agents: { exists: true } })).toEqual(ids('billing', 'returns'));
      expect(await threadIds({ agents: { exists: false } })).toEqual([]);
      expect(await threadIds({ agents: { exclude_values: [owner.id] } })).toEqual([]);
      expect(await threadIds({ agents: { values: [owner.id] }, tags: { values: ['vip'] } })).toEqual(ids('returns'));
    });

    it('honours filters.thread_ids alone and refuses it with other filters (#13)', async () => {
      expect(await threadIds({ thread_ids: [threads.returns.thread, 'NOSUCHTHREAD'] })).toEqual(ids('returns'));
      expect((await archives({ filters: { thread_ids: [threads.returns.thread], query: 'parcel' } })).body).toMatchObject({ error: { type: 'validation' } });
      expect((await archives({ filters: { thread_ids: Array.from({ length: 21 }, (_, i) => `T${i}`) } })).status).toBe(400);
    });

    it('honours query, from/to and customer_id together', async () => {
      expect(await threadIds({ query: 'parcel', from: new Date(Date.now() - 3600_000).toISOString(), customer_id: customers[0]!.id })).toEqual(ids('billing'));
      expect(await threadIds({ query: 'parcel', to: '2000-01-01' })).toEqual([]);
    });

    it('returns thread.highlight with each match wrapped and the rest HTML-escaped when highlights is given (#13)', async () => {
      const plain = await archives({ filters: { query: 'parcel' } });
      expect(plain.body.chats[0]!.thread.highlight).toBeUndefined();
      const em = await archives({ filters: { query: 'parcel' }, highlights: {} });
      expect(em.body.chats[0]!.thread.highlight).toEqual(['my <em>parcel</em> &#60;b&#62;is&#60;/b&#62; late, <em>PARCEL</em> 12']);
      const mark = await archives({ filters: { query: 'late' }, highlights: { pre_tag: '<mark>', post_tag: '</mark>' } });
      expect(mark.body.chats[0]!.thread.highlight).toEqual(['my parcel &#60;b&#62;is&#60;/b&#62; <mark>late</mark>, PARCEL 12']);
      expect((await archives({ filters: { query: 'late' }, highlights: { pre_tag: '<mark>' } })).status).toBe(400);
    });

    it.each([
      ['sales', { sales: { exists: true } }],
      ['customer_countries', { customer_countries: { values: ['PL'] } }],
      ['greetings', { greetings: { exists: true } }],
    ])('refuses the documented filter %s it does not model with validation (#13)', async (name, filters) => {
      const res = await archives({ filters });
      expect(res).toMatchObject({ status: 400, body: { error: { type: 'validation', message: expect.stringContaining(name) } } });
    });

    it('refuses unknown filters and malformed operators with validation instead of ignoring them (#13)', async () => {
      for (const filters of [
        { no_such_filter: true },
        { tags: { values: ['a'], exists: true } },
        { tags: {} },
        { properties: { 'bad"ns': { x: { exists: true } } } },
        { event_types: { values: 'message' } },
      ]) {
        expect((await archives({ filters })).body, JSON.stringify(filters)).toMatchObject({ error: { type: 'validation' } });
      }
    });
  });

  describe('list_threads', () => {
    it('honours filters.from and filters.to on thread creation time, inclusive (#13)', async () => {
      const c = customers[0]!;
      const { thread_id: second } = await c.rtm.call<{ thread_id: string }>('resume_chat', { chat: { id: threads.billing.chat } });
      await owner.web('deactivate_chat', { id: threads.billing.chat });
      type Threads = { threads: { id: string; created_at: string }[]; found_threads: number };
      const all = (await owner.web<Threads>('list_threads', { chat_id: threads.billing.chat, sort_order: 'asc' })).body;
      expect(all.threads.map((t) => t.id)).toEqual([threads.billing.thread, second]);
      const [first, last] = [all.threads[0]!, all.threads[1]!];
      const from = await owner.web<Threads>('list_threads', { chat_id: threads.billing.chat, filters: { from: last.created_at } });
      expect(from.body).toMatchObject({ found_threads: 1, threads: [{ id: second }] });
      const to = await owner.web<Threads>('list_threads', { chat_id: threads.billing.chat, filters: { to: first.created_at } });
      expect(to.body).toMatchObject({ found_threads: 1, threads: [{ id: threads.billing.thread }] });
      const none = await owner.web<Threads>('list_threads', { chat_id: threads.billing.chat, filters: { to: '2000-01-01T00:00:00Z' } });
      expect(none.body).toMatchObject({ found_threads: 0, threads: [] });
    });

    it('refuses a bad date, filters with min_events_count, and filters from customers (validation)', async () => {
      const chat_id = threads.billing.chat;
      expect((await owner.web('list_threads', { chat_id, filters: { from: 'last week' } })).status).toBe(400);
      expect((await owner.web('list_threads', { chat_id, filters: { from: '2000-01-01' }, min_events_count: 1 })).status).toBe(400);
      expect((await customers[0]!.web('list_threads', { chat_id, filters: { from: '2000-01-01' } })).body).toMatchObject({ error: { type: 'validation' } });
    });
  });
});
