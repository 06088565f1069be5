import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectCustomer } from '../../testing/testClients.js';
import { startTestServer, type TestServer } from '../../testing/testServer.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
  await server.built.platform.licenses.update(1, 'agent', { routing: { max_customer_chats_count: 1 } });
});
afterAll(async () => { await server.close(); });

/** What the admin CLI does next to a running server: its own connection, its own write. */
function writeFromAdminConnection(): void {
  const admin = new Database(join(server.dataDir, 'switchboard.db'), { timeout: 250 });
  try {
    admin.prepare("INSERT OR REPLACE INTO license_properties (license_id, namespace, name, value) VALUES (1, 'test', 'admin_write', '1')").run();
  } finally {
    admin.close();
  }
}

describe('SQLite write lock next to a running server', () => {
  describe('refused start_chat', () => {
    it('leaves the database writable by another connection (#11)', async () => {
      const c = await connectCustomer(server);
      const { chat_id } = await c.rtm.call<{ chat_id: string }>('start_chat', { continuous: true });
      const refused = await c.rtm.request('start_chat', { continuous: true });
      expect(refused.payload.error?.type).toBe('chat_limit_reached');
      expect(writeFromAdminConnection).not.toThrow();
      // The server still writes after the other connection did.
      expect((await c.web('send_event', { chat_id, event: { type: 'message', text: 'still here' } })).status).toBe(200);
      c.rtm.close();
    });
  });
});
