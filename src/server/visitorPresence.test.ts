import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { connectCustomer, ownerAgent, type RawRtm } from '../testing/testClients.js';
import { createDatabase } from '../testing/services/postgres.js';
import { startTestServer, type TestServer } from '../testing/testServer.js';
import { REDIS_DEFAULTS, type Config } from './config.js';

const customersIn = (frame: { payload: Record<string, unknown> }) => (frame.payload.customers as { id: string }[]).map((c) => c.id);
const about = (rtm: RawRtm, push: string, id: string) => rtm.pushes(push).filter((f) => (f.payload.id ?? (f.payload.customer as { id?: string } | undefined)?.id) === id);

/** Two nodes on one PostgreSQL database and one Redis: visitor monitoring sees customers of both (#12). */
describe('VisitorSessions on two nodes (#12)', () => {
  let a: TestServer;
  let b: TestServer;
  let dropDatabase: () => Promise<void>;

  beforeAll(async () => {
    const db = await createDatabase(inject('postgresAdminUrl'));
    dropDatabase = db.drop;
    const shared = { url: db.url, drop: async () => undefined };
    // Test-sized presence: a node's entries expire 600 ms after its last heartbeat.
    const redis: Partial<Config> = { fanOut: 'redis', redis: { url: inject('redisUrl'), prefix: `test:${randomUUID()}:`, ...REDIS_DEFAULTS, presenceTtlMs: 600, presenceHeartbeatMs: 150, jobPollMs: 20 } };
    [a, b] = await Promise.all([startTestServer(redis, undefined, 0, shared), startTestServer(redis, undefined, 0, shared)]);
  });
  afterAll(async () => {
    await Promise.all([a?.close(), b?.close()]);
    await dropDatabase?.();
  });

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
