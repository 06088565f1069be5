import { describe, expect, it } from 'vitest';
import { startTestServer } from '../testing/testServer.js';

describe('bootstrap', () => {
  describe('first start', () => {
    it('lets a visitor hold 5 chats and registers the widget settings; a later start keeps what the owner changed (#15)', async () => {
      const first = await startTestServer();
      const platform = () => first.built.platform;
      expect(await platform().licenses.list(1, 'customer', { namespace: 'routing' })).toEqual({ routing: { max_customer_chats_count: 5 } });
      await platform().licenses.update(1, 'agent', { routing: { max_customer_chats_count: 3 }, switchboard: { widget_name: 'Northwind', brand_color: '#0f766e', reply_time: '10' } });
      const second = await first.restart();
      try {
        expect(await second.built.platform.licenses.list(1, 'customer', { namespace: 'routing' })).toEqual({ routing: { max_customer_chats_count: 3 } });
        expect(await second.built.platform.licenses.list(1, 'customer', { namespace: 'switchboard' })).toMatchObject({ switchboard: { widget_name: 'Northwind', brand_color: '#0f766e', reply_time: '10' } });
      } finally {
        await second.close();
      }
    });
  });
});
