import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { connectCustomer, createTestAgent } from '../../../testing/testClients.js';
import { startTestServer, type TestServer } from '../../../testing/testServer.js';

let server: TestServer;
beforeEach(async () => { server = await startTestServer(); });
afterEach(async () => { await server.close(); });

type Chat = { id: string; users: { id: string; present?: boolean }[] };

describe('Router queue', () => {
  it('queues a continuous chat started while nobody accepts chats, and assigns it when an agent starts accepting', async () => {
    const c = await connectCustomer(server);
    const { chat_id } = await c.rtm.call<{ chat_id: string }>('start_chat', { continuous: true });
    const queued = await c.rtm.push('queue_position_updated');
    expect(queued.payload).toMatchObject({ chat_id, queue: { position: 1 } });
    const alice = await createTestAgent(server, 'alice@example.com');
    await alice.connect();
    const added = await c.rtm.push('user_added_to_chat', (p) => p.chat_id === chat_id);
    expect((added.payload.user as { id: string }).id).toBe('alice@example.com');
    const chat = await c.rtm.call<Chat>('get_chat', { chat_id });
    expect(chat.users.filter((u) => u.id === 'alice@example.com' && u.present)).toHaveLength(1);
  });

  it('assigns queued chats when an agent is given room for more', async () => {
    const alice = await createTestAgent(server, 'alice@example.com', { maxChats: 1 });
    await alice.connect();
    await server.built.platform.licenses.update(1, 'agent', { routing: { max_customer_chats_count: 2 } });
    const c = await connectCustomer(server);
    await c.rtm.call('start_chat');
    const { chat_id } = await c.rtm.call<{ chat_id: string }>('start_chat');
    await c.rtm.push('queue_position_updated', (p) => p.chat_id === chat_id);
    await server.built.platform.agents.setMaxChats(1, 'alice@example.com', 2, server.built.platform.router);
    const added = await c.rtm.push('user_added_to_chat', (p) => p.chat_id === chat_id);
    expect((added.payload.user as { id: string }).id).toBe('alice@example.com');
  });

  it('never hands a queued chat back to the agent who transferred it away; the next one to accept gets it (#14)', async () => {
    const alice = await createTestAgent(server, 'alice@example.com');
    await alice.connect();
    const c = await connectCustomer(server);
    const { chat_id } = await c.rtm.call<{ chat_id: string }>('start_chat');
    const started = await c.rtm.push('incoming_chat');
    expect((started.payload.chat as Chat).users.map((u) => u.id)).toContain('alice@example.com');
    const moved = await alice.web('transfer_chat', { id: chat_id, target: { type: 'group', ids: [0] }, ignore_agents_availability: true });
    expect(moved.status).toBe(200);
    const transferred = await c.rtm.push('chat_transferred', (p) => p.chat_id === chat_id);
    expect(transferred.payload.queue).toMatchObject({ position: 1 });
    const bob = await createTestAgent(server, 'bob@example.com');
    await bob.connect();
    const added = await c.rtm.push('user_added_to_chat', (p) => p.chat_id === chat_id && (p.user as { id: string }).id === 'bob@example.com');
    expect(added.payload.reason).toBe('assigned');
    const chat = await c.rtm.call<Chat>('get_chat', { chat_id });
    const presentAgents = chat.users.filter((u) => u.present && u.id.endsWith('@example.com')).map((u) => u.id);
    expect(presentAgents).toEqual(['bob@example.com']);
  });
});
