import { config } from './configClient.js';
import type { TestServer } from './testServer.js';
import type { WebhookReceiver } from './webhookReceiver.js';

/** Registers one license webhook per action, delivered to `receiver` with secret key "k", owned by the client `ownerClientId`. */
export async function registerLicenseWebhooks(server: TestServer, receiver: WebhookReceiver, ownerClientId: string, actions: string[]): Promise<void> {
  for (const action of actions) {
    await config(server, 'register_webhook', { action, url: receiver.url, secret_key: 'k', owner_client_id: ownerClientId, type: 'license' });
  }
}
