import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectCustomer, createTestAgent, type TestAgent } from '../../../testing/testClients.js';
import { startTestServer, type TestServer } from '../../../testing/testServer.js';
import { closeSdkRtm, loadSdkOverPlainTransport, sdkAgentRtm, sdkAgentWeb, type AgentWebApi, type Sdk } from '../../../testing/lcSdk.js';

let server: TestServer;
let sdk: Sdk;
const sdkWeb = (agent: TestAgent): AgentWebApi => sdkAgentWeb(sdk, server, agent);
const sdkRtm = (agent: TestAgent, pushes: string[]) => sdkAgentRtm(sdk, server, agent, pushes);
const close = closeSdkRtm;

beforeAll(async () => {
  sdk = loadSdkOverPlainTransport();
  server = await startTestServer({ agentOfflineGraceMs: 100 });
  await server.built.platform.licenses.update(1, 'agent', { routing: { max_customer_chats_count: 3 } });
});
afterAll(async () => { await server.close(); });

describe('@livechat/lc-sdk-js agent RTM and Web against the server', () => {
  it('two SDK agents answer three chats of one customer; each message stays in its chat', async () => {
    const alice = await createTestAgent(server, 'alice@example.com', { maxChats: 2 });
    const bob = await createTestAgent(server, 'bob@example.com', { maxChats: 2 });
    const a = await sdkRtm(alice, ['incoming_chat', 'incoming_event']);
    const b = await sdkRtm(bob, ['incoming_chat', 'incoming_event']);
    expect(a.login.my_profile).toMatchObject({ id: alice.id, routing_status: 'accepting_chats' });
    const c = await connectCustomer(server);
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) ids.push((await c.rtm.call<{ chat_id: string }>('start_chat', {})).chat_id);
    const assignee = async (chatId: string) => {
      const push = await a.next('incoming_chat', (p) => p.chat.id === chatId);
      return (push.payload.chat.users as { id: string; type: string; present: boolean }[]).find((u) => u.type === 'agent' && u.present)!.id;
    };
    expect([await assignee(ids[0]!), await assignee(ids[1]!), await assignee(ids[2]!)]).toEqual([alice.id, bob.id, alice.id]);

    const e1 = (await a.rtm.sendEvent(ids[0]!, { type: 'message', text: 'from alice' } as never)) as { event_id: string };
    const e2 = (await sdkWeb(bob).sendEvent(ids[1]!, { type: 'message', text: 'from bob' } as never)) as { event_id: string };
    expect((await c.rtm.push('incoming_event', (p) => (p.event as { id: string }).id === e1.event_id)).payload.chat_id).toBe(ids[0]);
    expect((await c.rtm.push('incoming_event', (p) => (p.event as { id: string }).id === e2.event_id)).payload.chat_id).toBe(ids[1]);
    const fromCustomer = await c.rtm.call<{ event_id: string }>('send_event', { chat_id: ids[1], event: { type: 'message', text: 'to bob' } });
    expect((await b.next('incoming_event', (p) => p.event.id === fromCustomer.event_id)).payload.chat_id).toBe(ids[1]);
    await a.rtm.listChats();
    expect(a.seen.filter((p) => p.name === 'incoming_event').map((p) => p.payload.chat_id)).not.toContain(ids[1]);

    const list = (await a.rtm.listChats({ filters: { my_chats: true } } as never)) as { chats_summary: { id: string }[] };
    expect(list.chats_summary.map((s) => s.id).sort()).toEqual([ids[0], ids[2]].sort());
    const chat = (await sdkWeb(alice).getChat(ids[0]!)) as { thread: { events: { text?: string }[] } };
    expect(chat.thread.events.map((e) => e.text)).toContain('from alice');
    const threads = (await a.rtm.listThreads(ids[0]!)) as { found_threads: number };
    expect(threads.found_threads).toBe(1);
    for (const id of ids) await sdkWeb(alice).deactivateChat(id, true);
    close(a.rtm);
    close(b.rtm);
    c.rtm.close();
  });

  it('queue, concurrent starts racing for one SDK agent, and assignment when it frees up', async () => {
    const rex = await createTestAgent(server, 'rex@example.com', { maxChats: 1 });
    const r = await sdkRtm(rex, ['incoming_chat', 'user_added_to_chat', 'routing_status_set']);
    // Only Rex accepts chats now (the others above went offline after the grace period).
    await expect.poll(async () => ((await sdkWeb(rex).listRoutingStatuses()) as { agent_id: string; status: string }[]).filter((s) => s.status === 'accepting_chats').map((s) => s.agent_id)).toEqual([rex.id]);
    const customers = await Promise.all(Array.from({ length: 6 }, () => connectCustomer(server)));
    const started = await Promise.all(customers.map((c) => c.rtm.call<{ chat_id: string }>('start_chat', {})));
    expect(new Set(started.map((s) => s.chat_id)).size).toBe(6);
    const web = sdkWeb(rex);
    const assigned = (await web.listChats({ filters: { my_chats: true, active: true } } as never)) as { found_chats: number; chats_summary: { id: string }[] };
    expect(assigned.found_chats).toBe(1);
    expect(((await web.listChats({ filters: { queued: true } } as never)) as { found_chats: number }).found_chats).toBe(5);
    const mine = assigned.chats_summary[0]!.id;
    const waiting = customers[started.findIndex((x) => x.chat_id !== mine)]!;
    expect((await waiting.rtm.push('queue_position_updated')).payload.queue).toMatchObject({ wait_time: 0 });

    await r.rtm.deactivateChat(mine);
    await r.next('user_added_to_chat', (p) => p.user.id === rex.id);
    expect(((await web.listChats({ filters: { queued: true } } as never)) as { found_chats: number }).found_chats).toBe(4);

    await r.rtm.setRoutingStatus('not_accepting_chats' as never);
    await r.next('routing_status_set', (p) => p.agent_id === rex.id && p.status === 'not_accepting_chats');
    for (const c of customers) c.rtm.close();
    close(r.rtm);
  });

  it('transfers a chat, bans its customer, and is refused by another license (SDK Web errors carry the type)', async () => {
    const tina = await createTestAgent(server, 'tina@example.com');
    const tom = await createTestAgent(server, 'tom@example.com');
    const t = await sdkRtm(tina, ['incoming_chat', 'customer_banned']);
    const u = await sdkRtm(tom, ['incoming_chat', 'chat_transferred']);
    await u.rtm.setRoutingStatus('not_accepting_chats' as never);
    const c = await connectCustomer(server);
    const { chat_id } = await c.rtm.call<{ chat_id: string }>('start_chat', {});
    await t.next('incoming_chat', (p) => p.chat.id === chat_id && p.chat.users.some((x: { id: string; present: boolean }) => x.id === tina.id && x.present));

    await expect(t.rtm.transferChat(chat_id, { target: { type: 'agent', ids: [tom.id] } } as never)).rejects.toMatchObject({ error: { type: 'group_unavailable' } });
    await sdkWeb(tina).transferChat(chat_id, { target: { type: 'agent', ids: [tom.id] }, ignore_agents_availability: true } as never);
    expect((await u.next('incoming_chat', (p) => p.chat.id === chat_id && p.transferred_from)).payload.transferred_from).toEqual({ group_ids: [0], agent_ids: [tina.id] });
    expect((await u.next('chat_transferred', (p) => p.chat_id === chat_id)).payload).toMatchObject({ transferred_to: { agent_ids: [tom.id] }, requester_id: tina.id });

    await u.rtm.tagThread(chat_id, (await c.rtm.call<{ chats_summary: { last_thread_id: string }[] }>('list_chats')).chats_summary[0]!.last_thread_id, 'vip');
    await sdkWeb(tom).banCustomer(c.id, 1);
    expect((await t.next('customer_banned')).payload).toEqual({ customer_id: c.id, ban: { days: 1 } });
    expect((await c.rtm.push('customer_disconnected')).payload.reason).toBe('customer_banned');
    const customer = (await sdkWeb(tina).getCustomer(c.id)) as { chat_ids: string[] };
    expect(customer.chat_ids).toEqual([chat_id]);

    const p = server.built.platform;
    await p.uow.run((tx) => tx.insertLicense({ id: 2, organizationId: randomUUID(), createdAt: p.clock.now() }));
    const stranger = await createTestAgent(server, 'stranger@other.example', { licenseId: 2 });
    await expect(sdkWeb(stranger).getChat(chat_id)).rejects.toMatchObject({ type: 'not_found' });
    await expect(sdkWeb(stranger).banCustomer(c.id, 1)).rejects.toMatchObject({ type: 'not_found' });
    expect(((await sdkWeb(stranger).listChats()) as { found_chats: number }).found_chats).toBe(0);
    const s = await sdkRtm(stranger, ['incoming_chat']);
    await expect(s.rtm.getChat(chat_id)).rejects.toMatchObject({ error: { type: 'not_found' } });

    await t.rtm.logout();
    close(t.rtm);
    close(u.rtm);
    close(s.rtm);
  });
});
