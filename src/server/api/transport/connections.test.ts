import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { connectCustomer } from '../../../testing/testClients.js';
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
});
