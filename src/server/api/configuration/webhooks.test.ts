import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { agentWithRole, config, configWeb } from '../../../testing/configClient.js';
import { startTestServer, type TestServer } from '../../../testing/testServer.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

const hook = (extra: Record<string, unknown> = {}) => ({
  action: 'incoming_chat', url: 'https://hooks.example.com/lc', secret_key: 's3cr3t', owner_client_id: 'hook-app', type: 'license', ...extra,
});

describe('Configuration API: webhook management', () => {
  it('register_webhook, list_webhooks and unregister_webhook', async () => {
    const { id } = await config<{ id: string }>(server, 'register_webhook', hook({
      description: 'chats', additional_data: ['chat_properties'], filters: { chat_presence: { user_ids: { values: ['a@example.com'] } }, source_type: ['other_clients'] },
    }));
    expect(id).toMatch(/^[a-z0-9]+$/);
    expect(await config(server, 'list_webhooks', { owner_client_id: 'hook-app' })).toEqual([{
      id, url: 'https://hooks.example.com/lc', description: 'chats', action: 'incoming_chat', secret_key: 's3cr3t', owner_client_id: 'hook-app', type: 'license',
      additional_data: ['chat_properties'], filters: { chat_presence: { user_ids: { values: ['a@example.com'] } }, source_type: ['other_clients'] },
    }]);
    expect(await config(server, 'list_webhooks', { owner_client_id: 'someone-else' })).toEqual([]);
    expect((await configWeb(server, 'unregister_webhook', { id, owner_client_id: 'someone-else' })).body).toMatchObject({ error: { type: 'not_found' } });
    await config(server, 'unregister_webhook', { id, owner_client_id: 'hook-app' });
    expect(await config(server, 'list_webhooks', { owner_client_id: 'hook-app' })).toEqual([]);
  });

  it.each(['file:///etc/passwd', 'ftp://example.com/x', 'javascript:alert(1)', 'gopher://127.0.0.1:6379/_INFO', 'not a url', 'https://user:pw@example.com/'])(
    'refuses the receiver URL %s with validation', async (url) => {
      expect(await configWeb(server, 'register_webhook', hook({ url }))).toMatchObject({ status: 400, body: { error: { type: 'validation' } } });
    });

  it('refuses unknown actions, filters the action does not support and bad additional_data (validation)', async () => {
    expect((await configWeb(server, 'register_webhook', hook({ action: 'no_such_webhook' }))).body).toMatchObject({ error: { type: 'validation' } });
    expect((await configWeb(server, 'register_webhook', hook({ filters: { author_type: 'customer' } }))).body).toMatchObject({ error: { type: 'validation' } });
    expect((await configWeb(server, 'register_webhook', hook({ action: 'agent_deleted', additional_data: ['chat_properties'] }))).body).toMatchObject({ error: { type: 'validation' } });
    expect((await configWeb(server, 'register_webhook', hook({ filters: { chat_presence: { user_ids: { values: ['a'], exclude_values: ['b'] } } } }))).body).toMatchObject({ error: { type: 'validation' } });
    expect((await configWeb(server, 'register_webhook', hook({ owner_client_id: undefined }))).body).toMatchObject({ error: { type: 'validation' } });
  });

  it('allows at most 3 webhooks per action and client (limit_reached)', async () => {
    for (let i = 0; i < 3; i++) await config(server, 'register_webhook', hook({ owner_client_id: 'limit-app', url: `https://h.example.com/${i}` }));
    expect(await configWeb(server, 'register_webhook', hook({ owner_client_id: 'limit-app' }))).toMatchObject({ status: 422, body: { error: { type: 'limit_reached' } } });
    await config(server, 'register_webhook', hook({ owner_client_id: 'limit-app', action: 'incoming_event' }));
  });

  it('list_webhook_names answers without credentials, with filters and additional data per action', async () => {
    const res = await fetch(`${server.url}/v3.5/configuration/action/list_webhook_names`, { method: 'POST', body: '{}' });
    const names = (await res.json()) as { action: string; filters: string[]; additional_data: string[] }[];
    expect(names).toContainEqual({ action: 'incoming_event', filters: ['chat_presence', 'only_my_chats', 'source_type', 'author_type'], additional_data: ['chat_properties', 'chat_presence_user_ids'] });
    expect(names).toContainEqual({ action: 'routing_status_set', filters: ['agent_ids', 'source_type'], additional_data: [] });
  });

  it('enable/disable_license_webhooks and get_license_webhooks_state, also with the 3.4 client_id', async () => {
    expect(await config(server, 'get_license_webhooks_state', { owner_client_id: 'state-app' })).toEqual({ license_webhooks_enabled: true });
    await config(server, 'disable_license_webhooks', { client_id: 'state-app' });
    expect(await config(server, 'get_license_webhooks_state', { client_id: 'state-app' })).toEqual({ license_webhooks_enabled: false });
    expect(await config(server, 'get_license_webhooks_state', { owner_client_id: 'other-app' })).toEqual({ license_webhooks_enabled: true });
    await config(server, 'enable_license_webhooks', { owner_client_id: 'state-app' });
    expect(await config(server, 'get_license_webhooks_state', { owner_client_id: 'state-app' })).toEqual({ license_webhooks_enabled: true });
    expect((await configWeb(server, 'enable_license_webhooks', {})).body).toMatchObject({ error: { type: 'validation' } });
  });

  it('refuses webhook management to normal agents (authorization)', async () => {
    const auth = await agentWithRole(server, 'plain@example.com', 'normal');
    expect((await configWeb(server, 'register_webhook', hook(), auth)).body).toMatchObject({ error: { type: 'authorization' } });
    expect((await configWeb(server, 'list_webhooks', { owner_client_id: 'hook-app' }, auth)).body).toMatchObject({ error: { type: 'authorization' } });
  });
});
