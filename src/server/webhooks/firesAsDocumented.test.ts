import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { config, configWeb } from '../../testing/configClient.js';
import { connectCustomer, createTestAgent, ownerAgent } from '../../testing/testClients.js';
import { startAcceptingServer } from '../../testing/acceptingServer.js';
import type { TestServer } from '../../testing/testServer.js';
import { WebhookReceiver } from '../../testing/webhookReceiver.js';
import { WEBHOOK_NAMES, webhookFires } from '../domain/configuration/webhookRegistry.js';

const FAST = { timeoutMs: 300, backoffMs: 40, maxBackoffMs: 150, maxAttempts: 4, maxAgeMs: 60_000, concurrency: 4 };

let server: TestServer;
beforeAll(async () => {
  server = await startAcceptingServer({ config: { webhookDelivery: FAST } });
});
afterAll(() => server.close());

const register = (url: string, action: string, owner = 'fires-app') =>
  config<{ id: string }>(server, 'register_webhook', { action, url, secret_key: 'k', owner_client_id: owner, type: 'license' });

async function drained(): Promise<void> {
  for (let i = 0; i < 400; i++) {
    if ((await server.built.platform.uow.read((tx) => tx.countPendingWebhookDeliveries())) === 0) return server.built.webhooks.idle();
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error('outbox not drained');
}

describe('Webhooks', () => {
  describe('incoming_chat', () => {
    it('fires for a chat coming with a new thread, not when a transfer brings the chat to another agent (#13)', async () => {
      const r = await WebhookReceiver.start();
      await register(r.url, 'incoming_chat');
      await register(r.url, 'chat_transferred');
      const tara = await createTestAgent(server, 'tara@example.com');
      const taraRtm = await tara.connect();
      const customer = await connectCustomer(server);
      const { chat_id } = await customer.rtm.call<{ chat_id: string }>('start_chat', {});
      await ownerAgent(server).web('transfer_chat', { id: chat_id, target: { type: 'agent', ids: [tara.id] } });
      await taraRtm.push('incoming_chat', (p) => (p.chat as { id: string }).id === chat_id);
      await r.until(() => r.of('chat_transferred').some((b) => b.payload.chat_id === chat_id));
      await drained();
      expect(r.of('incoming_chat').filter((b) => (b.payload.chat as { id: string }).id === chat_id)).toHaveLength(1);
      taraRtm.close();
      customer.rtm.close();
      await r.close();
    });
  });

  describe('register_webhook', () => {
    it('accepts exactly the webhooks list_webhook_names names and refuses every other documented one with validation (#13)', async () => {
      const listed = (await config<{ action: string }[]>(server, 'list_webhook_names')).map((w) => w.action);
      for (const action of Object.keys(WEBHOOK_NAMES)) {
        const res = await configWeb<{ id?: string; error?: { type: string; message: string } }>(server, 'register_webhook', {
          action, url: 'https://hooks.example.com/x', secret_key: 'k', owner_client_id: 'every-app', type: 'license',
        });
        if (webhookFires(action)) {
          expect(res.status, action).toBe(200);
          expect(listed).toContain(action);
        } else {
          expect(res, action).toMatchObject({ status: 400, body: { error: { type: 'validation', message: expect.stringContaining(action) } } });
          expect(listed).not.toContain(action);
        }
      }
    });

    it('refuses auto_accesses_updated, which Switchboard never triggers (#13)', async () => {
      const res = await configWeb(server, 'register_webhook', { action: 'auto_accesses_updated', url: 'https://h.example.com/', secret_key: 'k', owner_client_id: 'a', type: 'license' });
      expect(res).toMatchObject({ status: 400, body: { error: { type: 'validation', message: expect.stringContaining('never triggers') } } });
    });
  });
});
