import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { agentFor, connectCustomer, createTestAgent, type RawRtm } from '../../../testing/testClients.js';
import { startTestServer, type TestServer } from '../../../testing/testServer.js';

let server: TestServer;
beforeEach(async () => { server = await startTestServer(); });
afterEach(async () => { await server.close(); });

type Entry = { chat_id: string; thread_id: string; queue: { position: number; wait_time: number } };
const entries = (f: { payload: unknown }) => f.payload as Entry[];
const settle = (rtm: RawRtm) => rtm.call('ping');

/** An agent who watches the queue without taking chats. */
async function observer(id: string, groups?: { id: number; priority: 'normal' }[]): Promise<RawRtm> {
  const { token } = await server.built.platform.agents.create(1, { id, name: id, ...(groups ? { groups } : {}) });
  const rtm = await agentFor(server, id, token).connect();
  await rtm.call('set_routing_status', { status: 'not_accepting_chats' });
  return rtm;
}

describe('Router queue (Agent Chat API)', () => {
  describe('queue_positions_updated', () => {
    it('tells agents the positions of queued chats as an array, while each customer keeps its queue_position_updated', async () => {
      const quinn = await createTestAgent(server, 'quinn@example.com', { maxChats: 1 });
      const quinnRtm = await quinn.connect();
      const olga = await observer('olga@example.com');
      const [c1, c2, c3] = [await connectCustomer(server), await connectCustomer(server), await connectCustomer(server)];
      const first = await c1.rtm.call<{ chat_id: string }>('start_chat', {});
      const second = await c2.rtm.call<{ chat_id: string; thread_id: string }>('start_chat', {});
      expect(entries(await olga.push('queue_positions_updated'))).toEqual([{ chat_id: second.chat_id, thread_id: second.thread_id, queue: { position: 1, wait_time: 0 } }]);
      expect((await c2.rtm.push('queue_position_updated')).payload).toMatchObject({ chat_id: second.chat_id, queue: { position: 1 } });
      const third = await c3.rtm.call<{ chat_id: string }>('start_chat', {});
      await olga.push('queue_positions_updated', (p) => (p as unknown as Entry[])[0]?.chat_id === third.chat_id);

      // Quinn frees up: chat 2 is assigned and chat 3 moves up, in one array for agents.
      await quinnRtm.call('deactivate_chat', { id: first.chat_id });
      const moved = await olga.push('queue_positions_updated', (p) => (p as unknown as Entry[])[0]?.queue.position === 1 && (p as unknown as Entry[])[0]?.chat_id === third.chat_id);
      expect(entries(moved).map((e) => e.chat_id)).toEqual([third.chat_id]);
      await c3.rtm.push('queue_position_updated', (p) => (p.queue as { position: number }).position === 1);
      await settle(olga);
      await settle(quinnRtm);
      expect([...olga.pushes('queue_position_updated'), ...quinnRtm.pushes('queue_position_updated')]).toEqual([]);
    });

    it('reaches only agents with access to the queued chat\'s groups', async () => {
      const p = server.built.platform;
      const { id: vip } = await p.groups.create(1, { name: 'VIP' });
      const inVip = await observer('in-vip@example.com', [{ id: vip, priority: 'normal' }]);
      const outside = await observer('outside@example.com');
      const c = await connectCustomer(server);
      const { chat_id } = await c.rtm.call<{ chat_id: string }>('start_chat', { chat: { access: { group_ids: [vip] } }, continuous: true });
      expect(entries(await inVip.push('queue_positions_updated')).map((e) => e.chat_id)).toEqual([chat_id]);
      await settle(outside);
      expect(outside.pushes('queue_positions_updated')).toEqual([]);
    });
  });
});
