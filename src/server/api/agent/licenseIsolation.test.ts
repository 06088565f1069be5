import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectCustomer, createTestAgent, ownerAgent, RawRtm, type TestAgent, type TestCustomer } from '../../../testing/testClients.js';
import { startAcceptingServer } from '../../../testing/acceptingServer.js';
import type { TestServer } from '../../../testing/testServer.js';

let server: TestServer;
let stranger: TestAgent;
let customer: TestCustomer;
let chatId: string;
let threadId: string;
let botId: string;
beforeAll(async () => {
  server = await startAcceptingServer();
  const p = server.built.platform;
  await p.uow.run((tx) => tx.insertLicense({ id: 2, organizationId: randomUUID(), createdAt: p.clock.now() }));
  stranger = await createTestAgent(server, 'stranger@other.example', { licenseId: 2, role: 'owner' });
  botId = (await p.agents.createBotRecord(1, { name: 'License 1 bot' })).id;
  customer = await connectCustomer(server);
  ({ chat_id: chatId, thread_id: threadId } = await customer.rtm.call<{ chat_id: string; thread_id: string }>('start_chat', { chat: { thread: { events: [{ type: 'message', text: 'private' }] } } }));
});
afterAll(async () => { await server.close(); });

describe('Agent Chat API license isolation', () => {
  it('refuses an agent of another license on every chat, customer, bot and agent of this license', async () => {
    const notFound: [string, unknown, { authorId?: string }?][] = [
      ['get_chat', { chat_id: chatId }],
      ['list_threads', { chat_id: chatId }],
      ['send_event', { chat_id: chatId, event: { type: 'message', text: 'hi' } }],
      ['send_typing_indicator', { chat_id: chatId, is_typing: true }],
      ['mark_events_as_seen', { chat_id: chatId, seen_up_to: new Date().toISOString() }],
      ['deactivate_chat', { id: chatId, ignore_requester_presence: true }],
      ['resume_chat', { chat: { id: chatId } }],
      ['add_user_to_chat', { chat_id: chatId, user_id: stranger.id, user_type: 'agent', visibility: 'all', ignore_requester_presence: true }],
      ['remove_user_from_chat', { chat_id: chatId, user_id: server.credentials.owner.id, user_type: 'agent', ignore_requester_presence: true }],
      ['transfer_chat', { id: chatId, target: { type: 'agent', ids: [stranger.id] }, ignore_requester_presence: true }],
      ['update_chat_properties', { id: chatId, properties: { test: { string_property: 'x' } } }],
      ['delete_thread_properties', { chat_id: chatId, thread_id: threadId, properties: { test: ['int_property'] } }],
      ['update_event_properties', { chat_id: chatId, thread_id: threadId, event_id: `${threadId}_1`, properties: { test: { bool_property: true } } }],
      ['tag_thread', { chat_id: chatId, thread_id: threadId, tag: 'x' }],
      ['get_customer', { id: customer.id }],
      ['ban_customer', { id: customer.id, ban: { days: 1 } }],
      ['start_chat', { chat: { users: [{ id: customer.id, type: 'customer' }] } }],
      ['set_routing_status', { agent_id: server.credentials.owner.id, status: 'not_accepting_chats' }],
      ['set_routing_status', { agent_id: botId, status: 'accepting_chats' }],
      ['list_chats', {}, { authorId: botId }],
    ];
    for (const [action, payload, opts] of notFound) {
      const res = await stranger.web<{ error: { type: string } }>(action, payload, opts);
      expect({ action, status: res.status, type: res.body.error?.type }).toEqual({ action, status: 404, type: 'not_found' });
    }
    // Lists are simply empty of this license's things.
    expect((await stranger.web<{ found_chats: number }>('list_chats')).body.found_chats).toBe(0);
    expect((await stranger.web<{ found_chats: number }>('list_archives')).body.found_chats).toBe(0);
    expect((await stranger.web<{ total_customers: number }>('list_customers')).body.total_customers).toBe(0);
    expect((await stranger.web<{ agent_id: string }[]>('list_routing_statuses')).body.map((s) => s.agent_id)).toEqual([stranger.id]);
    // And this license cannot reach the stranger either.
    const owner = ownerAgent(server);
    expect((await owner.web('transfer_chat', { id: chatId, target: { type: 'agent', ids: [stranger.id] } })).status).toBe(404);
    expect((await owner.web('add_user_to_chat', { chat_id: chatId, user_id: stranger.id, user_type: 'agent', visibility: 'all' })).status).toBe(404);
    // Nothing changed.
    const chat = await owner.web<{ users: { id: string }[]; thread: { events: unknown[]; tags: string[] } }>('get_chat', { chat_id: chatId });
    expect(chat.body.users.map((u) => u.id)).not.toContain(stranger.id);
    expect(chat.body.thread.events).toHaveLength(2);
    expect(chat.body.thread.tags).toEqual([]);
  });

  it('never pushes this license\'s chats to the other license\'s agents over RTM', async () => {
    const strangerRtm = await stranger.connect();
    const login = strangerRtm.frames.find((f) => f.action === 'login')!.payload as { license: { id: string }; chats_summary: unknown[] };
    expect(login.license.id).toBe('2');
    expect(login.chats_summary).toEqual([]);
    const ownerRtm = await ownerAgent(server).connect();
    const other = await connectCustomer(server);
    const { chat_id } = await other.rtm.call<{ chat_id: string }>('start_chat', {});
    await ownerRtm.push('incoming_chat', (p) => (p.chat as { id: string }).id === chat_id);
    await ownerRtm.call('send_event', { chat_id, event: { type: 'message', text: 'hello' } });
    await strangerRtm.call('ping');
    // Visitor monitoring (#13) answers every login; this license's customers are not in it.
    expect(strangerRtm.frames.filter((f) => f.type === 'push')).toEqual([expect.objectContaining({ action: 'incoming_customers', payload: { customer_monitoring_level: 'online', customers: [] } })]);
    strangerRtm.close();
    ownerRtm.close();
  });

  it('refuses an agent logging in over RTM with another organization_id', async () => {
    const rtm = await RawRtm.open(`${server.wsUrl}/v3.5/agent/rtm/ws?organization_id=${server.credentials.organization_id}`);
    expect((await rtm.request('login', { token: stranger.basic })).payload.error?.type).toBe('authentication');
    rtm.close();
    const helper = await createTestAgent(server, 'helper@example.com');
    const ok = await RawRtm.open(`${server.wsUrl}/v3.5/agent/rtm/ws?organization_id=${server.credentials.organization_id}`);
    expect((await ok.request('login', { token: helper.basic })).success).toBe(true);
    ok.close();
  });
});
