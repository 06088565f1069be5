import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectCustomer, ownerAgent, type RawRtm, type TestCustomer } from '../testing/testClients.js';
import type { TestServer } from '../testing/testServer.js';
import { startTwoNodes, type TwoNodes } from '../testing/twoNodeServers.js';
import type { DomainEvent } from './domain/domainEvents.js';

type IncomingEvent = { chat_id: string; event: { text?: string } };
const textOf = (e: DomainEvent): string | undefined =>
  e.kind === 'chat_push' && e.name === 'incoming_event' ? (e.agentPayload as IncomingEvent).event.text : undefined;
const texts = (rtm: RawRtm, chatId: string) => rtm.pushes('incoming_event')
  .map((f) => f.payload as unknown as IncomingEvent).filter((p) => p.chat_id === chatId).map((p) => p.event.text);

/**
 * Two nodes on one PostgreSQL database and one Redis. Node A commits units but never publishes the
 * ones its test hook drops, as a node killed between commit and publish leaves them.
 */
describe('ChatPushOrder recovery on two nodes (#12)', () => {
  let nodes: TwoNodes;
  let a: TestServer;
  let b: TestServer;
  const lostTexts = new Set<string>();

  beforeAll(async () => {
    const dropLost = { dropPublish: (e: DomainEvent) => lostTexts.has(textOf(e) ?? '') };
    nodes = await startTwoNodes({ redis: { jobPollMs: 20 }, a: { fanOutTestHook: dropLost } });
    ({ a, b } = nodes);
    await a.ownerAcceptsChats();
  });
  afterAll(async () => { await nodes?.close(); });

  describe('send_event', () => {
    let customer: TestCustomer;
    let agent: RawRtm;
    let chatId: string;
    beforeAll(async () => {
      agent = await ownerAgent(b).connect();
      customer = await connectCustomer(a);
      ({ chat_id: chatId } = await customer.rtm.call<{ chat_id: string }>('start_chat', {}));
      await agent.push('incoming_chat', (p) => (p.chat as { id: string }).id === chatId);
    });
    afterAll(() => { customer.rtm.close(); agent.close(); });

    it('pushes a unit whose node committed it but never published it to the other node\'s agent live, in order, without a resync', async () => {
      const send = (rtm: RawRtm, text: string) => rtm.call('send_event', { chat_id: chatId, event: { type: 'message', text } });
      await send(customer.rtm, 'before');
      lostTexts.add('lost on node A');
      await send(customer.rtm, 'lost on node A');
      // The next unit of the chat, published by node B, shows node B the gap; the store fills it.
      await send(agent, 'after');
      await agent.push('incoming_event', (p) => (p as unknown as IncomingEvent).event.text === 'after');
      expect(texts(agent, chatId)).toEqual(['before', 'lost on node A', 'after']);
      // Node A's own customer socket gets it too: node A receives node B's push and recovers the same way.
      await customer.rtm.push('incoming_event', (p) => (p as unknown as IncomingEvent).event.text === 'after');
      expect(texts(customer.rtm, chatId)).toEqual(['before', 'lost on node A', 'after']);
    });
  });
});
