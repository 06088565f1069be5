import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { agentFor, connectCustomer, createTestAgent, ownerAgent, type RawRtm, type TestAgent } from '../../../testing/testClients.js';
import { startAcceptingServer } from '../../../testing/acceptingServer.js';
import type { TestServer } from '../../../testing/testServer.js';

let server: TestServer;
beforeEach(async () => {
  server = await startAcceptingServer();
});
afterEach(async () => { await server.close(); });

type Chat = { id: string; users: { id: string; type: string; present?: boolean }[] };
const presentAgents = (chat: Chat) => chat.users.filter((u) => u.type === 'agent' && u.present).map((u) => u.id);

/** An agent with an RTM session in the given state, and `load` chats of its own already. */
async function agentWithLoad(id: string, load: number, status: 'accepting_chats' | 'not_accepting_chats'): Promise<{ agent: TestAgent; rtm: RawRtm }> {
  const agent = await createTestAgent(server, id, { maxChats: 3 });
  const rtm = await agent.connect();
  await rtm.call('set_routing_status', { status: 'not_accepting_chats' });
  for (let i = 0; i < load; i++) {
    const c = await connectCustomer(server);
    const { chat_id } = await c.rtm.call<{ chat_id: string }>('start_chat', {});
    await ownerAgent(server).web('transfer_chat', { id: chat_id, target: { type: 'agent', ids: [id] }, ignore_agents_availability: true });
  }
  await rtm.call('set_routing_status', { status });
  return { agent, rtm };
}

async function ownersChat(): Promise<string> {
  const c = await connectCustomer(server);
  return (await c.rtm.call<{ chat_id: string }>('start_chat', {})).chat_id;
}

describe('Transfers (Agent Chat API)', () => {
  describe('list_agents_for_transfer', () => {
    it('lists online agents with access who are not in the chat, fewest active chats first, over RTM and Web', async () => {
      await agentWithLoad('busy@example.com', 2, 'accepting_chats');
      await agentWithLoad('idle@example.com', 0, 'not_accepting_chats');
      await agentWithLoad('some@example.com', 1, 'accepting_chats');
      await createTestAgent(server, 'offline@example.com');
      const p = server.built.platform;
      const { id: vip } = await p.groups.create(1, { name: 'VIP', agentPriorities: { [server.credentials.owner.id]: 'normal' } });
      const { token } = await p.agents.create(1, { id: 'vip@example.com', name: 'VIP only', groups: [{ id: vip, priority: 'normal' }] });
      await (await agentFor(server, 'vip@example.com', token).connect()).call('set_routing_status', { status: 'not_accepting_chats' });
      const chat_id = await ownersChat();

      // The VIP agent is not a member of group 0 (#11: group membership is real), so it may not take this chat.
      const expected = [
        { agent_id: 'idle@example.com', total_active_chats: 0 },
        { agent_id: 'some@example.com', total_active_chats: 1 },
        { agent_id: 'busy@example.com', total_active_chats: 2 },
      ];
      const owner = ownerAgent(server);
      expect(await owner.web('list_agents_for_transfer', { chat_id })).toEqual({ status: 200, body: expected });
      expect(await (await owner.connect()).call('list_agents_for_transfer', { chat_id })).toEqual(expected);
      expect(await owner.web('list_agents_for_transfer', { chat_id: 'NOSUCHCHAT' })).toMatchObject({ status: 404, body: { error: { type: 'not_found' } } });
      expect(await owner.web('list_agents_for_transfer', {})).toMatchObject({ status: 400, body: { error: { type: 'validation' } } });

      // A VIP chat: only the VIP agent has access (the owner is in it already).
      const c = await connectCustomer(server);
      const vipChat = await c.rtm.call<{ chat_id: string }>('start_chat', { chat: { access: { group_ids: [vip] } } });
      expect((await owner.web('list_agents_for_transfer', { chat_id: vipChat.chat_id })).body).toEqual([{ agent_id: 'vip@example.com', total_active_chats: 0 }]);
    });
  });

  describe('transfer_chat', () => {
    it('with several target agents, gives the chat to the least loaded one who accepts chats and has room', async () => {
      const { agent: busy } = await agentWithLoad('busy@example.com', 2, 'accepting_chats');
      const { agent: away } = await agentWithLoad('away@example.com', 0, 'not_accepting_chats');
      const { agent: some, rtm } = await agentWithLoad('some@example.com', 1, 'accepting_chats');
      const chat_id = await ownersChat();
      const owner = await ownerAgent(server).connect();
      await owner.call('transfer_chat', { id: chat_id, target: { type: 'agent', ids: [busy.id, away.id, some.id] } });
      const incoming = await rtm.push('incoming_chat', (p) => (p.chat as Chat).id === chat_id && p.transferred_from !== undefined);
      expect(presentAgents(incoming.payload.chat as Chat)).toEqual([some.id]);
      expect((await owner.push('chat_transferred', (p) => p.chat_id === chat_id)).payload).toMatchObject({ transferred_to: { agent_ids: [some.id] } });
    });

    it('refuses when none of the target agents can take the chat (group_unavailable), unless ignore_agents_availability picks the least loaded of them', async () => {
      const { agent: busy } = await agentWithLoad('busy@example.com', 3, 'accepting_chats');
      const { agent: away } = await agentWithLoad('away@example.com', 1, 'not_accepting_chats');
      const chat_id = await ownersChat();
      const owner = ownerAgent(server);
      const target = { type: 'agent', ids: [busy.id, away.id] };
      expect(await owner.web('transfer_chat', { id: chat_id, target })).toMatchObject({ status: 422, body: { error: { type: 'group_unavailable', data: { agent_ids: [busy.id, away.id] } } } });
      expect(await owner.web('transfer_chat', { id: chat_id, target, ignore_agents_availability: true })).toEqual({ status: 200, body: {} });
      expect(presentAgents((await owner.web<Chat>('get_chat', { chat_id })).body)).toEqual([away.id]);
    });

    it('refuses a target agent without access to the chat\'s groups, missing_access; a requester who may not see the chat and unknown agents are not_found (#11)', async () => {
      const p = server.built.platform;
      const { id: vip } = await p.groups.create(1, { name: 'VIP', agentPriorities: { [server.credentials.owner.id]: 'normal' } });
      const { agent: plain } = await agentWithLoad('plain@example.com', 0, 'accepting_chats');
      const c = await connectCustomer(server);
      const { chat_id } = await c.rtm.call<{ chat_id: string }>('start_chat', { chat: { access: { group_ids: [vip] } } });
      const owner = await ownerAgent(server).connect();

      const refused = await owner.request('transfer_chat', { id: chat_id, target: { type: 'agent', ids: [plain.id] } });
      expect(refused.payload.error).toMatchObject({ type: 'missing_access', data: { agent_id: plain.id, group_ids: [vip] } });
      expect((await owner.request('transfer_chat', { id: chat_id, target: { type: 'agent', ids: ['nobody@example.com'] } })).payload.error?.type).toBe('not_found');
      expect(await plain.web('transfer_chat', { id: chat_id, target: { type: 'group', ids: [0] }, ignore_requester_presence: true })).toMatchObject({ status: 404, body: { error: { type: 'not_found' } } });
      // Nothing changed: the owner still has the chat.
      expect(presentAgents((await ownerAgent(server).web<Chat>('get_chat', { chat_id })).body)).toEqual([server.credentials.owner.id]);
    });
  });
});
