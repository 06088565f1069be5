import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { connectCustomer, createTestAgent, ownerAgent } from '../../../testing/testClients.js';
import { startTestServer, type TestServer } from '../../../testing/testServer.js';

let server: TestServer;
beforeEach(async () => { server = await startTestServer(); });
afterEach(async () => { await server.close(); });

describe('ConnectionRegistry', () => {
  describe('add() and remove()', () => {
    it('delivers a user\'s pushes to every tab it has open as tabs come and go, one tab or several (#16)', async () => {
      const registry = server.built.registry;
      const c = await connectCustomer(server);
      const tab2 = await c.connect();
      const tab3 = await c.connect();
      expect(registry.connectionsOf(c.id)).toHaveLength(3);

      await c.web('update_customer', { name: 'Three tabs' });
      for (const tab of [c.rtm, tab2, tab3]) expect((await tab.push('customer_updated', (p) => p.name === 'Three tabs')).payload.name).toBe('Three tabs');

      tab2.close();
      await vi.waitFor(() => expect(registry.connectionsOf(c.id)).toHaveLength(2));
      tab3.close();
      await vi.waitFor(() => expect(registry.connectionsOf(c.id)).toHaveLength(1));
      expect(registry.countByKind().customer).toBe(1);
      await c.web('update_customer', { name: 'One tab' });
      expect((await c.rtm.push('customer_updated', (p) => p.name === 'One tab')).payload.name).toBe('One tab');
      expect(tab2.pushes('customer_updated').map((f) => f.payload.name)).toEqual(['Three tabs']);

      c.rtm.close();
      await vi.waitFor(() => expect(registry.connectionsOf(c.id)).toHaveLength(0));
      expect(registry.size).toBe(0);

      const again = await c.connect();
      expect(registry.connectionsOf(c.id)).toHaveLength(1);
      await c.web('update_customer', { name: 'Back' });
      expect((await again.push('customer_updated', (p) => p.name === 'Back')).payload.name).toBe('Back');
      again.close();
    });
  });

  describe('deliver()', () => {
    it('pushes a chat push once to each connection, whether reached as a chat user, through its groups or both, and never to excluded users (#16)', async () => {
      const registry = server.built.registry;
      const customer = await connectCustomer(server);
      const owner = await ownerAgent(server).connect();
      const other = await (await createTestAgent(server, 'other@example.com', { role: 'administrator' })).connect();
      const ownerId = server.credentials.owner.id;
      const push = (marker: string, extra: { excludeUserIds?: string[] } = {}) => registry.deliver({
        kind: 'chat_push', licenseId: 1, chatId: 'C', name: 'incoming_event', userIds: [customer.id, ownerId, ownerId], agentGroups: [0],
        agentPayload: { marker, view: 'agent' }, customerPayload: { marker, view: 'customer' }, ...extra,
      });
      push('both');
      push('no owner', { excludeUserIds: [ownerId] });
      // A response written after the pushes arrives after them on each socket.
      await Promise.all([customer.rtm.call('ping'), owner.call('ping'), other.call('ping')]);
      const seen = (rtm: typeof owner) => rtm.pushes('incoming_event').map((f) => `${f.payload.marker as string}/${f.payload.view as string}`);
      expect(seen(customer.rtm)).toEqual(['both/customer', 'no owner/customer']);
      expect(seen(owner)).toEqual(['both/agent']);
      expect(seen(other)).toEqual(['both/agent', 'no owner/agent']);
      for (const rtm of [customer.rtm, owner, other]) rtm.close();
    });
  });
});
