import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { agentWithRole, config, configWeb } from '../../../testing/configClient.js';
import { connectCustomer } from '../../../testing/testClients.js';
import { startAcceptingServer } from '../../../testing/acceptingServer.js';
import type { TestServer } from '../../../testing/testServer.js';

let server: TestServer;
beforeAll(async () => {
  server = await startAcceptingServer();
});
afterAll(() => server.close());

describe('Configuration API: license properties', () => {
  it('lists routing.max_customer_chats_count as 5, set by the first start so that a visitor can hold several chats (#15)', async () => {
    expect(await config(server, 'list_license_properties', { namespace: 'routing' })).toEqual({ routing: { max_customer_chats_count: 5 } });
  });

  it('lists the widget settings the first start registers, readable by customers (#15)', async () => {
    await config(server, 'update_license_properties', { properties: { switchboard: { widget_name: 'Northwind', reply_time: '5' } } });
    const res = await fetch(`${server.url}/v3.5/customer/action/list_license_properties?organization_id=${server.credentials.organization_id}&namespace=switchboard`);
    expect(await res.json()).toMatchObject({ switchboard: { widget_name: 'Northwind', reply_time: '5' } });
    await config(server, 'delete_license_properties', { properties: { switchboard: ['widget_name', 'reply_time'] } });
  });

  it('update_license_properties changes the customer chat limit at once, delete restores the wire default of 1', async () => {
    await config(server, 'update_license_properties', { properties: { routing: { max_customer_chats_count: 1 } } });
    const customer = await connectCustomer(server);
    await customer.rtm.call('start_chat', {});
    const refused = await customer.rtm.request('start_chat', {});
    expect(refused.payload.error?.type).toBe('chat_limit_reached');

    expect(await config(server, 'update_license_properties', { properties: { routing: { max_customer_chats_count: 2 } } })).toEqual({});
    expect(await config(server, 'list_license_properties', { namespace: 'routing' })).toEqual({ routing: { max_customer_chats_count: 2 } });
    await customer.rtm.call('start_chat', {});
    expect((await customer.rtm.request('start_chat', {})).payload.error?.type).toBe('chat_limit_reached');

    await config(server, 'delete_license_properties', { properties: { routing: ['max_customer_chats_count'] } });
    expect(await config(server, 'list_license_properties', { namespace: 'routing' })).toEqual({ routing: { max_customer_chats_count: 1 } });
    customer.rtm.close();
  });

  it('accepts the 3.4 namespace_prefix and name_prefix filters, also as GET', async () => {
    expect(await config(server, 'list_license_properties', { namespace_prefix: 'rout', name_prefix: 'max_' })).toEqual({ routing: { max_customer_chats_count: expect.any(Number) } });
    const auth = `Basic ${Buffer.from(`${server.credentials.owner.id}:${server.credentials.owner.personal_access_token}`).toString('base64')}`;
    const res = await fetch(`${server.url}/v3.4/configuration/action/list_license_properties?namespace_prefix=chats&name_prefix=max`, { headers: { authorization: auth } });
    expect(await res.json()).toEqual({ chats: { max_agent_active_chats: 6 } });
  });

  it('refuses values of the wrong type or outside the range with validation, unknown properties likewise', async () => {
    expect((await configWeb(server, 'update_license_properties', { properties: { routing: { max_customer_chats_count: 0 } } })).body).toMatchObject({ error: { type: 'validation' } });
    expect((await configWeb(server, 'update_license_properties', { properties: { routing: { max_customer_chats_count: 'two' } } })).status).toBe(400);
    expect((await configWeb(server, 'update_license_properties', { properties: { nope: { x: 1 } } })).body).toMatchObject({ error: { type: 'validation' } });
  });

  it('lets normal agents read but not write (authorization)', async () => {
    const auth = await agentWithRole(server, 'reader@example.com', 'normal');
    expect((await configWeb(server, 'list_license_properties', {}, auth)).status).toBe(200);
    const res = await configWeb(server, 'update_license_properties', { properties: { routing: { max_customer_chats_count: 3 } } }, auth);
    expect(res).toMatchObject({ status: 403, body: { error: { type: 'authorization' } } });
  });

  it('refuses missing or wrong credentials with authentication', async () => {
    expect((await configWeb(server, 'list_license_properties', {}, 'Bearer wrong')).body).toMatchObject({ error: { type: 'authentication' } });
  });
});

describe('Configuration API: widget properties (#14)', () => {
  it('has the switchboard widget properties registered on start, empty by default', async () => {
    expect(await config(server, 'list_license_properties', { namespace: 'switchboard' })).toEqual({
      switchboard: { widget_name: '', logo_url: '', brand_color: '', welcome_text: '', reply_time: '' },
    });
  });

  it('stores valid values and refuses a colour or logo URL that is not one, with validation', async () => {
    const settings = { widget_name: 'Acme support', logo_url: 'https://acme.example/logo.png', brand_color: '#0a7d4f', welcome_text: 'Hi! Ask us anything.', reply_time: 'within minutes' };
    expect(await config(server, 'update_license_properties', { properties: { switchboard: settings } })).toEqual({});
    expect(await config(server, 'list_license_properties', { namespace: 'switchboard' })).toEqual({ switchboard: settings });
    for (const bad of [{ brand_color: 'red' }, { brand_color: '#12345' }, { logo_url: 'javascript:alert(1)' }, { welcome_text: 'x'.repeat(501) }]) {
      const res = await configWeb(server, 'update_license_properties', { properties: { switchboard: bad } });
      expect(res.status).toBe(400);
      expect(res.body).toMatchObject({ error: { type: 'validation' } });
    }
  });
});

describe('Configuration API: group properties', () => {
  it('update, list (3.5 list_groups_properties and 3.4 list_group_properties) and delete', async () => {
    const { id } = await config<{ id: number }>(server, 'create_group', { name: 'Sales', agent_priorities: { [server.credentials.owner.id]: 'normal' } });
    await config(server, 'register_property', {
      name: 'tier', owner_client_id: 'crm-app', type: 'string', access: { group: { agent: ['read', 'write'] } }, default_value: 'basic', domain: ['basic', 'gold'],
    });
    await config(server, 'update_group_properties', { group_id: id, properties: { 'crm-app': { tier: 'gold' } } });
    expect(await config(server, 'list_groups_properties', { group_ids: [0, id], namespace: 'crm-app' })).toEqual([
      { id: 0, properties: { 'crm-app': { tier: 'basic' } } },
      { id, properties: { 'crm-app': { tier: 'gold' } } },
    ]);
    expect(await config(server, 'list_group_properties', { id, namespace_prefix: 'crm' })).toEqual({ 'crm-app': { tier: 'gold' } });
    expect((await configWeb(server, 'update_group_properties', { group_id: id, properties: { 'crm-app': { tier: 'platinum' } } })).body).toMatchObject({ error: { type: 'validation' } });
    await config(server, 'delete_group_properties', { id, properties: { 'crm-app': ['tier'] } });
    expect(await config(server, 'list_group_properties', { id, namespace: 'crm-app' })).toEqual({ 'crm-app': { tier: 'basic' } });
    expect((await configWeb(server, 'list_groups_properties', { group_ids: [999] })).body).toMatchObject({ error: { type: 'group_not_found' } });
  });
});

describe('Configuration API: property definitions', () => {
  it('register_property makes a chat property usable by customers and agents; unregister_property refuses it again', async () => {
    const customer = await connectCustomer(server);
    const { chat_id } = await customer.rtm.call<{ chat_id: string }>('start_chat', {});
    const set = () => customer.rtm.request('update_chat_properties', { id: chat_id, properties: { 'shop-app': { order_id: 'A-17' } } });
    expect((await set()).payload.error?.type).toBe('validation');

    await config(server, 'register_property', {
      name: 'order_id', owner_client_id: 'shop-app', type: 'string', description: 'Order number', access: { chat: { customer: ['read', 'write'], agent: ['read'] } },
    });
    expect((await set()).success).toBe(true);
    expect(await config(server, 'list_properties', { owner_client_id: 'shop-app' })).toEqual({
      order_id: { type: 'string', description: 'Order number', access: { chat: { customer: ['read', 'write'], agent: ['read'] } } },
    });

    await config(server, 'unregister_property', { name: 'order_id', owner_client_id: 'shop-app' });
    expect((await set()).payload.error?.type).toBe('validation');
    expect(await config(server, 'list_properties', { owner_client_id: 'shop-app' })).toEqual({});
    await customer.rtm.call('deactivate_chat', { id: chat_id });
    customer.rtm.close();
  });

  it('checks domain and range values at write time', async () => {
    await config(server, 'register_property', { name: 'score', owner_client_id: 'survey', type: 'int', range: { from: 1, to: 5 }, access: { license: { agent: ['read', 'write'] } }, default_value: 3 });
    await config(server, 'update_license_properties', { properties: { survey: { score: 5 } } });
    expect((await configWeb(server, 'update_license_properties', { properties: { survey: { score: 6 } } })).body).toMatchObject({ error: { type: 'validation' } });
    expect(await config(server, 'list_license_properties', { namespace: 'survey' })).toEqual({ survey: { score: 5 } });
  });

  it('publish_property adds public_access and forbids unregistering; switchboard.topic is registered and published', async () => {
    await config(server, 'register_property', { name: 'flag', owner_client_id: 'pub-app', type: 'bool', access: { thread: { agent: ['read', 'write'] } } });
    await config(server, 'publish_property', { name: 'flag', owner_client_id: 'pub-app', access_type: ['read'] });
    expect(await config(server, 'list_properties', { owner_client_id: 'pub-app' })).toEqual({ flag: { type: 'bool', access: { thread: { agent: ['read', 'write'] } }, public_access: ['read'] } });
    expect((await configWeb(server, 'unregister_property', { name: 'flag', owner_client_id: 'pub-app' })).body).toMatchObject({ error: { type: 'validation' } });
    expect(await config(server, 'list_properties', { owner_client_id: 'switchboard' })).toMatchObject({ topic: { type: 'string', public_access: ['read', 'write'] } });
  });

  it('refuses duplicates (already_exists), built-in namespaces (authorization), bad definitions and a missing owner_client_id (validation)', async () => {
    const def = { name: 'dup', owner_client_id: 'dup-app', type: 'string', access: { chat: { agent: ['read'] } } };
    await config(server, 'register_property', def);
    expect((await configWeb(server, 'register_property', def)).body).toMatchObject({ error: { type: 'already_exists' } });
    expect((await configWeb(server, 'register_property', { ...def, owner_client_id: 'routing' })).body).toMatchObject({ error: { type: 'authorization' } });
    expect((await configWeb(server, 'register_property', { ...def, name: 'd2', default_value: 'x' })).body).toMatchObject({ error: { type: 'validation' } });
    expect((await configWeb(server, 'register_property', { ...def, name: 'd3', type: 'int', domain: ['a'] })).body).toMatchObject({ error: { type: 'validation' } });
    const { owner_client_id: _o, ...noOwner } = def;
    expect((await configWeb(server, 'register_property', { ...noOwner, name: 'd4' })).body).toMatchObject({ error: { type: 'validation', data: { field: 'owner_client_id' } } });
    expect((await configWeb(server, 'unregister_property', { name: 'missing', owner_client_id: 'dup-app' })).body).toMatchObject({ error: { type: 'not_found' } });
  });
});
