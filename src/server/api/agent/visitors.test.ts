import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectCustomer, createTestAgent, RawRtm, type TestAgent } from '../../../testing/testClients.js';
import { startAcceptingServer } from '../../../testing/acceptingServer.js';
import type { TestServer } from '../../../testing/testServer.js';

let server: TestServer;
let agent: TestAgent;

beforeAll(async () => {
  server = await startAcceptingServer();
  agent = await createTestAgent(server, 'watcher@example.com');
});
afterAll(async () => { await server.close(); });

/** Logs an agent in over RTM and returns the connection once the login response has arrived. */
async function agentLogin(level?: string): Promise<RawRtm> {
  const rtm = await RawRtm.open(`${server.wsUrl}/v3.5/agent/rtm/ws`);
  await rtm.call('login', { token: agent.basic, ...(level ? { customer_monitoring_level: level } : {}) });
  return rtm;
}
type Listed = { customer_monitoring_level: string; customers: { id: string; last_visit?: { last_pages?: { url: string }[] } }[] };
const page = { url: 'https://shop.example/start', title: 'Start' };

describe('Agent Chat API visitor monitoring (#13)', () => {
  describe('incoming_customers', () => {
    it('follows the login response with the customers online now, at the requested level', async () => {
      const browsing = await connectCustomer(server, { login: { customer_page: page } });
      const chatting = await connectCustomer(server);
      await chatting.rtm.call('start_chat', {});

      const rtm = await agentLogin();
      const loginAt = rtm.frames.findIndex((f) => f.type === 'response' && f.action === 'login');
      const push = await rtm.push('incoming_customers');
      expect(rtm.frames.indexOf(push)).toBeGreaterThan(loginAt);
      expect((push.payload as Listed).customer_monitoring_level).toBe('online');
      const online = (push.payload as Listed).customers;
      expect(online.map((c) => c.id)).toEqual(expect.arrayContaining([browsing.id, chatting.id]));
      expect(online.find((c) => c.id === browsing.id)!.last_visit?.last_pages?.[0]?.url).toBe(page.url);

      const narrow = await agentLogin('chatting');
      const chattingOnly = (await narrow.push('incoming_customers')).payload as Listed;
      expect(chattingOnly.customer_monitoring_level).toBe('chatting');
      expect(chattingOnly.customers.map((c) => c.id)).toContain(chatting.id);
      expect(chattingOnly.customers.map((c) => c.id)).not.toContain(browsing.id);
      const watcherMy = await agentLogin('my');
      expect(((await watcherMy.push('incoming_customers')).payload as Listed).customers.map((c) => c.id)).not.toContain(chatting.id);
      // The chat was routed to the owner: it is the owner's customer.
      const ownerMy = await RawRtm.open(`${server.wsUrl}/v3.5/agent/rtm/ws`);
      await ownerMy.call('login', { token: `Bearer ${server.credentials.owner.personal_access_token}`, customer_monitoring_level: 'my' });
      expect(((await ownerMy.push('incoming_customers')).payload as Listed).customers.map((c) => c.id)).toEqual([chatting.id]);

      const bad = await RawRtm.open(`${server.wsUrl}/v3.5/agent/rtm/ws`);
      expect((await bad.request('login', { token: agent.basic, customer_monitoring_level: 'everyone' })).payload.error?.type).toBe('validation');
      for (const r of [rtm, narrow, bad, watcherMy, ownerMy]) r.close();
      browsing.rtm.close();
      chatting.rtm.close();
    });
  });

  describe('incoming_customer, customer_page_updated, customer_left', () => {
    it('tells agents when a customer arrives, changes page and leaves with its last connection', async () => {
      const rtm = await agentLogin();
      const visitor = await connectCustomer(server, { login: { customer_page: page } });
      expect((await rtm.push('incoming_customer', (p) => p.id === visitor.id)).payload).toMatchObject({ id: visitor.id, type: 'customer', statistics: { visits_count: 1 } });

      await visitor.rtm.call('update_customer_page', { url: 'https://shop.example/cart', title: 'Cart' });
      expect((await rtm.push('customer_page_updated', (p) => p.customer_id === visitor.id)).payload).toEqual({
        customer_id: visitor.id, visit_id: 1, opened_at: expect.stringMatching(/Z$/), url: 'https://shop.example/cart', title: 'Cart',
      });

      const secondTab = await visitor.connect();
      visitor.rtm.close();
      await visitor.rtm.closed;
      await rtm.call('ping');
      secondTab.close();
      const left = await rtm.push('customer_left', (p) => p.id === visitor.id);
      expect(left.payload).toEqual({ id: visitor.id, left_at: expect.stringMatching(/^\d{4}-.*Z$/) });
      expect(rtm.pushes('customer_left').filter((f) => f.payload.id === visitor.id)).toHaveLength(1);
      expect(rtm.pushes('incoming_customer').filter((f) => f.payload.id === visitor.id)).toHaveLength(1);
      rtm.close();
    });
  });
});
