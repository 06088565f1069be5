import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, inject, it, vi } from 'vitest';
import { config } from '../../testing/configClient.js';
import { startTestServer, type TestServer } from '../../testing/testServer.js';
import { WebhookReceiver } from '../../testing/webhookReceiver.js';
import { REDIS_DEFAULTS, type Config } from '../config.js';

const opened: { server: TestServer; receiver: WebhookReceiver }[] = [];
afterEach(async () => {
  for (const { server, receiver } of opened.splice(0)) {
    await server.close();
    await receiver.close();
  }
});

const inProcess = (): Partial<Config> => ({});
const redis = (): Partial<Config> => ({ fanOut: 'redis', redis: { url: inject('redisUrl'), prefix: `test:${randomUUID()}:`, ...REDIS_DEFAULTS, jobPollMs: 20 } });

describe('startOutboxSweep()', () => {
  for (const [name, coordination] of [['in-process timers', inProcess], ['Redis timers', redis]] as const) {
    it(`sends a row that no dispatcher is waiting for (enqueued by a node that died), over ${name} (#12)`, async () => {
      const receiver = await WebhookReceiver.start();
      const server = await startTestServer({ ...coordination(), webhookSweepMs: 50 });
      opened.push({ server, receiver });
      const { id: webhookId } = await config<{ id: string }>(server, 'register_webhook', {
        action: 'incoming_chat', url: receiver.url, secret_key: 'k3y', owner_client_id: 'test-app', type: 'license',
      });
      await server.built.webhooks.idle();
      // Written straight to the shared store, as another node would, with no kick to this node's dispatcher.
      const body = JSON.stringify({ webhook_id: webhookId, secret_key: 'k3y', action: 'incoming_chat', organization_id: server.credentials.organization_id, payload: { orphan: true } });
      await server.built.platform.uow.run((tx) => tx.enqueueWebhookDeliveries([
        { licenseId: 1, webhookId, orderKey: `${webhookId}:orphan`, url: receiver.url, body, nextAttemptAt: Date.now(), createdAt: Date.now() },
      ]));
      await vi.waitFor(() => expect(receiver.accepted.map((w) => w.payload)).toEqual([{ orphan: true }]), { timeout: 5000 });
    });
  }
});
