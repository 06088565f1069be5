import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { config } from '../../testing/configClient.js';
import { connectCustomer, type TestCustomer } from '../../testing/testClients.js';
import { startAcceptingServer } from '../../testing/acceptingServer.js';
import { startTestServer, type TestServer } from '../../testing/testServer.js';
import { WebhookReceiver } from '../../testing/webhookReceiver.js';

/** Short, test-sized delivery settings (the defaults are 10 s / 4 attempts). */
const FAST = { timeoutMs: 300, backoffMs: 40, maxBackoffMs: 150, maxAttempts: 4, maxAgeMs: 60_000, concurrency: 4 };

let server: TestServer;
const receivers: WebhookReceiver[] = [];
const hooks: { id: string; owner: string }[] = [];

beforeAll(async () => {
  server = await startAcceptingServer({ config: { webhookDelivery: FAST } });
});
afterAll(() => server.close());
afterEach(async () => {
  for (const h of hooks.splice(0)) await config(server, 'unregister_webhook', { id: h.id, owner_client_id: h.owner });
  for (const r of receivers.splice(0)) await r.close();
});

async function receiver(): Promise<WebhookReceiver> {
  const r = await WebhookReceiver.start();
  receivers.push(r);
  return r;
}

async function register(url: string, action: string, extra: Record<string, unknown> = {}): Promise<string> {
  const payload = { action, url, secret_key: 'k3y', owner_client_id: 'test-app', type: 'license', ...extra };
  const { id } = await config<{ id: string }>(server, 'register_webhook', payload);
  hooks.push({ id, owner: payload.owner_client_id });
  return id;
}

/** Waits until the outbox holds no pending delivery. */
async function drained(s: TestServer = server): Promise<void> {
  for (let i = 0; i < 400; i++) {
    if ((await s.built.platform.uow.read((tx) => tx.countPendingWebhookDeliveries())) === 0) return s.built.webhooks.idle();
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error('outbox not drained');
}

async function chatWithCustomer(): Promise<{ customer: TestCustomer; chatId: string }> {
  const customer = await connectCustomer(server);
  const { chat_id } = await customer.rtm.call<{ chat_id: string }>('start_chat', {});
  return { customer, chatId: chat_id };
}

const say = (c: TestCustomer, chatId: string, text: string) => c.rtm.call('send_event', { chat_id: chatId, event: { type: 'message', text } });
const texts = (r: WebhookReceiver, chatId: string) => r.of('incoming_event').filter((b) => b.payload.chat_id === chatId).map((b) => b.payload.event?.text);

describe('WebhookDispatcher', () => {
  describe('envelope', () => {
    it('posts {webhook_id, secret_key, action, organization_id, payload, additional_data} for a customer message', async () => {
      const r = await receiver();
      const id = await register(r.url, 'incoming_event', { additional_data: ['chat_properties', 'chat_presence_user_ids'] });
      const { customer, chatId } = await chatWithCustomer();
      await say(customer, chatId, 'hello hooks');
      await r.until(() => texts(r, chatId).includes('hello hooks'));
      const body = r.of('incoming_event').find((b) => b.payload.event?.text === 'hello hooks')!;
      expect(body).toMatchObject({
        webhook_id: id, secret_key: 'k3y', action: 'incoming_event', organization_id: server.credentials.organization_id,
        payload: { chat_id: chatId, thread_id: expect.any(String), event: { type: 'message', text: 'hello hooks', author_id: customer.id, visibility: 'all' } },
        additional_data: { chat_properties: expect.any(Object), chat_presence_user_ids: expect.arrayContaining([customer.id, server.credentials.owner.id]) },
      });
      customer.rtm.close();
    });

    it('sends incoming_chat with the agent view of the chat', async () => {
      const r = await receiver();
      await register(r.url, 'incoming_chat');
      const { customer, chatId } = await chatWithCustomer();
      await r.until(() => r.of('incoming_chat').some((b) => (b.payload.chat as { id: string }).id === chatId));
      const chat = r.of('incoming_chat').find((b) => (b.payload.chat as { id: string }).id === chatId)!.payload.chat as { users: { id: string; email?: string }[] };
      expect(chat.users.find((u) => u.id === server.credentials.owner.id)).toMatchObject({ email: server.credentials.owner.id });
      customer.rtm.close();
    });
  });

  describe('filters', () => {
    it('author_type, chat_presence and disabled license webhooks decide what is enqueued', async () => {
      const r = await receiver();
      const all = await register(r.url, 'incoming_event');
      const agentsOnly = await register(r.url, 'incoming_event', { filters: { author_type: 'agent' } });
      const withNobody = await register(r.url, 'incoming_event', { filters: { chat_presence: { user_ids: { values: ['nobody@example.com'] } } } });
      const withoutOwner = await register(r.url, 'incoming_event', { owner_client_id: 'test-app-2', filters: { chat_presence: { user_ids: { exclude_values: [server.credentials.owner.id] } } } });
      const { customer, chatId } = await chatWithCustomer();
      await say(customer, chatId, 'filtered');
      await drained();
      const got = r.accepted.filter((b) => b.payload.event?.text === 'filtered').map((b) => b.webhook_id);
      expect(got).toContain(all);
      expect(got).not.toContain(agentsOnly);
      expect(got).not.toContain(withNobody);
      expect(got).not.toContain(withoutOwner);

      await config(server, 'disable_license_webhooks', { owner_client_id: 'test-app' });
      await say(customer, chatId, 'while disabled');
      await config(server, 'enable_license_webhooks', { owner_client_id: 'test-app' });
      await say(customer, chatId, 'enabled again');
      await r.until(() => texts(r, chatId).includes('enabled again'));
      await drained();
      expect(texts(r, chatId)).not.toContain('while disabled');
      customer.rtm.close();
    });

    it('bot webhooks are delivered only while a bot of the owner client is not offline', async () => {
      const r = await receiver();
      const { id: botId } = await config<{ id: string }>(server, 'create_bot', { name: 'Hooked', owner_client_id: 'test-app', groups: [{ id: 0, priority: 'supervisor' }] });
      await register(r.url, 'incoming_event', { type: 'bot' });
      const { customer, chatId } = await chatWithCustomer();
      await say(customer, chatId, 'bot offline');
      await server.built.platform.agents.setRoutingStatus(1, botId, 'not_accepting_chats', server.built.platform.router);
      await say(customer, chatId, 'bot online');
      await r.until(() => texts(r, chatId).includes('bot online'));
      await drained();
      expect(texts(r, chatId)).toEqual(['bot online']);
      customer.rtm.close();
      await config(server, 'delete_bot', { id: botId });
    });

    it('routing_status_set honours agent_ids; bot_created honours source_type my_client', async () => {
      const r = await receiver();
      await register(r.url, 'routing_status_set', { filters: { agent_ids: [server.credentials.owner.id] } });
      await register(r.url, 'bot_created', { filters: { source_type: ['my_client'] } });
      const { id: mine } = await config<{ id: string }>(server, 'create_bot', { name: 'Mine', owner_client_id: 'test-app' });
      const { id: theirs } = await config<{ id: string }>(server, 'create_bot', { name: 'Theirs', owner_client_id: 'other-app' });
      await server.built.platform.agents.setRoutingStatus(1, mine, 'accepting_chats', server.built.platform.router);
      await server.ownerAcceptsChats();
      await r.until(() => r.of('routing_status_set').length > 0 && r.of('bot_created').length > 0);
      await drained();
      expect(r.of('routing_status_set').map((b) => b.payload.agent_id)).toEqual([server.credentials.owner.id]);
      expect(r.of('bot_created').map((b) => b.payload.id)).toEqual([mine]);
      for (const id of [mine, theirs]) await config(server, 'delete_bot', { id });
    });
  });

  describe('retries', () => {
    it('retries a receiver that answers 500 until it answers 200', async () => {
      const r = await receiver();
      r.respond = (_b, attempt) => ({ status: attempt < 3 ? 500 : 200 });
      await register(r.url, 'incoming_event');
      const { customer, chatId } = await chatWithCustomer();
      await say(customer, chatId, 'flaky');
      await r.until(() => texts(r, chatId).includes('flaky'));
      expect(r.received.filter((b) => b.payload.event?.text === 'flaky')).toHaveLength(3);
      customer.rtm.close();
    });

    it('delivers to a receiver that was down when the change happened, once it is up', async () => {
      const probe = await WebhookReceiver.start();
      const port = probe.port;
      await probe.close();
      await register(`http://127.0.0.1:${port}/hook`, 'incoming_event');
      const { customer, chatId } = await chatWithCustomer();
      await say(customer, chatId, 'while down');
      await new Promise((res) => setTimeout(res, 60));
      const r = await WebhookReceiver.start(port);
      receivers.push(r);
      await r.until(() => texts(r, chatId).includes('while down'));
      customer.rtm.close();
    });

    it('times out a slow receiver and delivers again; chat traffic goes on meanwhile', async () => {
      const r = await receiver();
      r.respond = (b, attempt) => (attempt === 1 && b.payload.event?.text === 'slow 1' ? 'hang' : { status: 200 });
      await register(r.url, 'incoming_event');
      const { customer, chatId } = await chatWithCustomer();
      await say(customer, chatId, 'slow 1');
      await r.until(() => r.received.some((b) => b.payload.event?.text === 'slow 1'));
      // The receiver holds the first request; the customer keeps chatting without waiting for it.
      for (let i = 2; i <= 4; i++) await say(customer, chatId, `slow ${i}`);
      // Delivery is at least once: on a loaded machine an answer can come after the 300 ms timeout,
      // and the retry is accepted again, right after the first (the chat's order holds).
      const delivered = () => texts(r, chatId).filter((t, i, all) => i === 0 || t !== all[i - 1]);
      await r.until(() => delivered().length === 4);
      expect(delivered()).toEqual(['slow 1', 'slow 2', 'slow 3', 'slow 4']);
      customer.rtm.close();
    });

    it('keeps the order per chat while an earlier webhook is retried', async () => {
      const r = await receiver();
      r.respond = (b, attempt) => ({ status: b.payload.event?.text === 'order 1' && attempt < 3 ? 500 : 200 });
      await register(r.url, 'incoming_event');
      const { customer, chatId } = await chatWithCustomer();
      for (let i = 1; i <= 5; i++) await say(customer, chatId, `order ${i}`);
      await r.until(() => texts(r, chatId).length === 5);
      expect(texts(r, chatId)).toEqual(['order 1', 'order 2', 'order 3', 'order 4', 'order 5']);
      const firstSeen = r.received.filter((b) => b.payload.chat_id === chatId).map((b) => b.payload.event?.text);
      expect(firstSeen.slice(0, 3)).toEqual(['order 1', 'order 1', 'order 1']);
      customer.rtm.close();
    });

    it('gives up after maxAttempts and goes on with the next webhook of the chat', async () => {
      const r = await receiver();
      r.respond = (b) => ({ status: b.payload.event?.text === 'doomed' ? 500 : 200 });
      await register(r.url, 'incoming_event');
      const { customer, chatId } = await chatWithCustomer();
      await say(customer, chatId, 'doomed');
      await say(customer, chatId, 'after');
      await r.until(() => texts(r, chatId).includes('after'));
      expect(r.received.filter((b) => b.payload.event?.text === 'doomed')).toHaveLength(FAST.maxAttempts);
      expect(texts(r, chatId)).toEqual(['after']);
      customer.rtm.close();
    });
  });
});

describe('WebhookRegistry.unregister()', () => {
  it('drops the pending deliveries of the unregistered webhook', async () => {
    const r = await receiver();
    r.respond = () => ({ status: 500 });
    const { id } = await config<{ id: string }>(server, 'register_webhook', { action: 'incoming_event', url: r.url, secret_key: 'k', owner_client_id: 'gone-app', type: 'license' });
    const { customer, chatId } = await chatWithCustomer();
    await say(customer, chatId, 'to be dropped');
    await r.until(() => r.received.some((b) => b.payload.event?.text === 'to be dropped'));
    // Still pending (the retries take several backoff periods) until it is unregistered.
    await config(server, 'unregister_webhook', { id, owner_client_id: 'gone-app' });
    expect(await server.built.platform.uow.read((tx) => tx.countPendingWebhookDeliveries())).toBe(0);
    expect(r.accepted).toEqual([]);
    customer.rtm.close();
  });
});

describe('WebhookDispatcher across a restart', () => {
  it('resumes the outbox after a restart mid-retry: nothing lost, nothing out of order', async () => {
    let s = await startTestServer({ webhookDelivery: { ...FAST, maxAttempts: 10_000, maxBackoffMs: 100 } });
    const r = await WebhookReceiver.start();
    try {
      await s.ownerAcceptsChats();
      let up = false;
      r.respond = () => ({ status: up ? 200 : 503 });
      await config(s, 'register_webhook', { action: 'incoming_event', url: r.url, secret_key: 'k', owner_client_id: 'restart-app', type: 'license' });
      const customer = await connectCustomer(s);
      const { chat_id } = await customer.rtm.call<{ chat_id: string }>('start_chat', {});
      for (let i = 1; i <= 4; i++) await customer.rtm.call('send_event', { chat_id, event: { type: 'message', text: `m${i}` } });
      await r.until(() => r.received.filter((b) => b.payload.event?.text === 'm1').length >= 2);
      customer.rtm.close();
      s = await s.restart();
      up = true;
      await r.until(() => r.accepted.filter((b) => b.payload.chat_id === chat_id).length >= 4);
      await drained(s);
      expect(r.accepted.filter((b) => b.payload.chat_id === chat_id).map((b) => b.payload.event?.text)).toEqual(['m1', 'm2', 'm3', 'm4']);
      expect(r.received.filter((b) => b.payload.chat_id === chat_id && b.payload.event?.text !== 'm1')).toHaveLength(3);
    } finally {
      await r.close();
      await s.close();
    }
  });
});
