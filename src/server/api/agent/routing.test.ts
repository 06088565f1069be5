import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { connectCustomer, createTestAgent, ownerAgent, type RawRtm } from '../../../testing/testClients.js';
import { startTestServer, type TestServer } from '../../../testing/testServer.js';

let server: TestServer;
beforeEach(async () => {
  server = await startTestServer({ agentOfflineGraceMs: 150 });
});
afterEach(async () => { await server.close(); });

const setChatLimit = (n: number) => server.built.platform.licenses.update(1, 'agent', { routing: { max_customer_chats_count: n } });
/** A round trip on a socket: every frame the server wrote to it before now has arrived. */
const settle = (rtm: RawRtm) => rtm.call('ping');
type Chat = { id: string; users: { id: string; present?: boolean }[]; thread: { id: string; queue?: { position: number } } };
const chatOf = (f: { payload: Record<string, unknown> }) => f.payload.chat as Chat;
const presentAgents = (chat: Chat, customerId: string) => chat.users.filter((u) => u.id !== customerId && u.present).map((u) => u.id);

describe('Router (over the Agent and Customer Chat APIs)', () => {
  it('routes three concurrent chats of one customer to two agents, least loaded first, and keeps each message in its own chat', async () => {
    await setChatLimit(3);
    const alice = await createTestAgent(server, 'alice@example.com', { maxChats: 2 });
    const bob = await createTestAgent(server, 'bob@example.com', { maxChats: 2 });
    const aliceRtm = await alice.connect();
    const bobRtm = await bob.connect();
    const c = await connectCustomer(server);

    const chats: { chat_id: string; agent: string }[] = [];
    for (const topic of ['billing', 'shipping', 'returns']) {
      const { chat_id } = await c.rtm.call<{ chat_id: string }>('start_chat', { chat: { properties: { switchboard: { topic } } } });
      const incoming = await c.rtm.push('incoming_chat', (p) => (p.chat as Chat).id === chat_id);
      const [agent] = presentAgents(chatOf(incoming), c.id);
      chats.push({ chat_id, agent: agent! });
    }
    expect(chats.map((x) => x.agent)).toEqual(['alice@example.com', 'bob@example.com', 'alice@example.com']);
    const [one, two, three] = chats as [typeof chats[0], typeof chats[0], typeof chats[0]];

    // Each agent answers in its own chats; the customer sees each reply in the right chat.
    const r1 = await alice.web<{ event_id: string }>('send_event', { chat_id: one.chat_id, event: { type: 'message', text: 'alice in 1' } });
    const r2 = await bobRtm.call<{ event_id: string }>('send_event', { chat_id: two.chat_id, event: { type: 'message', text: 'bob in 2' } });
    const r3 = await aliceRtm.call<{ event_id: string }>('send_event', { chat_id: three.chat_id, event: { type: 'message', text: 'alice in 3' } });
    expect(r1.status).toBe(200);
    for (const [chat, id, text] of [[one, r1.body.event_id, 'alice in 1'], [two, r2.event_id, 'bob in 2'], [three, r3.event_id, 'alice in 3']] as const) {
      const push = await c.rtm.push('incoming_event', (p) => (p.event as { id: string }).id === id);
      expect(push.payload).toMatchObject({ chat_id: chat.chat_id, event: { text, author_id: chat.agent } });
    }
    // The customer writes in chat 2: only Bob gets it.
    const { event_id } = await c.rtm.call<{ event_id: string }>('send_event', { chat_id: two.chat_id, event: { type: 'message', text: 'customer in 2' } });
    await bobRtm.push('incoming_event', (p) => (p.event as { id: string }).id === event_id);
    await settle(aliceRtm);
    const aliceSaw = aliceRtm.pushes('incoming_event').map((f) => f.payload.chat_id);
    expect(aliceSaw).not.toContain(two.chat_id);
    expect(bobRtm.pushes('incoming_event').map((f) => f.payload.chat_id)).not.toContain(one.chat_id);
    expect(bobRtm.pushes('incoming_event').map((f) => f.payload.chat_id)).not.toContain(three.chat_id);
    // And each chat's history holds only its own messages.
    for (const chat of chats) {
      const got = await alice.web<{ thread: { events: { type: string; text?: string }[] } }>('get_chat', { chat_id: chat.chat_id });
      const texts = got.body.thread.events.filter((e) => e.type === 'message').map((e) => e.text);
      expect(texts).toHaveLength(chat === two ? 2 : 1);
    }
  });

  it('queues chats when every accepting agent is full, reports positions, and assigns as capacity frees up', async () => {
    await setChatLimit(1);
    const quinn = await createTestAgent(server, 'quinn@example.com', { maxChats: 1 });
    const quinnRtm = await quinn.connect();
    const [c1, c2, c3] = [await connectCustomer(server), await connectCustomer(server), await connectCustomer(server)];

    const first = await c1.rtm.call<{ chat_id: string }>('start_chat', {});
    expect(presentAgents(chatOf(await c1.rtm.push('incoming_chat')), c1.id)).toEqual([quinn.id]);
    const second = await c2.rtm.call<{ chat_id: string; thread_id: string }>('start_chat', {});
    const queued = chatOf(await c2.rtm.push('incoming_chat'));
    expect(presentAgents(queued, c2.id)).toEqual([]);
    expect(queued.thread.queue).toMatchObject({ position: 1 });
    expect((await c2.rtm.push('queue_position_updated')).payload).toMatchObject({ chat_id: second.chat_id, thread_id: second.thread_id, queue: { position: 1 } });
    const third = await c3.rtm.call<{ chat_id: string }>('start_chat', {});
    expect((await c3.rtm.push('queue_position_updated')).payload).toMatchObject({ chat_id: third.chat_id, queue: { position: 2 } });

    const queuedList = await quinn.web<{ found_chats: number; chats_summary: { id: string }[] }>('list_chats', { filters: { queued: true } });
    expect(queuedList.body.chats_summary.map((s) => s.id).sort()).toEqual([second.chat_id, third.chat_id].sort());

    // Quinn closes chat 1: chat 2 is assigned, chat 3 moves up.
    await quinnRtm.call('deactivate_chat', { id: first.chat_id });
    const added = await c2.rtm.push('user_added_to_chat');
    expect(added.payload).toMatchObject({ chat_id: second.chat_id, reason: 'assigned', user: { id: quinn.id, type: 'agent' } });
    expect((await c3.rtm.push('queue_position_updated', (p) => (p.queue as { position: number }).position === 1)).payload.chat_id).toBe(third.chat_id);

    // Quinn leaves chat 2 (remove_user_from_chat): chat 3 is assigned.
    await quinnRtm.call('remove_user_from_chat', { chat_id: second.chat_id, user_id: quinn.id, user_type: 'agent' });
    expect((await c3.rtm.push('user_added_to_chat')).payload).toMatchObject({ chat_id: third.chat_id, user: { id: quinn.id } });
    expect((await quinn.web<{ found_chats: number }>('list_chats', { filters: { queued: true } })).body.found_chats).toBe(0);
  });

  it('assigns a queued chat when an agent starts accepting chats', async () => {
    const vera = await createTestAgent(server, 'vera@example.com', { maxChats: 1 });
    const veraRtm = await vera.connect();
    await veraRtm.call('set_routing_status', { status: 'not_accepting_chats' });
    // Nobody accepts: start_chat fails.
    const c = await connectCustomer(server);
    expect((await c.rtm.request('start_chat', {})).payload.error?.type).toBe('groups_offline');
    await veraRtm.call('set_routing_status', { status: 'accepting_chats' });
    const waiting = await c.rtm.call<{ chat_id: string }>('start_chat', {});
    expect(presentAgents(chatOf(await c.rtm.push('incoming_chat')), c.id)).toEqual([vera.id]);
    // Now full: a new customer is queued, and is assigned once Vera has room again.
    const d = await connectCustomer(server);
    const queued = await d.rtm.call<{ chat_id: string }>('start_chat', {});
    await d.rtm.push('queue_position_updated');
    await veraRtm.call('set_routing_status', { status: 'not_accepting_chats' });
    await veraRtm.call('deactivate_chat', { id: waiting.chat_id });
    await settle(d.rtm);
    expect(d.rtm.pushes('user_added_to_chat')).toHaveLength(0);
    await veraRtm.call('set_routing_status', { status: 'accepting_chats' });
    expect((await d.rtm.push('user_added_to_chat')).payload).toMatchObject({ chat_id: queued.chat_id, user: { id: vera.id } });
  });

  it('never assigns one free agent twice when many customers start chats at the same moment, and loses none', async () => {
    const rex = await createTestAgent(server, 'rex@example.com', { maxChats: 1 });
    const rexRtm = await rex.connect();
    const customers = await Promise.all(Array.from({ length: 8 }, () => connectCustomer(server)));
    const started = await Promise.all(customers.map((c) => c.rtm.call<{ chat_id: string }>('start_chat', {})));
    expect(new Set(started.map((s) => s.chat_id)).size).toBe(8);

    const assigned = [];
    for (const [i, c] of customers.entries()) {
      const chat = chatOf(await c.rtm.push('incoming_chat', (p) => (p.chat as Chat).id === started[i]!.chat_id));
      if (presentAgents(chat, c.id).includes(rex.id)) assigned.push(chat.id);
    }
    expect(assigned).toHaveLength(1);
    const all = await rex.web<{ found_chats: number }>('list_chats', { filters: { include_active: true } });
    expect(all.body.found_chats).toBe(8);
    expect((await rex.web<{ found_chats: number }>('list_chats', { filters: { my_chats: true } })).body.found_chats).toBe(1);
    expect((await rex.web<{ found_chats: number }>('list_chats', { filters: { queued: true } })).body.found_chats).toBe(7);

    // Freeing Rex assigns exactly one more, oldest first.
    await rexRtm.call('deactivate_chat', { id: assigned[0] });
    await settle(rexRtm);
    expect((await rex.web<{ found_chats: number }>('list_chats', { filters: { queued: true } })).body.found_chats).toBe(6);
    expect((await rex.web<{ found_chats: number }>('list_chats', { filters: { my_chats: true, active: true } })).body.found_chats).toBe(1);
  });
});

describe('AgentSessions (over RTM)', () => {
  it('makes an agent accepting_chats on login and offline after the grace period once its last connection drops', async () => {
    const owner = await ownerAgent(server).connect();
    const sam = await createTestAgent(server, 'sam@example.com');
    const samRtm = await sam.connect();
    const login = samRtm.frames.find((f) => f.action === 'login')!;
    expect((login.payload.my_profile as { routing_status: string }).routing_status).toBe('accepting_chats');
    await owner.push('routing_status_set', (p) => p.agent_id === sam.id && p.status === 'accepting_chats');
    const list = await sam.web<{ agent_id: string; status: string }[]>('list_routing_statuses');
    expect(list.body).toContainEqual({ agent_id: sam.id, status: 'accepting_chats' });

    const second = await sam.connect();
    samRtm.close();
    await samRtm.closed;
    second.close();
    await owner.push('routing_status_set', (p) => p.agent_id === sam.id && p.status === 'offline');
    expect((await sam.web<{ agent_id: string; status: string }[]>('list_routing_statuses')).body).toContainEqual({ agent_id: sam.id, status: 'offline' });
    owner.close();
  });
});
