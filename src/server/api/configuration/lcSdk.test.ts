import { Configuration } from '@livechat/lc-sdk-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectCustomer } from '../../../testing/testClients.js';
import { startTestServer, type TestServer } from '../../../testing/testServer.js';
import { sdkRequestsOverHttp } from '../../../testing/sdkOverHttp.js';

/**
 * The Configuration API through `@livechat/lc-sdk-js` (v3.4 paths, Bearer PAT, 3.4 field names).
 * The SDK hard-codes `https://`; only ITS transport is adapted here: an interceptor on the axios
 * instance it uses rewrites the scheme for the loopback test server.
 */
let server: TestServer;
let api: InstanceType<typeof Configuration.Web>;
let undoPlainHttp: () => void;

beforeAll(async () => {
  server = await startTestServer();
  const host = new URL(server.url).host;
  undoPlainHttp = sdkRequestsOverHttp(server);
  api = new Configuration.Web('lc-sdk-test', () => ({ organizationID: server.credentials.organization_id, accessToken: server.credentials.owner.personal_access_token, region: 'dal' }), { apiUrl: host });
});
afterAll(async () => {
  undoPlainHttp();
  await server.close();
});

describe('Configuration API with @livechat/lc-sdk-js', () => {
  it('license properties: update, list (GET, namespace_prefix) and delete; the customer limit follows', async () => {
    await server.ownerAcceptsChats();
    await api.updateLicenseProperties({ routing: { max_customer_chats_count: 2 } });
    expect(await api.listLicenseProperties('routing')).toEqual({ routing: { max_customer_chats_count: 2 } });
    const customer = await connectCustomer(server);
    await customer.rtm.call('start_chat', {});
    await customer.rtm.call('start_chat', {});
    expect((await customer.rtm.request('start_chat', {})).payload.error?.type).toBe('chat_limit_reached');
    customer.rtm.close();
    await api.deleteLicenseProperties({ routing: ['max_customer_chats_count'] });
    expect(await api.listLicenseProperties('routing', 'max')).toEqual({ routing: { max_customer_chats_count: 1 } });
  });

  it('groups and group properties (3.4 list_group_properties over GET)', async () => {
    const { id } = await api.createGroup('SDK group', { [server.credentials.owner.id]: 'normal' as never }, 'en');
    const gid = Number(id);
    expect(await api.getGroup(gid, ['agent_priorities'])).toEqual({ id: gid, name: 'SDK group', language_code: 'en', agent_priorities: { [server.credentials.owner.id]: 'normal' } });
    expect((await api.listGroups()).map((g) => g.id)).toEqual([0, gid]);
    await api.registerProperty({ name: 'vip', owner_client_id: 'lc-sdk-test', type: 'bool', access: { group: { agent: ['read', 'write'] } }, default_value: false });
    await api.updateGroupProperties(gid, { 'lc-sdk-test': { vip: true } });
    expect(await api.listGroupProperties(gid, 'lc-sdk')).toEqual({ 'lc-sdk-test': { vip: true } });
    await api.deleteGroupProperties(gid, { 'lc-sdk-test': ['vip'] });
    expect(await api.listGroupProperties(gid, 'lc-sdk')).toEqual({ 'lc-sdk-test': { vip: false } });
    await api.deleteGroup(gid);
    await expect(api.getGroup(gid)).rejects.toMatchObject({ type: 'group_not_found' });
  });

  it('agents: create, get, list, update, delete', async () => {
    expect(await api.createAgent('sdk.agent@example.com', { name: 'SDK Agent', role: 'normal', max_chats_count: 3 })).toEqual({ id: 'sdk.agent@example.com', personal_access_token: expect.any(String) });
    expect(await api.getAgent('sdk.agent@example.com', ['max_chats_count'])).toMatchObject({ name: 'SDK Agent', role: 'normal', max_chats_count: 3 });
    await api.updateAgent('sdk.agent@example.com', { name: 'Renamed', avatar_path: 'https://example.com/a.png' });
    expect((await api.listAgents([0])).find((a) => a.id === 'sdk.agent@example.com')).toMatchObject({ name: 'Renamed', avatar: 'https://example.com/a.png' });
    await api.deleteAgent('sdk.agent@example.com');
    await expect(api.getAgent('sdk.agent@example.com')).rejects.toMatchObject({ type: 'not_found' });
  });

  it('bots: create, get, list, update, delete', async () => {
    const { id } = await api.createBot({ name: 'SDK Bot', owner_client_id: 'lc-sdk-test', max_chats_count: 5 }) as { id: string; secret?: string };
    expect(await api.getBot(id)).toMatchObject({ id, name: 'SDK Bot', owner_client_id: 'lc-sdk-test', max_chats_count: 5 });
    await api.updateBot(id, { name: 'SDK Bot 2' });
    expect((await api.listBots(true)).find((b) => b.id === id)).toMatchObject({ name: 'SDK Bot 2' });
    await api.deleteBot(id);
    await expect(api.getBot(id)).rejects.toMatchObject({ type: 'not_found' });
  });

  it('property definitions: register, publish, list, unregister', async () => {
    await api.registerProperty({ name: 'note', owner_client_id: 'lc-sdk-test', type: 'string', access: { chat: { agent: ['read', 'write'], customer: ['read'] } }, description: 'A note' });
    expect((await api.listProperties('lc-sdk-test')).note).toEqual({ type: 'string', description: 'A note', access: { chat: { agent: ['read', 'write'], customer: ['read'] } } });
    await api.registerProperty({ name: 'temp', owner_client_id: 'lc-sdk-test', type: 'int', access: { chat: { agent: ['read'] } } });
    await api.unregisterProperty('temp', 'lc-sdk-test');
    await api.publishProperty('note', 'lc-sdk-test', true, false);
    const listed = await api.listProperties('lc-sdk-test');
    expect(listed.note).toMatchObject({ public_access: ['read'] });
    expect(listed.temp).toBeUndefined();
    await expect(api.unregisterProperty('note', 'lc-sdk-test')).rejects.toMatchObject({ type: 'validation' });
  });

  it('webhooks: register, list, unregister, names and license webhook state (client_id)', async () => {
    const { id } = await api.registerWebhook({ action: 'incoming_chat', secret_key: 'sdk', url: 'https://example.com/hook', type: 'license' }, 'lc-sdk-test');
    expect(await api.listWebhooks('lc-sdk-test')).toEqual([expect.objectContaining({ id, action: 'incoming_chat', url: 'https://example.com/hook', owner_client_id: 'lc-sdk-test', type: 'license' })]);
    await expect(api.registerWebhook({ action: 'incoming_chat', secret_key: 'sdk', url: 'file:///etc/passwd', type: 'license' }, 'lc-sdk-test')).rejects.toMatchObject({ type: 'validation' });
    await api.unregisterWebhook(id, 'lc-sdk-test');
    expect(await api.listWebhooks('lc-sdk-test')).toEqual([]);
    expect((await api.listWebhookNames('3.4')).map((n) => n.action)).toContain('incoming_event');
    await api.disableLicenseWebhooks('lc-sdk-test');
    expect(await api.getLicenseWebhooksState('lc-sdk-test')).toEqual({ license_webhooks_enabled: false });
    await api.enableLicenseWebhooks('lc-sdk-test');
    expect(await api.getLicenseWebhooksState('lc-sdk-test')).toEqual({ license_webhooks_enabled: true });
  });
});
