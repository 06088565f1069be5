import type { BotInput, ConfigBot, ConfigWebhook, ConfigurationActions, WebhookInput } from '../../protocol/configuration.js';
import type { WebApi } from '../../rtm/webApi.js';

/**
 * Bots and their webhooks through the Configuration API. A personal access token has no client id,
 * so the console names one: each bot it creates gets a client id of its own (32 hex, like an OAuth
 * client's), which then owns that bot's webhooks and its license-webhook switch.
 */
export interface BotSettings {
  listBots(): Promise<ConfigBot[]>;
  /** Resolves with the new bot's id, its owner client id and its secret (shown once). */
  createBot(input: BotInput & { name: string }): Promise<{ id: string; secret: string; ownerClientId: string }>;
  updateBot(id: string, input: BotInput): Promise<void>;
  /** Also unregisters the webhooks of its client id when no other bot shares it. */
  deleteBot(bot: ConfigBot): Promise<void>;
  listWebhooks(ownerClientId: string): Promise<ConfigWebhook[]>;
  registerWebhook(ownerClientId: string, input: WebhookInput): Promise<string>;
  unregisterWebhook(ownerClientId: string, id: string): Promise<void>;
  /** The webhook actions this server sends (`list_webhook_names`). */
  listWebhookActions(): Promise<string[]>;
  licenseWebhooksEnabled(ownerClientId: string): Promise<boolean>;
  setLicenseWebhooksEnabled(ownerClientId: string, enabled: boolean): Promise<void>;
}

type Api = Pick<WebApi<ConfigurationActions>, 'action'>;

export function newClientId(): string {
  const bytes = globalThis.crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

export function createBotSettings(api: Api): BotSettings {
  return {
    listBots: () => api.action('list_bots', { all: true, fields: ['max_chats_count', 'groups'] }),
    async createBot(input) {
      const ownerClientId = newClientId();
      const created = await api.action('create_bot', { ...input, owner_client_id: ownerClientId });
      return { ...created, ownerClientId };
    },
    async updateBot(id, input) {
      await api.action('update_bot', { id, ...input });
    },
    async deleteBot(bot) {
      const owner = bot.owner_client_id;
      if (owner) {
        const shared = (await api.action('list_bots', { all: true })).some((b) => b.id !== bot.id && b.owner_client_id === owner);
        if (!shared) {
          for (const hook of await api.action('list_webhooks', { owner_client_id: owner })) {
            await api.action('unregister_webhook', { id: hook.id, owner_client_id: owner });
          }
        }
      }
      await api.action('delete_bot', { id: bot.id });
    },
    listWebhooks: (ownerClientId) => api.action('list_webhooks', { owner_client_id: ownerClientId }),
    async registerWebhook(ownerClientId, input) {
      return (await api.action('register_webhook', { ...input, owner_client_id: ownerClientId })).id;
    },
    async unregisterWebhook(ownerClientId, id) {
      await api.action('unregister_webhook', { id, owner_client_id: ownerClientId });
    },
    async listWebhookActions() {
      return (await api.action('list_webhook_names', {})).map((n) => n.action);
    },
    async licenseWebhooksEnabled(ownerClientId) {
      return (await api.action('get_license_webhooks_state', { owner_client_id: ownerClientId })).license_webhooks_enabled;
    },
    async setLicenseWebhooksEnabled(ownerClientId, enabled) {
      await api.action(enabled ? 'enable_license_webhooks' : 'disable_license_webhooks', { owner_client_id: ownerClientId });
    },
  };
}
