import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { agentWithRole, config, configWeb } from '../../../testing/configClient.js';
import { connectCustomer } from '../../../testing/testClients.js';
import { startTestServer, type TestServer } from '../../../testing/testServer.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

const accepting = (id: string) => server.built.platform.agents.setRoutingStatus(1, id, 'accepting_chats', server.built.platform.router);
const chatUsers = (push: { payload: Record<string, unknown> }) => ((push.payload.chat as { users: { id: string }[] }).users).map((u) => u.id);

describe('Configuration API: agents', () => {
  it('create_agent, get_agent (with fields), list_agents, update_agent and delete_agent', async () => {
    expect(await config(server, 'create_agent', { id: 'jane@example.com', name: 'Jane', role: 'administrator', login_status: 'accepting chats', max_chats_count: 4, job_title: 'Support' }))
      .toEqual({ id: 'jane@example.com', personal_access_token: expect.any(String) });
    expect(await config(server, 'get_agent', { id: 'jane@example.com', fields: ['max_chats_count', 'job_title', 'groups'] })).toEqual({
      id: 'jane@example.com', account_id: 'jane@example.com', name: 'Jane', avatar: '', role: 'administrator', login_status: 'accepting chats',
      max_chats_count: 4, job_title: 'Support', groups: [{ id: 0, priority: 'normal' }],
    });
    await config(server, 'update_agent', { id: 'jane@example.com', name: 'Jane Doe', avatar_path: 'https://example.com/j.png', max_chats_count: 2 });
    const list = await config<{ id: string; name: string; avatar: string }[]>(server, 'list_agents', {});
    expect(list.map((a) => a.id)).toEqual(expect.arrayContaining([server.credentials.owner.id, 'jane@example.com']));
    expect(list.find((a) => a.id === 'jane@example.com')).toMatchObject({ name: 'Jane Doe', avatar: 'https://example.com/j.png' });
    expect((await configWeb(server, 'create_agent', { id: 'jane@example.com', name: 'Again' })).body).toMatchObject({ error: { type: 'already_exists' } });
    await config(server, 'delete_agent', { id: 'jane@example.com' });
    expect((await configWeb(server, 'get_agent', { id: 'jane@example.com' })).body).toMatchObject({ error: { type: 'not_found' } });
  });

  it('refuses deleting the owner, unknown groups and writes by normal agents', async () => {
    expect((await configWeb(server, 'delete_agent', { id: server.credentials.owner.id })).body).toMatchObject({ error: { type: 'authorization' } });
    expect((await configWeb(server, 'create_agent', { id: 'x@example.com', name: 'X', groups: [{ id: 404, priority: 'normal' }] })).body).toMatchObject({ error: { type: 'group_not_found' } });
    const normal = await agentWithRole(server, 'normal@example.com', 'normal');
    expect((await configWeb(server, 'create_agent', { id: 'y@example.com', name: 'Y' }, normal)).body).toMatchObject({ error: { type: 'authorization' } });
    expect((await configWeb(server, 'get_agent', { id: 'normal@example.com' }, normal)).status).toBe(200);
    expect((await configWeb(server, 'create_agent', { name: 'No id' })).body).toMatchObject({ error: { type: 'validation' } });
  });

  it('returns the new agent\'s sign-in token once, and it signs in (#14)', async () => {
    const created = await config<{ id: string; personal_access_token: string }>(server, 'create_agent', { id: 'new@example.com', name: 'New' });
    const basic = `Basic ${Buffer.from(`new@example.com:${created.personal_access_token}`).toString('base64')}`;
    expect((await configWeb(server, 'get_agent', { id: 'new@example.com' }, basic)).body).toMatchObject({ id: 'new@example.com', name: 'New' });
    const listed = await config<Record<string, unknown>[]>(server, 'list_agents', {});
    expect(JSON.stringify(listed)).not.toContain(created.personal_access_token);
  });

  it('lets every agent change its own name and avatar, nothing else and nobody else (#14)', async () => {
    const normal = await agentWithRole(server, 'self@example.com', 'normal');
    expect((await configWeb(server, 'update_agent', { id: 'self@example.com', name: 'Self Made', avatar: 'https://example.com/s.png' }, normal)).status).toBe(200);
    expect(await config(server, 'get_agent', { id: 'self@example.com' })).toMatchObject({ name: 'Self Made', avatar: 'https://example.com/s.png' });
    expect((await configWeb(server, 'update_agent', { id: 'self@example.com', role: 'administrator' }, normal)).body).toMatchObject({ error: { type: 'authorization' } });
    expect((await configWeb(server, 'update_agent', { id: 'self@example.com', max_chats_count: 20 }, normal)).body).toMatchObject({ error: { type: 'authorization' } });
    expect((await configWeb(server, 'update_agent', { id: server.credentials.owner.id, name: 'Hijacked' }, normal)).body).toMatchObject({ error: { type: 'authorization' } });
  });
});

describe('Configuration API: groups', () => {
  it('group 0 "General" always exists and cannot be deleted', async () => {
    expect((await config<{ id: number; name: string }[]>(server, 'list_groups', {}))[0]).toEqual({ id: 0, name: 'General', language_code: 'en' });
    expect((await configWeb(server, 'delete_group', { id: 0 })).body).toMatchObject({ error: { type: 'validation' } });
  });

  it('create_group, get_group with agent_priorities and routing_status, update_group, delete_group', async () => {
    await agentWithRole(server, 'ann@example.com', 'normal', []);
    const { id } = await config<{ id: number }>(server, 'create_group', { name: 'Billing', language_code: 'de', agent_priorities: { 'ann@example.com': 'normal' } });
    expect(id).toBeGreaterThan(0);
    expect(await config(server, 'get_group', { id, fields: ['agent_priorities', 'routing_status'] })).toEqual({
      id, name: 'Billing', language_code: 'de', agent_priorities: { 'ann@example.com': 'normal' }, routing_status: 'offline',
    });
    await accepting('ann@example.com');
    expect(await config(server, 'get_group', { id, fields: ['routing_status'] })).toMatchObject({ routing_status: 'accepting_chats' });
    await config(server, 'update_group', { id, name: 'Billing EU', agent_priorities: { 'ann@example.com': 'last' } });
    expect(await config(server, 'get_group', { id, fields: ['agent_priorities'] })).toMatchObject({ name: 'Billing EU', agent_priorities: { 'ann@example.com': 'last' } });
    expect(await config(server, 'get_agent', { id: 'ann@example.com', fields: ['groups'] })).toMatchObject({ groups: [{ id, priority: 'last' }] });
    await config(server, 'delete_group', { id });
    expect((await configWeb(server, 'get_group', { id })).body).toMatchObject({ error: { type: 'group_not_found' } });
    expect(await config(server, 'get_agent', { id: 'ann@example.com', fields: ['groups'] })).toMatchObject({ groups: [] });
    await server.built.platform.agents.setRoutingStatus(1, 'ann@example.com', 'offline', server.built.platform.router);
  });

  it('routes a chat started in a group to an agent of that group', async () => {
    await agentWithRole(server, 'sam@example.com', 'normal', []);
    const { id } = await config<{ id: number }>(server, 'create_group', { name: 'Sales', agent_priorities: { 'sam@example.com': 'normal' } });
    await accepting('sam@example.com');
    const customer = await connectCustomer(server);
    await customer.rtm.call('start_chat', { chat: { access: { group_ids: [id] } } });
    const push = await customer.rtm.push('incoming_chat');
    expect(chatUsers(push)).toContain('sam@example.com');
    customer.rtm.close();
  });
});

describe('Configuration API: bots', () => {
  it('create_bot returns a 32-hex id and secret; get_bot, list_bots, update_bot, delete_bot', async () => {
    const created = await config<{ id: string; secret: string }>(server, 'create_bot', { name: 'Helper', owner_client_id: 'bot-app', max_chats_count: 10, groups: [{ id: 0, priority: 'first' }] });
    expect(created.id).toMatch(/^[0-9a-f]{32}$/);
    expect(created.secret).toMatch(/^[0-9a-f]{32}$/);
    expect(await config(server, 'get_bot', { id: created.id })).toMatchObject({
      id: created.id, name: 'Helper', owner_client_id: 'bot-app', max_chats_count: 10, groups: [{ id: 0, priority: 'first' }], default_group_priority: 'normal',
    });
    await config(server, 'update_bot', { id: created.id, name: 'Helper 2', job_title: 'Bot' });
    expect(await config(server, 'list_bots', { all: true, fields: ['job_title'] })).toContainEqual({ id: created.id, name: 'Helper 2', avatar: '', owner_client_id: 'bot-app', job_title: 'Bot', default_group_priority: 'normal' });
    expect(await config<unknown[]>(server, 'list_bots', { owner_client_id: 'other-app' })).toEqual([]);
    const { secret } = await config<{ secret: string }>(server, 'reset_bot_secret', { id: created.id, owner_client_id: 'bot-app' });
    expect(secret).not.toBe(created.secret);
    await config(server, 'delete_bot', { id: created.id });
    expect((await configWeb(server, 'get_bot', { id: created.id })).body).toMatchObject({ error: { type: 'not_found' } });
    expect((await configWeb(server, 'delete_bot', { id: created.id })).body).toMatchObject({ error: { type: 'not_found' } });
  });

  it('a PAT must name owner_client_id (validation); bots are not agents (get_agent: not_found)', async () => {
    expect((await configWeb(server, 'create_bot', { name: 'Nobody' })).body).toMatchObject({ error: { type: 'validation' } });
    const { id } = await config<{ id: string }>(server, 'create_bot', { name: 'B', client_id: 'legacy-app' });
    expect(await config(server, 'get_bot', { id })).toMatchObject({ owner_client_id: 'legacy-app' });
    expect((await configWeb(server, 'get_agent', { id })).body).toMatchObject({ error: { type: 'not_found' } });
    await config(server, 'delete_bot', { id });
  });

  it('a bot with priority first gets a routed chat before an accepting human', async () => {
    const { id } = await config<{ id: string }>(server, 'create_bot', { name: 'First', owner_client_id: 'route-app', groups: [{ id: 0, priority: 'first' }] });
    await server.ownerAcceptsChats();
    await accepting(id);
    const customer = await connectCustomer(server);
    await customer.rtm.call('start_chat', {});
    const users = chatUsers(await customer.rtm.push('incoming_chat'));
    expect(users).toContain(id);
    expect(users).not.toContain(server.credentials.owner.id);
    customer.rtm.close();
    await config(server, 'delete_bot', { id });
  });
});
