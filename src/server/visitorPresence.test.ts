import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectCustomer, ownerAgent, type RawRtm } from '../testing/testClients.js';
import type { TestServer } from '../testing/testServer.js';
import { startTwoNodes, type TwoNodes } from '../testing/twoNodeServers.js';

const customersIn = (frame: { payload: Record<string, unknown> }) => (frame.payload.customers as { id: string }[]).map((c) => c.id);
const about = (rtm: RawRtm, push: string, id: string) => rtm.pushes(push).filter((f) => (f.payload.id ?? (f.payload.customer as { id?: string } | undefined)?.id) === id);

/** Two nodes on one PostgreSQL database and one Redis: visitor monitoring sees customers of both (#12). */
describe('VisitorSessions on two nodes (#12)', () => {
  let nodes: TwoNodes;
  let a: TestServer;
  let b: TestServer;

  beforeAll(async () => {
    // Test-sized presence: a node's entries expire 600 ms after its last heartbeat.
    nodes = await startTwoNodes({ redis: { presenceTtlMs: 600, presenceHeartbeatMs: 150, jobPollMs: 20 } });
    ({ a, b } = nodes);
  });
  afterAll(async () => { await nodes?.close(); });

  describe('agent login', () => {
    it('lists in incoming_customers the customers online on the other node', async () => {
      const customer = await connectCustomer(a);
      const agent = await ownerAgent(b).connect();
      expect(customersIn(await agent.push('incoming_customers'))).toContain(customer.id);
      customer.rtm.close();
      await agent.push('customer_left', (p) => p.id === customer.id);
      agent.close();
    });
  });

  describe('drain', () => {
    it('announces no customer_left (nor a second incoming_customer) for a visitor that reconnects to the other node; one that does not is left once the drained node\'s presence expired', async () => {
      const agent = await ownerAgent(b).connect();
      const moving = await connectCustomer(a);
      const leaving = await connectCustomer(a);
      await agent.push('incoming_customer', (p) => p.id === leaving.id);

      await a.built.drain();
      await moving.rtm.closed;
      const moved = await connectCustomer(b, { refreshToken: moving.refreshToken });
      expect(moved.id).toBe(moving.id);
      await a.stop();

      // Both visitors' entries of node A expire in the same reap: `leaving`'s customer_left marks it.
      await agent.push('customer_left', (p) => p.id === leaving.id);
      expect(about(agent, 'customer_left', moving.id)).toEqual([]);
      expect(about(agent, 'incoming_customer', moving.id)).toHaveLength(1);

      moved.rtm.close();
      await agent.push('customer_left', (p) => p.id === moving.id);
      agent.close();
    });
  });
});
