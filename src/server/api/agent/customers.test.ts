import { Agent } from '@livechat/lc-sdk-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { config } from '../../../testing/configClient.js';
import { connectCustomer, ownerAgent, type RawRtm, type TestAgent } from '../../../testing/testClients.js';
import { startAcceptingServer } from '../../../testing/acceptingServer.js';
import type { TestServer } from '../../../testing/testServer.js';
import { WebhookReceiver } from '../../../testing/webhookReceiver.js';
import { sdkRequestsOverHttp } from '../../../testing/sdkOverHttp.js';
import { registerLicenseWebhooks } from '../../../testing/licenseWebhooks.js';

let server: TestServer;
let owner: TestAgent;
let ownerRtm: RawRtm;
let receiver: WebhookReceiver;
let undoPlainHttp: () => void;
let sdkWeb: InstanceType<typeof Agent.Web>;

beforeAll(async () => {
  server = await startAcceptingServer();
  owner = ownerAgent(server);
  ownerRtm = await owner.connect();
  receiver = await WebhookReceiver.start();
  await registerLicenseWebhooks(server, receiver, 'crm-app', ['incoming_customer', 'customer_session_fields_updated']);
  const host = new URL(server.url).host;
  undoPlainHttp = sdkRequestsOverHttp(server);
  sdkWeb = new Agent.Web('crm-app', () => ({ accessToken: owner.token, region: 'dal', organizationID: server.credentials.organization_id }), { apiUrl: host });
});
afterAll(async () => {
  undoPlainHttp();
  ownerRtm.close();
  await receiver.close();
  await server.close();
});

type Customer = { id: string; name?: string; email?: string; session_fields?: Record<string, string>[]; statistics: { chats_count: number } };
type Listed = { customers: Customer[]; total_customers: number; next_page_id?: string; previous_page_id?: string };
const ids = (l: Listed) => l.customers.map((c) => c.id);
const list = async (payload: Record<string, unknown>) => {
  const res = await owner.web<Listed>('list_customers', payload);
  if (res.status !== 200) throw new Error(JSON.stringify(res.body));
  return res.body;
};

describe('Agent Chat API customers (#13)', () => {
  describe('create_customer', () => {
    it('creates a customer over Web, RTM and lc-sdk-js, pushes incoming_customer and fires the webhook with {customer}', async () => {
      const web = await owner.web<{ customer_id: string }>('create_customer', { name: 'Thomas Anderson', email: 'neo@matrix.example', session_fields: [{ plan: 'gold' }] });
      expect(web.status).toBe(200);
      expect(web.body.customer_id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      const pushed = await ownerRtm.push('incoming_customer', (p) => p.id === web.body.customer_id);
      expect(pushed.payload).toMatchObject({ id: web.body.customer_id, type: 'customer', name: 'Thomas Anderson', email: 'neo@matrix.example', session_fields: [{ plan: 'gold' }], statistics: { chats_count: 0 } });
      await receiver.until(() => receiver.of('incoming_customer').some((w) => (w.payload.customer as Customer | undefined)?.id === web.body.customer_id));
      expect(receiver.of('incoming_customer').find((w) => (w.payload.customer as Customer).id === web.body.customer_id)!.payload).toEqual({ customer: pushed.payload });

      const rtm = await ownerRtm.call<{ customer_id: string }>('create_customer', { name: 'Trinity' });
      const sdk = (await sdkWeb.createCustomer({ name: 'Morpheus' })) as { customer_id: string };
      expect((await owner.web<Customer>('get_customer', { id: rtm.customer_id })).body.name).toBe('Trinity');
      expect((await owner.web<Customer>('get_customer', { id: sdk.customer_id })).body.name).toBe('Morpheus');
      expect((await owner.web('create_customer', { name: 'x', nickname: 'y' })).body).toMatchObject({ error: { type: 'validation' } });
    });
  });

  describe('update_customer', () => {
    it('updates a customer (customer_updated to its connections) and fires customer_session_fields_updated once per active chat', async () => {
      const c = await connectCustomer(server);
      const first = await c.rtm.call<{ chat_id: string }>('start_chat', {});
      await ownerRtm.call('deactivate_chat', { id: first.chat_id });
      await server.built.platform.licenses.update(1, 'agent', { routing: { max_customer_chats_count: 3 } });
      const active = await c.rtm.call<{ chat_id: string; thread_id: string }>('start_chat', {});

      await sdkWeb.updateCustomer(c.id, { name: 'Renamed', session_fields: [{ cart: '3' }] });
      expect((await c.rtm.push('customer_updated', (p) => p.name === 'Renamed')).payload).toEqual({ id: c.id, name: 'Renamed', session_fields: [{ cart: '3' }] });
      await receiver.until(() => receiver.of('customer_session_fields_updated').some((w) => w.payload.id === c.id));
      expect(receiver.of('customer_session_fields_updated').filter((w) => w.payload.id === c.id).map((w) => w.payload))
        .toEqual([{ id: c.id, active_chat: { chat_id: active.chat_id, thread_id: active.thread_id }, session_fields: [{ cart: '3' }] }]);

      await ownerRtm.call('update_customer', { id: c.id, email: 'renamed@example.com' });
      expect((await owner.web<Customer>('get_customer', { id: c.id })).body).toMatchObject({ name: 'Renamed', email: 'renamed@example.com' });
      c.rtm.close();
    });

    it('refuses a non-UUID-v4 id and an update without fields (validation), an unknown customer (not_found)', async () => {
      expect(await owner.web('update_customer', { id: 'not-a-uuid', name: 'x' })).toMatchObject({ status: 400, body: { error: { type: 'validation' } } });
      const { body } = await owner.web<{ customer_id: string }>('create_customer', {});
      expect(await owner.web('update_customer', { id: body.customer_id })).toMatchObject({ status: 400, body: { error: { type: 'validation' } } });
      expect(await owner.web('update_customer', { id: 'b7eff798-f8df-4364-8059-649c35c9ed0c', name: 'x' })).toMatchObject({ status: 404, body: { error: { type: 'not_found' } } });
    });
  });

  describe('list_customers', () => {
    it('honours email, name and customer_id filters (values and exclude_values); e-mails ignore letter case', async () => {
      const mk = async (name: string, email: string) => (await owner.web<{ customer_id: string }>('create_customer', { name, email })).body.customer_id;
      const ann = await mk('Ann', 'Ann@filters.example');
      const bob = await mk('Bob', 'bob@filters.example');
      const cid = await mk('Cid', 'cid@filters.example');
      expect(ids(await list({ filters: { email: { values: ['ann@filters.example'] } } }))).toEqual([ann]);
      expect(ids(await list({ filters: { name: { values: ['Bob', 'Cid'] } }, sort_order: 'asc' }))).toEqual([bob, cid]);
      expect(ids(await list({ filters: { customer_id: { values: [ann, bob] }, email: { exclude_values: ['BOB@filters.example'] } } }))).toEqual([ann]);
      expect((await list({ filters: { email: { values: ['nobody@filters.example'] } } })).total_customers).toBe(0);
    });

    it('honours chats, threads and visits counts, chat groups, customers without chats and the event dates', async () => {
      const group = (await config<{ id: number }>(server, 'create_group', { name: 'VIP', agent_priorities: { [server.credentials.owner.id]: 'normal' } })).id;
      const chatty = await connectCustomer(server);
      const { chat_id } = await chatty.rtm.call<{ chat_id: string }>('start_chat', { chat: { access: { group_ids: [group] }, thread: { events: [{ type: 'message', text: 'hi' }] } } });
      const silent = (await owner.web<{ customer_id: string }>('create_customer', { name: 'Silent' })).body.customer_id;
      const both = { customer_id: { values: [chatty.id, silent] } };
      expect(ids(await list({ filters: { ...both, chats_count: { gte: 1 } } }))).toEqual([chatty.id]);
      expect(ids(await list({ filters: { ...both, threads_count: { eq: 0 } } }))).toEqual([silent]);
      expect(ids(await list({ filters: { ...both, visits_count: { gt: 0 } } }))).toEqual([chatty.id]);
      expect(ids(await list({ filters: { ...both, include_customers_without_chats: false } }))).toEqual([chatty.id]);
      expect(ids(await list({ filters: { ...both, chat_group_ids: { values: [group] } } }))).toEqual([chatty.id]);
      expect(ids(await list({ filters: { ...both, chat_group_ids: { exclude_values: [group] } } }))).toEqual([silent]);
      const since = new Date(Date.now() - 60_000).toISOString();
      expect(ids(await list({ filters: { ...both, customer_last_event_created_at: { gte: since } } }))).toEqual([chatty.id]);
      expect(ids(await list({ filters: { ...both, agent_last_event_created_at: { gte: since } } }))).toEqual([]);
      await ownerRtm.call('send_event', { chat_id, event: { type: 'message', text: 'hello' } });
      expect(ids(await list({ filters: { ...both, agent_last_event_created_at: { gte: since } } }))).toEqual([chatty.id]);
      expect(ids(await list({ filters: both, sort_by: 'customer_last_event', sort_order: 'desc' }))).toEqual([chatty.id, silent]);
      expect(ids(await list({ filters: { ...both, created_at: { gte: since, lt: '2999-01-01T00:00:00.000000+01:00' } }, sort_order: 'asc' }))).toEqual([chatty.id, silent]);
      expect(ids(await list({ filters: { ...both, created_at: { lt: since } } }))).toEqual([]);
      chatty.rtm.close();
    });

    it('sorts by the requested field and pages with a page_id that remembers filters and sort (lc-sdk-js and RTM)', async () => {
      const made: string[] = [];
      for (let i = 0; i < 5; i++) made.push((await owner.web<{ customer_id: string }>('create_customer', { email: `page${i}@sort.example` })).body.customer_id);
      const filters = { customer_id: { values: made } };
      const first = (await sdkWeb.listCustomers({ filters, limit: 2, sort_order: 'asc', sort_by: 'created_at' } as never)) as Listed;
      expect(first).toMatchObject({ total_customers: 5 });
      expect(ids(first)).toEqual(made.slice(0, 2));
      const second = await ownerRtm.call<Listed>('list_customers', { page_id: first.next_page_id });
      expect(ids(second)).toEqual(made.slice(2, 4));
      expect(ids(await list({ page_id: second.previous_page_id! }))).toEqual(made.slice(0, 2));
      expect(ids(await list({ filters, sort_by: 'visits_count', sort_order: 'desc', limit: 10 }))).toHaveLength(5);
    });

    it.each([
      ['an unknown filter', { filters: { favourite_color: { values: ['red'] } } }],
      ['an unknown parameter', { sort: 'name' }],
      ['values with exclude_values', { filters: { email: { values: ['a'], exclude_values: ['b'] } } }],
      ['an empty range', { filters: { chats_count: {} } }],
      ['an unknown range operator', { filters: { chats_count: { between: [1, 2] } } }],
      ['a bad date', { filters: { created_at: { gte: 'yesterday' } } }],
      ['an unknown sort_by', { sort_by: 'name' }],
      ['country (no geolocation)', { filters: { country: { values: ['PL'] } } }],
      ['page_id with filters', { page_id: 'eyJvcmRlciI6ImRlc2MiLCJsaW1pdCI6MTB9', filters: {} }],
      ['more than 40 chat groups', { filters: { chat_group_ids: { values: Array.from({ length: 41 }, (_, i) => i) } } }],
    ])('refuses %s with validation instead of ignoring it (#13)', async (_what, payload) => {
      expect(await owner.web('list_customers', payload)).toMatchObject({ status: 400, body: { error: { type: 'validation' } } });
    });
  });
});
