import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectCustomer, createTestAgent, ownerAgent, RawRtm, type TestAgent, type TestCustomer } from '../../../testing/testClients.js';
import { startTestServer, type TestServer } from '../../../testing/testServer.js';

let server: TestServer;
let owner: TestAgent;
let ownerRtm: RawRtm;
beforeAll(async () => {
  server = await startTestServer({ agentOfflineGraceMs: 100 });
  await server.built.platform.licenses.update(1, 'agent', { routing: { max_customer_chats_count: 5 } });
  owner = ownerAgent(server);
  await server.built.platform.agents.setMaxChats(1, owner.id, 1000, server.built.platform.router);
  ownerRtm = await owner.connect();
});
afterAll(async () => { await server.close(); });

type Chat = { id: string; users: { id: string; type: string; present?: boolean; visibility?: string }[]; thread: { id: string; events: { id: string; type: string; text?: string; visibility?: string; system_message_type?: string }[]; tags?: string[] } };
const settle = (rtm: RawRtm) => rtm.call('ping');

/** A customer in a chat the owner started with it (other agents accept chats too, so routing would spread them). */
async function customerWithChat(text = 'hello'): Promise<{ c: TestCustomer; chatId: string; threadId: string }> {
  const c = await connectCustomer(server);
  const { chat_id, thread_id } = await ownerRtm.call<{ chat_id: string; thread_id: string }>('start_chat', {
    chat: { users: [{ id: c.id, type: 'customer' }], thread: { events: [{ type: 'message', text }] } },
  });
  await c.rtm.push('incoming_chat', (p) => (p.chat as Chat).id === chat_id);
  return { c, chatId: chat_id, threadId: thread_id };
}

describe('Agent Chat API', () => {
  describe('authentication', () => {
    it('accepts Bearer <pat> and Basic base64(id:pat) on Web and RTM, and refuses anything else with authentication', async () => {
      expect((await owner.web('list_chats')).status).toBe(200);
      expect((await owner.web('list_chats', {}, {})).status).toBe(200);
      const bearer = await fetch(`${server.url}/v3.5/agent/action/list_chats`, { method: 'POST', headers: { authorization: `Bearer ${owner.token}` }, body: '{}' });
      expect(bearer.status).toBe(200);
      const bad = await fetch(`${server.url}/v3.5/agent/action/list_chats`, { method: 'POST', headers: { authorization: 'Bearer nope' }, body: '{}' });
      expect(bad.status).toBe(401);
      expect(((await bad.json()) as { error: { type: string } }).error.type).toBe('authentication');
      // A customer token is not an agent credential.
      const c = await connectCustomer(server);
      expect((await fetch(`${server.url}/v3.5/agent/action/list_chats`, { method: 'POST', headers: { authorization: `Bearer ${c.token}` }, body: '{}' })).status).toBe(401);
      c.rtm.close();

      const viaBearer = await owner.connect({ bearer: true });
      viaBearer.close();
      const rtm = await RawRtm.open(`${server.wsUrl}/v3.5/agent/rtm/ws`);
      expect((await rtm.request('list_chats')).payload.error?.type).toBe('authentication');
      expect((await rtm.request('login', { token: `Basic ${Buffer.from(`${owner.id}:wrong`).toString('base64')}` })).payload.error?.type).toBe('authentication');
      expect((await rtm.request('login', { token: owner.basic, application: { name: 'test' }, customer_monitoring_level: 'my' })).success).toBe(true);
      rtm.close();
    });

    it('answers login with the license, my_profile and the chats the agent is in or that wait in the queue', async () => {
      const { chatId } = await customerWithChat();
      const rtm = await owner.connect();
      const login = rtm.frames.find((f) => f.action === 'login')!.payload as Record<string, any>;
      expect(login.license).toMatchObject({ id: '1', organization_id: server.credentials.organization_id });
      expect(login.my_profile).toMatchObject({ id: owner.id, type: 'agent', name: 'Owner', permission: 'owner', routing_status: 'accepting_chats' });
      expect(login.chats_summary.map((s: { id: string }) => s.id)).toContain(chatId);
      const summary = login.chats_summary.find((s: { id: string }) => s.id === chatId);
      expect(summary.last_thread_summary).toMatchObject({ active: true });
      expect(summary.last_event_per_type.message.event.text).toBe('hello');
      rtm.close();
    });

    it('closes a socket that does not log in in time with agent_disconnected connection_timeout', async () => {
      const quick = await startTestServer({ rtm: { ...server.config.rtm, loginTimeoutMs: 100 } });
      const rtm = await RawRtm.open(`${quick.wsUrl}/v3.5/agent/rtm/ws`);
      expect((await rtm.push('agent_disconnected')).payload).toEqual({ reason: 'connection_timeout' });
      await rtm.closed;
      await quick.close();
    });
  });

  describe('chat lifecycle', () => {
    it('start_chat for a customer puts both in the chat; resume_chat and deactivate_chat follow the thread rules', async () => {
      const c = await connectCustomer(server);
      const started = await ownerRtm.call<{ chat_id: string; thread_id: string; event_ids: string[] }>('start_chat', {
        chat: { users: [{ id: c.id, type: 'customer' }], thread: { events: [{ type: 'message', text: 'Can I help?' }] } },
      });
      expect(started.event_ids).toHaveLength(1);
      const incoming = await c.rtm.push('incoming_chat');
      expect((incoming.payload.chat as Chat).users.map((u) => u.id).sort()).toEqual([c.id, owner.id].sort());
      expect(incoming.payload.requester_id).toBe(owner.id);
      expect((await ownerRtm.request('resume_chat', { chat: { id: started.chat_id } })).payload.error?.type).toBe('chat_already_active');

      await owner.web('deactivate_chat', { id: started.chat_id });
      expect((await c.rtm.push('chat_deactivated')).payload).toEqual({ chat_id: started.chat_id, thread_id: started.thread_id, user_id: owner.id });
      expect((await ownerRtm.request('deactivate_chat', { id: started.chat_id })).payload.error?.type).toBe('chat_inactive');

      const resumed = await ownerRtm.call<{ thread_id: string }>('resume_chat', { chat: { id: started.chat_id } });
      expect(resumed.thread_id).not.toBe(started.thread_id);
      expect(((await c.rtm.push('incoming_chat', (p) => (p.chat as Chat).thread.id === resumed.thread_id)).payload.chat as Chat).thread.id).toBe(resumed.thread_id);

      const threads = await owner.web<{ threads: { id: string }[]; found_threads: number }>('list_threads', { chat_id: started.chat_id });
      expect(threads.body.found_threads).toBe(2);
      const got = await owner.web<Chat>('get_chat', { chat_id: started.chat_id, thread_id: started.thread_id });
      expect(got.body.thread.events.map((e) => e.system_message_type ?? e.type)).toEqual(['message', 'manual_archived_agent']);
      c.rtm.close();
    });

    it('list_chats filters active and inactive chats and pages with page_id only', async () => {
      const pages: string[] = [];
      let res = await owner.web<{ chats_summary: { id: string }[]; found_chats: number; next_page_id?: string }>('list_chats', { limit: 1, filters: { include_active: true } });
      expect(res.status).toBe(200);
      const total = res.body.found_chats;
      expect(total).toBeGreaterThan(1);
      pages.push(...res.body.chats_summary.map((s) => s.id));
      while (res.body.next_page_id) {
        res = await owner.web('list_chats', { page_id: res.body.next_page_id });
        pages.push(...res.body.chats_summary.map((s) => s.id));
      }
      expect(new Set(pages).size).toBe(total);
      expect((await owner.web('list_chats', { page_id: 'x', limit: 2 })).body).toMatchObject({ error: { type: 'validation' } });
      const inactive = await owner.web<{ chats_summary: { id: string; last_thread_summary: { active: boolean } }[] }>('list_chats', { filters: { include_active: false } });
      expect(inactive.body.chats_summary.every((s) => !s.last_thread_summary.active)).toBe(true);
    });
  });

  describe('membership', () => {
    it('add_user_to_chat and remove_user_from_chat push user_added/removed with system messages; agents-only users stay hidden from the customer', async () => {
      const { c, chatId } = await customerWithChat();
      const helper = await createTestAgent(server, 'helper@example.com');
      const helperRtm = await helper.connect();
      await ownerRtm.call('add_user_to_chat', { chat_id: chatId, user_id: helper.id, user_type: 'agent', visibility: 'agents' });
      const added = await helperRtm.push('user_added_to_chat', (p) => p.chat_id === chatId);
      expect(added.payload).toMatchObject({ reason: 'manual', requester_id: owner.id, user: { id: helper.id, visibility: 'agents' } });
      const note = await helperRtm.push('incoming_event', (p) => p.chat_id === chatId);
      expect(note.payload.event).toMatchObject({ type: 'system_message', system_message_type: 'agent_added', visibility: 'agents' });

      // An agents-only user cannot speak to everyone; agents-only events never reach the customer.
      expect((await helperRtm.request('send_event', { chat_id: chatId, event: { type: 'message', text: 'psst', visibility: 'all' } })).payload.error?.type).toBe('authorization');
      const whisper = await helperRtm.call<{ event_id: string }>('send_event', { chat_id: chatId, event: { type: 'message', text: 'psst', recipients: 'agents' } });
      const toOwner = await ownerRtm.push('incoming_event', (p) => (p.event as { id: string }).id === whisper.event_id);
      expect(toOwner.payload.event).toMatchObject({ text: 'psst', visibility: 'agents', author_id: helper.id });
      const loud = await ownerRtm.call<{ event_id: string }>('send_event', { chat_id: chatId, event: { type: 'message', text: 'hi all' } });
      await c.rtm.push('incoming_event', (p) => (p.event as { id: string }).id === loud.event_id);
      expect(c.rtm.pushes('incoming_event').map((f) => (f.payload.event as { id: string }).id)).not.toContain(whisper.event_id);
      expect(c.rtm.pushes('user_added_to_chat')).toHaveLength(0);
      const seenByCustomer = await c.web<Chat>('get_chat', { chat_id: chatId });
      expect(seenByCustomer.body.users.map((u) => u.id)).not.toContain(helper.id);

      await ownerRtm.call('remove_user_from_chat', { chat_id: chatId, user_id: helper.id, user_type: 'agent' });
      expect((await helperRtm.push('user_removed_from_chat', (p) => p.chat_id === chatId)).payload).toMatchObject({ user_id: helper.id, reason: 'manual', requester_id: owner.id });
      expect((await helperRtm.request('send_event', { chat_id: chatId, event: { type: 'message', text: 'still here?', visibility: 'agents' } })).payload.error?.type).toBe('authorization');
      expect((await ownerRtm.request('remove_user_from_chat', { chat_id: chatId, user_id: c.id, user_type: 'customer' })).payload.error?.type).toBe('validation');
      helperRtm.close();
      c.rtm.close();
    });

    it('transfer_chat to an agent removes the previous assignee and adds the new one, in the documented order', async () => {
      const { c, chatId, threadId } = await customerWithChat('transfer me');
      const tara = await createTestAgent(server, 'tara@example.com');
      const taraRtm = await tara.connect();
      await ownerRtm.call('transfer_chat', { id: chatId, target: { type: 'agent', ids: [tara.id] } });
      const incoming = await taraRtm.push('incoming_chat', (p) => (p.chat as Chat).id === chatId);
      expect(incoming.payload.transferred_from).toEqual({ group_ids: [0], agent_ids: [owner.id] });
      await c.rtm.push('chat_transferred');
      const sequence = c.rtm.frames.filter((f) => f.type === 'push' && (f.payload.chat_id === chatId)).map((f) => f.action === 'incoming_event' ? `event:${(f.payload.event as { system_message_type?: string }).system_message_type}` : f.action);
      expect(sequence.slice(-4)).toEqual(['event:chat_transferred', 'user_removed_from_chat', 'user_added_to_chat', 'chat_transferred']);
      expect(c.rtm.pushes('chat_transferred')[0]!.payload).toMatchObject({ chat_id: chatId, thread_id: threadId, reason: 'manual', requester_id: owner.id, transferred_to: { agent_ids: [tara.id] } });
      const chat = await tara.web<Chat>('get_chat', { chat_id: chatId });
      expect(chat.body.users.filter((u) => u.type === 'agent' && u.present).map((u) => u.id)).toEqual([tara.id]);

      // The owner is no longer a chat user; a transfer to an agent who does not accept chats fails.
      expect((await ownerRtm.request('send_event', { chat_id: chatId, event: { type: 'message', text: 'x' } })).payload.error?.type).toBe('authorization');
      await taraRtm.call('set_routing_status', { status: 'not_accepting_chats' });
      expect((await ownerRtm.request('transfer_chat', { id: chatId, target: { type: 'agent', ids: [tara.id] }, ignore_requester_presence: true })).payload.error?.type).toBe('group_unavailable');
      expect((await taraRtm.request('transfer_chat', { id: chatId, target: { type: 'group', ids: [99] } })).payload.error?.type).toBe('group_not_found');
      // Back to the group: the router picks someone else who accepts chats.
      await taraRtm.call('transfer_chat', { id: chatId, target: { type: 'group', ids: [0] } });
      expect((await c.rtm.push('chat_transferred', (p) => (p.transferred_to as { group_ids?: number[] }).group_ids !== undefined)).payload).toMatchObject({ transferred_to: { group_ids: [0] } });
      expect((await c.rtm.push('user_added_to_chat', (p) => (p.user as { id: string }).id !== tara.id)).payload.chat_id).toBe(chatId);
      taraRtm.close();
      c.rtm.close();
    });
  });

  describe('events, typing, seen and files', () => {
    it('relays typing indicators and sneak peeks, marks events as seen, and sends uploaded files', async () => {
      const { c, chatId } = await customerWithChat();
      await ownerRtm.call('send_typing_indicator', { chat_id: chatId, is_typing: true });
      expect((await c.rtm.push('incoming_typing_indicator')).payload).toMatchObject({ chat_id: chatId, typing_indicator: { author_id: owner.id, is_typing: true } });
      await ownerRtm.call('send_typing_indicator', { chat_id: chatId, is_typing: true, visibility: 'agents' });
      await c.rtm.call('send_sneak_peek', { chat_id: chatId, sneak_peek_text: 'I am typi' });
      expect((await ownerRtm.push('incoming_sneak_peek', (p) => p.chat_id === chatId)).payload.sneak_peek).toMatchObject({ author_id: c.id, text: 'I am typi' });
      await settle(c.rtm);
      expect(c.rtm.pushes('incoming_typing_indicator')).toHaveLength(1);

      const seenUpTo = new Date().toISOString();
      await owner.web('mark_events_as_seen', { chat_id: chatId, seen_up_to: seenUpTo });
      expect((await c.rtm.push('events_marked_as_seen')).payload).toMatchObject({ chat_id: chatId, user_id: owner.id });

      const form = new FormData();
      form.append('file', new Blob([Buffer.from('hello file')], { type: 'text/plain' }), 'note.txt');
      const upload = await fetch(`${server.url}/v3.5/agent/action/upload_file`, { method: 'POST', headers: { authorization: owner.basic }, body: form });
      expect(upload.status).toBe(200);
      const { url } = (await upload.json()) as { url: string };
      const sent = await ownerRtm.call<{ event_id: string }>('send_event', { chat_id: chatId, event: { type: 'file', url } });
      expect((await c.rtm.push('incoming_event', (p) => (p.event as { id: string }).id === sent.event_id)).payload.event).toMatchObject({ type: 'file', name: 'note.txt', size: 10 });
      c.rtm.close();
    });

    it('updates and deletes chat, thread and event properties with pushes, and tags threads', async () => {
      const { c, chatId, threadId } = await customerWithChat();
      const eventId = `${threadId}_1`;
      await owner.web('update_chat_properties', { id: chatId, properties: { test: { string_property: 'a' } } });
      expect((await c.rtm.push('chat_properties_updated')).payload).toEqual({ chat_id: chatId, properties: { test: { string_property: 'a' } } });
      await ownerRtm.call('delete_chat_properties', { id: chatId, properties: { test: ['string_property'] } });
      expect((await c.rtm.push('chat_properties_deleted')).payload).toEqual({ chat_id: chatId, properties: { test: ['string_property'] } });
      await ownerRtm.call('update_thread_properties', { chat_id: chatId, thread_id: threadId, properties: { test: { int_property: 3 } } });
      expect((await c.rtm.push('thread_properties_updated')).payload).toMatchObject({ thread_id: threadId });
      await ownerRtm.call('delete_thread_properties', { chat_id: chatId, thread_id: threadId, properties: { test: ['int_property'] } });
      await c.rtm.push('thread_properties_deleted');
      await ownerRtm.call('update_event_properties', { chat_id: chatId, thread_id: threadId, event_id: eventId, properties: { test: { bool_property: true } } });
      expect((await c.rtm.push('event_properties_updated')).payload).toMatchObject({ event_id: eventId });
      await ownerRtm.call('delete_event_properties', { chat_id: chatId, thread_id: threadId, event_id: eventId, properties: { test: ['bool_property'] } });
      await c.rtm.push('event_properties_deleted');
      expect((await ownerRtm.request('update_chat_properties', { id: chatId, properties: { nope: { x: 1 } } })).payload.error?.type).toBe('validation');

      await ownerRtm.call('tag_thread', { chat_id: chatId, thread_id: threadId, tag: 'billing' });
      expect((await ownerRtm.push('thread_tagged', (p) => p.chat_id === chatId)).payload).toEqual({ chat_id: chatId, thread_id: threadId, tag: 'billing' });
      expect((await owner.web<Chat>('get_chat', { chat_id: chatId })).body.thread.tags).toEqual(['billing']);
      await owner.web('untag_thread', { chat_id: chatId, thread_id: threadId, tag: 'billing' });
      await ownerRtm.push('thread_untagged', (p) => p.chat_id === chatId);
      expect((await owner.web('tag_thread', { chat_id: chatId, thread_id: threadId, tag: '' })).status).toBe(400);
      expect(c.rtm.pushes('thread_tagged')).toHaveLength(0);
      c.rtm.close();
    });
  });

  describe('archives and customers', () => {
    it('list_archives filters closed threads by text, agent, customer and date range', async () => {
      const { c, chatId } = await customerWithChat('my parcel is lost');
      await ownerRtm.call('deactivate_chat', { id: chatId });
      const search = await owner.web<{ chats: Chat[]; found_chats: number }>('list_archives', { filters: { query: 'PARCEL' } });
      expect(search.body.chats.map((ch) => ch.id)).toEqual([chatId]);
      expect(search.body.chats[0]!.thread.events[0]).toMatchObject({ text: 'my parcel is lost' });
      expect((await owner.web<{ found_chats: number }>('list_archives', { filters: { query: 'parcel', agents: { values: ['nobody@example.com'] } } })).body.found_chats).toBe(0);
      expect((await owner.web<{ found_chats: number }>('list_archives', { filters: { query: 'parcel', agents: { values: [owner.id] } } })).body.found_chats).toBe(1);
      expect((await owner.web<{ found_chats: number }>('list_archives', { filters: { customer_id: c.id } })).body.found_chats).toBe(1);
      expect((await owner.web<{ found_chats: number }>('list_archives', { filters: { query: 'parcel', from: '2000-01-01T00:00:00Z', to: '2000-12-31T00:00:00Z' } })).body.found_chats).toBe(0);
      expect((await owner.web<{ found_chats: number }>('list_archives', { filters: { query: 'parcel', from: new Date(Date.now() - 3600_000).toISOString() } })).body.found_chats).toBe(1);
      expect((await owner.web('list_archives', { filters: { from: 'yesterday' } })).status).toBe(400);
      const paged = await owner.web<{ chats: Chat[]; next_page_id?: string }>('list_archives', { limit: 1 });
      expect(paged.body.chats).toHaveLength(1);
      c.rtm.close();
    });

    it('get_customer returns the agent view with chat_ids; list_customers pages the license\'s customers', async () => {
      const { c, chatId } = await customerWithChat();
      const got = await owner.web<{ id: string; chat_ids: string[]; created_at: string; statistics: { chats_count: number } }>('get_customer', { id: c.id });
      expect(got.body).toMatchObject({ id: c.id, chat_ids: [chatId], statistics: { chats_count: 1 } });
      expect(got.body.created_at).toMatch(/Z$/);
      expect((await owner.web('get_customer', { id: '00000000-0000-4000-8000-000000000000' })).status).toBe(404);
      const list = await owner.web<{ customers: { id: string }[]; total_customers: number; next_page_id?: string }>('list_customers', { limit: 2 });
      expect(list.body.customers).toHaveLength(2);
      expect(list.body.total_customers).toBeGreaterThan(2);
      expect(list.body.next_page_id).toBeDefined();
      c.rtm.close();
    });
  });

  describe('bots (author_id / X-Author-Id) and routing statuses', () => {
    it('lets an agent drive a bot of its license: routing status, assignment, events as the bot; foreign or human ids and other agents\' bots are refused', async () => {
      const bot = await server.built.platform.agents.createBotRecord(1, { name: 'Helpful Bot', maxChats: 10 });
      await owner.web('set_routing_status', { agent_id: bot.id, status: 'accepting_chats' });
      await ownerRtm.push('routing_status_set', (p) => p.agent_id === bot.id && p.status === 'accepting_chats');
      expect((await owner.web<{ agent_id: string; status: string }[]>('list_routing_statuses', { filters: { group_ids: [0] } })).body).toContainEqual({ agent_id: bot.id, status: 'accepting_chats' });

      // Join a customer's chat as the bot and speak through both transports.
      const { c, chatId } = await customerWithChat();
      expect((await owner.web('add_user_to_chat', { chat_id: chatId, user_id: bot.id, user_type: 'agent', visibility: 'all' }, { authorId: bot.id })).status).toBe(200);
      const web = await owner.web<{ event_id: string }>('send_event', { chat_id: chatId, event: { type: 'message', text: 'Hi, I am a bot' } }, { authorId: bot.id });
      expect((await c.rtm.push('incoming_event', (p) => (p.event as { id: string }).id === web.body.event_id)).payload.event).toMatchObject({ author_id: bot.id });
      const rtm = await ownerRtm.call<{ event_id: string }>('send_event', { chat_id: chatId, event: { type: 'message', text: 'via RTM' } }, { author_id: bot.id });
      expect((await c.rtm.push('incoming_event', (p) => (p.event as { id: string }).id === rtm.event_id)).payload.event).toMatchObject({ author_id: bot.id });

      const helper = await createTestAgent(server, 'not-a-bot@example.com');
      expect((await owner.web('send_event', { chat_id: chatId, event: { type: 'message', text: 'x' } }, { authorId: helper.id })).status).toBe(403);
      expect((await owner.web('send_event', { chat_id: chatId, event: { type: 'message', text: 'x' } }, { authorId: 'ffffffffffffffffffffffffffffffff' })).status).toBe(404);
      // Routing statuses: humans have no offline of their own; normal agents cannot set others'.
      expect((await owner.web('set_routing_status', { status: 'offline' })).status).toBe(400);
      expect((await helper.web('set_routing_status', { agent_id: owner.id, status: 'not_accepting_chats' })).status).toBe(403);
      // #11: a normal agent may not drive a bot its app does not own.
      expect((await helper.web('set_routing_status', { agent_id: bot.id, status: 'offline' })).status).toBe(403);
      c.rtm.close();
    });
  });

  describe('logout', () => {
    it('answers, then closes every connection of the agent with agent_disconnected and takes it offline', async () => {
      const leo = await createTestAgent(server, 'leo@example.com');
      const a = await leo.connect();
      const b = await leo.connect();
      expect((await a.request('logout')).success).toBe(true);
      for (const rtm of [a, b]) {
        expect((await rtm.push('agent_disconnected')).payload).toEqual({ reason: 'agent_logged_out_remotely' });
        await rtm.closed;
      }
      await ownerRtm.push('routing_status_set', (p) => p.agent_id === leo.id && p.status === 'offline');
      expect((await leo.web('logout')).status).toBe(400);
      await settle(ownerRtm);
    });
  });
});
