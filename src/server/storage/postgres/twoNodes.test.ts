import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { config } from '../../../testing/configClient.js';
import { agentWeb, connectCustomer, createTestAgent, customerToken, type TestCustomer } from '../../../testing/testClients.js';
import type { TestServer } from '../../../testing/testServer.js';
import { startTwoNodes, type TwoNodes } from '../../../testing/twoNodeServers.js';
import { WebhookReceiver } from '../../../testing/webhookReceiver.js';

/**
 * Two nodes (two servers, two connection pools) on one PostgreSQL database, both started at the
 * same moment on an empty database. Each node pushes only to its own sockets until the Redis
 * fan-out lands, so these tests read results through the APIs and the store, not through pushes
 * across nodes.
 */
let nodes: TwoNodes;
let a: TestServer;
let b: TestServer;

beforeAll(async () => {
  nodes = await startTwoNodes({ common: { webhookDelivery: { timeoutMs: 500, backoffMs: 40, maxBackoffMs: 150 } } });
  ({ a, b } = nodes);
  await a.ownerAcceptsChats();
});
afterAll(async () => { await nodes?.close(); });

const setChatLimit = (n: number) => a.built.platform.licenses.update(1, 'agent', { routing: { max_customer_chats_count: n } });

async function customerWeb<T = Record<string, unknown>>(server: TestServer, token: string, action: string, payload: unknown = {}) {
  const res = await fetch(`${server.url}/v3.5/customer/action/${action}?organization_id=${server.credentials.organization_id}`, {
    method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify(payload),
  });
  return { status: res.status, body: (await res.json()) as T & { error?: { type: string } } };
}

const threadEvents = async (server: TestServer, chatId: string) => {
  const chat = (await server.built.platform.uow.read((tx) => tx.getChat(1, chatId)))!;
  return server.built.platform.uow.read((tx) => tx.listThreadEvents(chat.lastThreadId));
};

describe('PostgresStore on two nodes', () => {
  describe('bootstrap', () => {
    it('creates one organization; both credentials.json agree and a customer token of one node is accepted by the other', async () => {
      expect(b.credentials).toEqual(a.credentials);
      expect(await a.built.platform.uow.read((tx) => tx.listAgents(1))).toHaveLength(1);
      const token = await customerToken(a);
      const res = await customerWeb(b, token.access_token, 'list_chats');
      expect(res.status).toBe(200);
      expect((await agentWeb(b, 'list_chats')).status).toBe(200);
    });
  });

  describe('start_chat', () => {
    it('never exceeds routing.max_customer_chats_count when one customer starts chats on both nodes at once', async () => {
      await a.ownerAcceptsChats();
      await setChatLimit(2);
      const { access_token: token, entity_id: customerId } = await customerToken(a);
      const results = await Promise.all([a, b, a, b, a, b].map((node) => customerWeb<{ chat_id?: string }>(node, token, 'start_chat', {})));
      expect(results.filter((r) => r.status === 200)).toHaveLength(2);
      expect(results.filter((r) => r.body.error?.type === 'chat_limit_reached')).toHaveLength(4);
      expect(await a.built.platform.uow.read((tx) => tx.countActiveChats(customerId))).toBe(2);
    });
  });

  describe('send_event', () => {
    let customer: TestCustomer;
    let chatId: string;
    beforeAll(async () => {
      await setChatLimit(5);
      customer = await connectCustomer(a);
      ({ chat_id: chatId } = await customer.rtm.call<{ chat_id: string }>('start_chat', {}));
    });
    afterAll(() => customer.rtm.close());

    it('gives the events of one chat written on both nodes at once one total order', async () => {
      const texts = Array.from({ length: 30 }, (_, i) => `m${i}`);
      const sent = await Promise.all(texts.map((text, i) => customerWeb<{ event_id: string }>(i % 2 ? b : a, customer.token, 'send_event', { chat_id: chatId, event: { type: 'message', text } })));
      expect(sent.filter((r) => r.status !== 200)).toEqual([]);
      const events = (await threadEvents(b, chatId)).filter((e) => e.type === 'message');
      expect(events.map((e) => e.body.text).sort()).toEqual([...texts].sort());
      const seqs = (await threadEvents(a, chatId)).map((e) => e.seq);
      expect(seqs).toEqual(seqs.map((_, i) => seqs[0]! + i));
      // Both nodes serve the same history in the same order.
      const historyA = await customerWeb<{ threads: { events: { id: string }[] }[] }>(a, customer.token, 'list_threads', { chat_id: chatId });
      const historyB = await customerWeb<{ threads: { events: { id: string }[] }[] }>(b, customer.token, 'list_threads', { chat_id: chatId });
      expect(historyB.body.threads).toEqual(historyA.body.threads);
    });

    it('keeps custom_id idempotent across nodes', async () => {
      const event = { type: 'message', text: 'once', custom_id: 'retry-1' };
      const sent = await Promise.all([a, b, a, b].map((node) => customerWeb<{ event_id: string }>(node, customer.token, 'send_event', { chat_id: chatId, event })));
      expect(sent.filter((r) => r.status !== 200)).toEqual([]);
      expect(new Set(sent.map((r) => r.body.event_id)).size).toBe(1);
      expect((await threadEvents(a, chatId)).filter((e) => e.customId === 'retry-1')).toHaveLength(1);
    });
  });

  describe('routing', () => {
    it('never assigns one queued chat twice nor over an agent limit when chats start on both nodes at once', async () => {
      const { platform } = a.built;
      await platform.agents.setRoutingStatus(1, a.credentials.owner.id, 'not_accepting_chats', platform.router);
      const rex = await createTestAgent(a, 'rex@example.com', { maxChats: 2 });
      await platform.agents.setRoutingStatus(1, rex.id, 'accepting_chats', platform.router);
      const tokens = await Promise.all(Array.from({ length: 8 }, () => customerToken(a)));
      const started = await Promise.all(tokens.map((t, i) => customerWeb<{ chat_id: string }>(i % 2 ? b : a, t.access_token, 'start_chat', {})));
      expect(started.every((r) => r.status === 200)).toBe(true);
      const chats = await Promise.all(started.map((s) => platform.uow.read((tx) => tx.getChatUsers(s.body.chat_id))));
      const agentsPerChat = chats.map((users) => users.filter((u) => u.userType === 'agent' && u.present).length);
      expect(agentsPerChat.every((n) => n <= 1)).toBe(true);
      expect((await platform.uow.read((tx) => tx.countAgentActiveChats(1))).get(rex.id)).toBe(2);
      expect(agentsPerChat.filter((n) => n === 1)).toHaveLength(2);
      // Freeing Rex on node B assigns exactly one queued chat.
      const first = started.find((_, i) => agentsPerChat[i] === 1)!.body.chat_id;
      expect((await agentWeb(b, 'deactivate_chat', { id: first }, { auth: rex.basic })).body).toEqual({});
      expect((await platform.uow.read((tx) => tx.countAgentActiveChats(1))).get(rex.id)).toBe(2);
    });
  });

  describe('upload_file', () => {
    it('serves through node B a file uploaded through node A', async () => {
      const { access_token: token } = await customerToken(a);
      const data = Buffer.from('hello from node A\n');
      const form = new FormData();
      form.append('file', new Blob([data], { type: 'text/plain' }), 'note.txt');
      const res = await fetch(`${a.url}/v3.5/customer/action/upload_file?organization_id=${a.credentials.organization_id}`, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: form });
      expect(res.status).toBe(200);
      const { url } = (await res.json()) as { url: string };
      const served = await fetch(`${b.url}${new URL(url).pathname}`);
      expect(served.status).toBe(200);
      expect(Buffer.from(await served.arrayBuffer()).equals(data)).toBe(true);
    });
  });

  describe('webhooks', () => {
    it('delivers every webhook once and in order per chat with both nodes dispatching', async () => {
      const receiver = await WebhookReceiver.start();
      try {
        await config(a, 'register_webhook', { action: 'incoming_event', url: receiver.url, secret_key: 'k', owner_client_id: 'test-app', type: 'license' });
        await a.ownerAcceptsChats();
        const customers = await Promise.all([a, b].map(async (node) => ({ node, token: (await customerToken(node)).access_token })));
        const chatIds = await Promise.all(customers.map(async (c) => (await customerWeb<{ chat_id: string }>(c.node, c.token, 'start_chat', {})).body.chat_id));
        // Each customer writes through both nodes, one message after another (their order is the chat's order).
        await Promise.all(customers.map(async (c, k) => {
          for (let i = 0; i < 12; i++) await customerWeb(i % 2 ? a : b, c.token, 'send_event', { chat_id: chatIds[k], event: { type: 'message', text: `c${k}-${i}` } });
        }));
        const got = (chatId: string) => receiver.of('incoming_event').filter((w) => w.payload.chat_id === chatId).map((w) => w.payload.event?.text);
        await receiver.until(() => chatIds.every((id) => got(id!).length >= 12));
        await Promise.all([a.built.webhooks.idle(), b.built.webhooks.idle()]);
        chatIds.forEach((id, k) => expect(got(id!)).toEqual(Array.from({ length: 12 }, (_, i) => `c${k}-${i}`)));
      } finally {
        await receiver.close();
      }
    });

    it('sends through node B what node A enqueued after its dispatcher stopped', async () => {
      const receiver = await WebhookReceiver.start();
      try {
        const { id } = await config<{ id: string }>(a, 'register_webhook', { action: 'incoming_event', url: receiver.url, secret_key: 'k', owner_client_id: 'late-app', type: 'license' });
        await a.ownerAcceptsChats();
        await a.built.webhooks.close();
        const { access_token: token } = await customerToken(a);
        const { chat_id: chatId } = (await customerWeb<{ chat_id: string }>(a, token, 'start_chat', {})).body;
        for (const text of ['x1', 'x2', 'x3']) await customerWeb(a, token, 'send_event', { chat_id: chatId, event: { type: 'message', text } });
        const got = () => receiver.of('incoming_event').filter((w) => w.payload.chat_id === chatId).map((w) => w.payload.event?.text);
        await receiver.until(() => got().length >= 3);
        expect(got()).toEqual(['x1', 'x2', 'x3']);
        await config(b, 'unregister_webhook', { id, owner_client_id: 'late-app' });
      } finally {
        await receiver.close();
      }
    });
  });
});
