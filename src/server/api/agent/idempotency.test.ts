import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectCustomer, ownerAgent, type RawRtm, type TestAgent } from '../../../testing/testClients.js';
import { startTestServer, type TestServer } from '../../../testing/testServer.js';

let server: TestServer;
let owner: TestAgent;
let ownerRtm: RawRtm;
beforeAll(async () => {
  server = await startTestServer();
  owner = ownerAgent(server);
  await server.built.platform.agents.setMaxChats(1, owner.id, 1000, server.built.platform.router);
  ownerRtm = await owner.connect();
});
afterAll(async () => { await server.close(); });

type Started = { chat_id: string; thread_id: string; event_ids: string[] };
const startFor = (customerId: string, customId: string, text = 'We have news about your order') => ({
  chat: { users: [{ id: customerId, type: 'customer' }], thread: { events: [{ type: 'message', text, custom_id: customId }, { type: 'message', text: 'Are you there?' }] } },
});

describe('Agent Chat API idempotency', () => {
  describe('start_chat', () => {
    it('answers a retry (RTM, then Web) with the first chat, thread and events, and creates nothing (#11)', async () => {
      const c = await connectCustomer(server);
      const first = await ownerRtm.call<Started>('start_chat', startFor(c.id, 'agent-start-1'));
      expect(first.event_ids).toHaveLength(2);
      expect(await ownerRtm.call<Started>('start_chat', startFor(c.id, 'agent-start-1'))).toEqual(first);
      const web = await owner.web<Started>('start_chat', startFor(c.id, 'agent-start-1'));
      expect(web).toEqual({ status: 200, body: first });
      const chats = await c.rtm.call<{ total_chats: number }>('list_chats');
      expect(chats.total_chats).toBe(1);
      c.rtm.close();
    });

    it('refuses changed initial events under the same custom_id with validation (#11)', async () => {
      const c = await connectCustomer(server);
      await ownerRtm.call<Started>('start_chat', startFor(c.id, 'agent-start-2'));
      const changed = await ownerRtm.request('start_chat', startFor(c.id, 'agent-start-2', 'Other news'));
      expect(changed.payload.error?.type).toBe('validation');
      const reordered = await owner.web<{ error: { type: string } }>('start_chat', { chat: { users: [{ id: c.id, type: 'customer' }], thread: { events: [{ type: 'message', text: 'Are you there?', custom_id: 'agent-start-2' }] } } });
      expect(reordered.status).toBe(400);
      expect(reordered.body.error.type).toBe('validation');
      expect((await c.rtm.call<{ total_chats: number }>('list_chats')).total_chats).toBe(1);
      c.rtm.close();
    });

    it('keys a retry on its author: the customer\'s own custom_id does not name the agent\'s chat (#11)', async () => {
      const c = await connectCustomer(server);
      const byAgent = await ownerRtm.call<Started>('start_chat', startFor(c.id, 'shared-key'));
      await ownerRtm.call('deactivate_chat', { id: byAgent.chat_id });
      const byCustomer = await c.rtm.call<Started>('start_chat', { chat: { thread: { events: [{ type: 'message', text: 'Hello', custom_id: 'shared-key' }] } } });
      expect(byCustomer.chat_id).not.toBe(byAgent.chat_id);
      c.rtm.close();
    });
  });

  describe('send_event', () => {
    it('answers a retry with the first event and refuses other content under the same custom_id (#11)', async () => {
      const c = await connectCustomer(server);
      const { chat_id } = await ownerRtm.call<Started>('start_chat', startFor(c.id, 'agent-send-start'));
      const event = { type: 'message', text: 'Your parcel left the warehouse', custom_id: 'agent-send-1' };
      const first = await owner.web<{ event_id: string }>('send_event', { chat_id, event });
      expect(first.status).toBe(200);
      expect(await ownerRtm.call('send_event', { chat_id, event })).toEqual(first.body);
      const changed = await owner.web<{ error: { type: string } }>('send_event', { chat_id, event: { ...event, visibility: 'agents' } });
      expect(changed.status).toBe(400);
      expect(changed.body.error.type).toBe('validation');
      c.rtm.close();
    });
  });
});
