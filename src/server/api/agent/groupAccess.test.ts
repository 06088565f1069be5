import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { agentFor, connectCustomer, ownerAgent, type RawRtm, type TestAgent, type TestCustomer } from '../../../testing/testClients.js';
import { startAcceptingServer } from '../../../testing/acceptingServer.js';
import type { TestServer } from '../../../testing/testServer.js';

let server: TestServer;
let sales: number;
let sam: TestAgent;
let samRtm: RawRtm;
let generalChat: { c: TestCustomer; chatId: string };
let salesChat: { c: TestCustomer; chatId: string };
beforeAll(async () => {
  server = await startAcceptingServer();
  const p = server.built.platform;
  ({ id: sales } = await p.groups.create(1, { name: 'Sales' }));
  const { token } = await p.agents.create(1, { id: 'sam@example.com', name: 'Sam', groups: [{ id: sales, priority: 'normal' }] });
  sam = agentFor(server, 'sam@example.com', token);
  samRtm = await sam.connect();
  const start = async (groupIds: number[]) => {
    const c = await connectCustomer(server);
    const { chat_id } = await c.rtm.call<{ chat_id: string }>('start_chat', { chat: { access: { group_ids: groupIds }, thread: { events: [{ type: 'message', text: 'hi' }] } } });
    return { c, chatId: chat_id };
  };
  generalChat = await start([0]);
  salesChat = await start([sales]);
});
afterAll(async () => {
  for (const rtm of [samRtm, generalChat.c.rtm, salesChat.c.rtm]) rtm.close();
  await server.close();
});

const chatIds = (body: { chats_summary: { id: string }[] }) => body.chats_summary.map((c) => c.id);

describe('Agent Chat API group access (#11)', () => {
  describe('routing', () => {
    it('routes a group\'s chats to its members only', async () => {
      const own = await ownerAgent(server).web<{ users: { id: string; present: boolean }[] }>('get_chat', { chat_id: salesChat.chatId });
      expect(own.body.users.filter((u) => u.present).map((u) => u.id)).toContain(sam.id);
      const general = await ownerAgent(server).web<{ users: { id: string }[] }>('get_chat', { chat_id: generalChat.chatId });
      expect(general.body.users.map((u) => u.id)).not.toContain(sam.id);
    });
  });

  describe('list_chats', () => {
    it('lists and counts only the chats of the agent\'s groups', async () => {
      const res = await sam.web<{ chats_summary: { id: string }[]; found_chats: number }>('list_chats');
      expect(chatIds(res.body)).toEqual([salesChat.chatId]);
      expect(res.body.found_chats).toBe(1);
      const all = await ownerAgent(server).web<{ chats_summary: { id: string }[] }>('list_chats');
      expect(chatIds(all.body)).toEqual(expect.arrayContaining([salesChat.chatId, generalChat.chatId]));
    });
  });

  describe('add_user_to_chat', () => {
    it('lets an agent added by a manager reach a chat of another group while it is present, and no longer once removed', async () => {
      const owner = ownerAgent(server);
      expect((await owner.web('add_user_to_chat', { chat_id: generalChat.chatId, user_id: sam.id, user_type: 'agent', visibility: 'all' })).status).toBe(200);
      expect((await sam.web('send_event', { chat_id: generalChat.chatId, event: { type: 'message', text: 'Sam here' } })).status).toBe(200);
      expect(chatIds((await sam.web<{ chats_summary: { id: string }[] }>('list_chats')).body)).toContain(generalChat.chatId);
      const customer = await sam.web<{ chat_ids: string[] }>('get_customer', { id: generalChat.c.id });
      expect(customer.body.chat_ids).toEqual([generalChat.chatId]);
      expect((await owner.web('remove_user_from_chat', { chat_id: generalChat.chatId, user_id: sam.id, user_type: 'agent', ignore_requester_presence: true })).status).toBe(200);
      expect((await sam.web<{ error: { type: string } }>('get_chat', { chat_id: generalChat.chatId })).body.error.type).toBe('not_found');
      expect((await sam.web<{ error: { type: string } }>('get_customer', { id: generalChat.c.id })).body.error.type).toBe('not_found');
    });
  });

  describe('transfer_chat', () => {
    it('refuses a target agent who would not reach the chat with missing_access, and accepts a transfer to the target\'s group', async () => {
      const owner = ownerAgent(server);
      const refused = await owner.web<{ error: { type: string } }>('transfer_chat', { id: generalChat.chatId, target: { type: 'agent', ids: [sam.id] } });
      expect({ status: refused.status, type: refused.body.error.type }).toEqual({ status: 403, type: 'missing_access' });
      expect((await owner.web('transfer_chat', { id: generalChat.chatId, target: { type: 'group', ids: [sales] } })).status).toBe(200);
      await samRtm.push('incoming_chat', (p) => (p.chat as { id: string }).id === generalChat.chatId);
      expect((await sam.web('get_chat', { chat_id: generalChat.chatId })).status).toBe(200);
    });
  });

  describe('start_chat', () => {
    it('lets a normal agent open chats in its own groups only', async () => {
      const c = await connectCustomer(server);
      const users = [{ id: c.id, type: 'customer' }];
      const refused = await sam.web<{ error: { type: string } }>('start_chat', { chat: { users, access: { group_ids: [0, sales] } } });
      expect({ status: refused.status, type: refused.body.error.type }).toEqual({ status: 403, type: 'authorization' });
      expect((await sam.web('start_chat', { chat: { users, access: { group_ids: [sales] } } })).status).toBe(200);
      c.rtm.close();
    });
  });
});
