import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startCluster, type Cluster } from '../testing/services/cluster.js';
import type { NodeProcess } from '../testing/services/nodeProcess.js';
import { agentWeb, connectCustomer, ownerAgent, type RawRtm } from '../testing/testClients.js';

const GRACE_MS = 1000;

type IncomingEvent = { chat_id: string; event: { author_id: string; text?: string } };

/** Texts of the messages `authorId` wrote in `chatId`, in the order this connection received them. */
function received(rtm: RawRtm, chatId: string, authorId: string): string[] {
  return rtm.pushes('incoming_event')
    .map((f) => f.payload as unknown as IncomingEvent)
    .filter((p) => p.chat_id === chatId && p.event.author_id === authorId)
    .map((p) => p.event.text ?? '');
}

/** Two `main.ts` processes on one PostgreSQL database and one Redis: the supported deployment. */
describe('Two nodes on PostgreSQL and Redis (#12)', () => {
  let cluster: Cluster;
  let nodeA: NodeProcess;
  let nodeB: NodeProcess;

  beforeAll(async () => {
    cluster = await startCluster({
      count: 2,
      // Test-sized: an agent whose node died is offline GRACE after that node's last heartbeat.
      env: { AGENT_OFFLINE_GRACE_MS: String(GRACE_MS), PRESENCE_TTL_MS: '600', PRESENCE_HEARTBEAT_MS: '150' },
    });
    [nodeA, nodeB] = cluster.nodes as [NodeProcess, NodeProcess];
  }, 60_000);

  afterAll(async () => { await cluster?.close(); });

  describe('start', () => {
    it('bootstraps once when both nodes start at the same moment: the same organization and owner in both credentials.json', () => {
      expect(nodeA.credentials).toEqual(nodeB.credentials);
    });
  });

  describe('send_event', () => {
    it('carries 50 messages each way between a customer on node A and an agent on node B, once each and in order', async () => {
      const agent = await ownerAgent(nodeB).connect();
      const customer = await connectCustomer(nodeA);
      const { chat_id: chatId } = await customer.rtm.call<{ chat_id: string }>('start_chat', {});
      await agent.push('incoming_chat', (p) => (p.chat as { id: string }).id === chatId);

      const texts = (who: string) => Array.from({ length: 50 }, (_, i) => `${who} ${i}`);
      const sendAll = async (rtm: RawRtm, who: string) => {
        for (const text of [...texts(who), `${who} done`]) await rtm.call('send_event', { chat_id: chatId, event: { type: 'message', text } });
      };
      await Promise.all([sendAll(customer.rtm, 'customer'), sendAll(agent, 'agent')]);

      // The closing marker is the last message of each side: once it arrived, everything before it has.
      const ownerId = nodeB.credentials.owner.id;
      await agent.push('incoming_event', (p) => (p as unknown as IncomingEvent).event.text === 'customer done');
      await customer.rtm.push('incoming_event', (p) => (p as unknown as IncomingEvent).event.text === 'agent done');
      expect(received(agent, chatId, customer.id)).toEqual([...texts('customer'), 'customer done']);
      expect(received(customer.rtm, chatId, ownerId)).toEqual([...texts('agent'), 'agent done']);

      agent.close();
      customer.rtm.close();
    });
  });

  describe('push order', () => {
    it('pushes the events of one chat written on both nodes at once in their stored order, to connections on either node', async () => {
      const agentOnB = await ownerAgent(nodeB).connect();
      const agentOnA = await ownerAgent(nodeA).connect();
      const customer = await connectCustomer(nodeA);
      const { chat_id: chatId } = await customer.rtm.call<{ chat_id: string }>('start_chat', {});
      await agentOnB.push('incoming_chat', (p) => (p.chat as { id: string }).id === chatId);

      try {
        // Sends in flight at once from both nodes (waves within the per-connection pending limit): units of one chat commit on two nodes in parallel.
        const wave = (rtm: RawRtm, who: string, w: number) => Array.from({ length: 8 }, (_, i) => rtm.call('send_event', { chat_id: chatId, event: { type: 'message', text: `${who} ${w}.${i}` } }));
        for (let w = 0; w < 3; w++) await Promise.all([...wave(customer.rtm, 'customer', w), ...wave(agentOnB, 'agent', w)]);

        const { body } = await agentWeb<{ thread: { events: { id: string; type: string }[] } }>(nodeA, 'get_chat', { chat_id: chatId });
        const stored = body.thread.events.filter((e) => e.type === 'message').map((e) => e.id);
        expect(stored).toHaveLength(48);
        const pushedTo = (rtm: RawRtm) => rtm.pushes('incoming_event')
          .map((f) => f.payload as unknown as { chat_id: string; event: { id: string; type: string } })
          .filter((p) => p.chat_id === chatId && p.event.type === 'message')
          .map((p) => p.event.id);
        const last = stored.at(-1)!;
        for (const rtm of [customer.rtm, agentOnA, agentOnB]) {
          await vi.waitFor(() => expect(pushedTo(rtm)).toContain(last), { timeout: 10_000, interval: 20 });
          expect(pushedTo(rtm)).toEqual(stored);
        }
      } finally {
        agentOnA.close();
        agentOnB.close();
        customer.rtm.close();
      }
    });
  });

  describe('node loss', () => {
    // Runs last: it kills node B.
    it('treats an agent whose node was killed as disconnected once the grace period has passed, as seen from the other node', async () => {
      const ownerId = nodeB.credentials.owner.id;
      const statusOnA = async () => (await agentWeb<{ agent_id: string; status: string }[]>(nodeA, 'list_routing_statuses')).body.find((s) => s.agent_id === ownerId)?.status;
      const agent = await ownerAgent(nodeB).connect();
      expect(await statusOnA()).toBe('accepting_chats');

      await nodeB.kill();
      // Not at once: the grace period runs from node B's last heartbeat.
      expect(await statusOnA()).toBe('accepting_chats');
      await vi.waitFor(async () => expect(await statusOnA()).toBe('offline'), { timeout: 10_000, interval: 50 });
      agent.close();
    });
  });
});
