import WebSocket from 'ws';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CustomerPushes } from '../protocol/customer.js';
import type { ChatEvent } from '../protocol/entities.js';
import { agentWeb } from '../testing/testClients.js';
import { startTestServer, type TestServer } from '../testing/testServer.js';
import { CookieIdentityProvider } from './identity.js';
import { Outbox } from './Outbox.js';
import { fetchMissedThreads } from './resync.js';
import { RtmClient } from './RtmClient.js';
import type { SocketFactory, SocketLike } from './socket.js';
import { memoryStorage, type KeyValueStorage } from './storage.js';

/** Node adapter of the socket port: the `ws` package already has the browser's shape. */
const wsFactory: SocketFactory = (url) => new WebSocket(url) as unknown as SocketLike;

function until(check: () => boolean, timeoutMs = 5000, label = 'condition'): Promise<void> {
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const tick = () => {
      if (check()) return resolve();
      if (Date.now() - started > timeoutMs) return reject(new Error(`timed out waiting for ${label}`));
      setTimeout(tick, 10);
    };
    tick();
  });
}

interface Harness {
  client: RtmClient;
  identity: CookieIdentityProvider;
  storage: KeyValueStorage;
  pushes: { action: string; payload: unknown; requestId: string | undefined }[];
  logins: number;
}

function customerClient(server: TestServer, options: { storage?: KeyValueStorage; socketFactory?: SocketFactory; minDelayMs?: number } = {}): Harness {
  const storage = options.storage ?? memoryStorage();
  const identity = new CookieIdentityProvider({ apiUrl: server.url, organizationId: server.credentials.organization_id, clientId: 'switchboard-widget', storage });
  const client = new RtmClient({
    url: `${server.wsUrl}/v3.5/customer/rtm/ws?organization_id=${server.credentials.organization_id}`,
    socketFactory: options.socketFactory ?? wsFactory,
    identity,
    reconnect: { minDelayMs: options.minDelayMs ?? 50, maxDelayMs: 2000 },
  });
  const harness: Harness = { client, identity, storage, pushes: [], logins: 0 };
  for (const action of ['incoming_chat', 'incoming_event', 'chat_deactivated', 'user_added_to_chat'] as const) {
    client.onPush(action, (payload, meta) => harness.pushes.push({ action, payload, requestId: meta.requestId }));
  }
  client.onLogin(() => void (harness.logins += 1));
  return harness;
}

async function connected(harness: Harness): Promise<void> {
  harness.client.connect();
  await until(() => harness.client.state === 'connected', 5000, 'login');
}

function eventsIn(harness: Harness, chatId: string): ChatEvent[] {
  return harness.pushes
    .filter((push): push is { action: 'incoming_event'; payload: CustomerPushes['incoming_event']; requestId: string | undefined } => push.action === 'incoming_event')
    .filter((push) => push.payload.chat_id === chatId)
    .map((push) => push.payload.event);
}

async function agentSays(server: TestServer, chatId: string, text: string): Promise<string> {
  const { status, body } = await agentWeb<{ event_id: string }>(server, 'send_event', { chat_id: chatId, event: { type: 'message', text, visibility: 'all' } });
  expect(status).toBe(200);
  return body.event_id;
}

async function allEvents(client: RtmClient, chatId: string): Promise<ChatEvent[]> {
  const { threads } = await client.request('list_threads', { chat_id: chatId, sort_order: 'asc', limit: 100 });
  return threads.flatMap((thread) => thread.events);
}

describe('RtmClient against the real server (integration)', () => {
  let server: TestServer;
  const harnesses: Harness[] = [];

  beforeEach(async () => {
    server = await startTestServer();
    await server.ownerAcceptsChats();
    const { status } = await agentWeb(server, 'update_license_properties', { properties: { routing: { max_customer_chats_count: 5 } } }, { api: 'configuration' });
    expect(status).toBe(200);
  });

  afterEach(async () => {
    for (const harness of harnesses.splice(0)) harness.client.dispose();
    await server.close();
  });

  it('holds three concurrent chats and delivers each push in the right chat', async () => {
    const harness = customerClient(server);
    harnesses.push(harness);
    await connected(harness);
    const topics = ['Billing', 'Shipping', 'Bug report'];
    const chatIds: string[] = [];
    for (const topic of topics) {
      const { chat_id } = await harness.client.request('start_chat', { chat: { properties: { switchboard: { topic } } } });
      chatIds.push(chat_id);
    }
    expect(new Set(chatIds).size).toBe(3);
    const { chats_summary } = await harness.client.request('list_chats', {});
    expect(chats_summary.map((chat) => chat.properties.switchboard?.topic).sort()).toEqual([...topics].sort());
    expect(chats_summary.every((chat) => chat.active)).toBe(true);

    const [billing, shipping, bug] = chatIds as [string, string, string];
    await agentSays(server, shipping, 'Your parcel left the depot');
    await agentSays(server, bug, 'Thanks, we can reproduce it');
    await until(() => eventsIn(harness, shipping).length === 1 && eventsIn(harness, bug).length === 1, 5000, 'agent messages');
    expect(eventsIn(harness, shipping).map((e) => e.type === 'message' && e.text)).toEqual(['Your parcel left the depot']);
    expect(eventsIn(harness, bug).map((e) => e.type === 'message' && e.text)).toEqual(['Thanks, we can reproduce it']);
    expect(eventsIn(harness, billing)).toEqual([]);

    // send_event resolves on its response; the push with the same request_id carries the same event id
    const { event_id } = await harness.client.request('send_event', { chat_id: billing, event: { type: 'message', text: 'Invoice 42 is wrong', custom_id: 'c-1' } });
    await until(() => eventsIn(harness, billing).some((e) => e.id === event_id), 5000, 'own event push');
    const own = harness.pushes.filter((push) => push.action === 'incoming_event' && (push.payload as CustomerPushes['incoming_event']).event.id === event_id);
    expect(own).toHaveLength(1);
    expect(own[0]?.requestId).toBeDefined();
  });

  it('reconnects after the server restarts mid-conversation and resyncs with no gap and no duplicate', async () => {
    const harness = customerClient(server, { minDelayMs: 1500 });
    harnesses.push(harness);
    await connected(harness);
    const { chat_id } = await harness.client.request('start_chat', { chat: { properties: { switchboard: { topic: 'Restart' } } } });
    await agentSays(server, chat_id, 'before 1');
    await agentSays(server, chat_id, 'before 2');
    await until(() => eventsIn(harness, chat_id).length === 2, 5000, 'events before restart');
    const known = new Map<string, ChatEvent>(eventsIn(harness, chat_id).map((event) => [event.id, event]));
    const knownThreads = new Set((await harness.client.request('list_threads', { chat_id })).threads.map((thread) => thread.id));

    const loginsBefore = harness.logins;
    server = await server.restart({ samePort: true });
    // the client is still waiting out its backoff: these events are missed live
    await agentSays(server, chat_id, 'while away 1');
    await agentSays(server, chat_id, 'while away 2');
    await until(() => harness.logins > loginsBefore, 10_000, 'login after restart');
    expect(harness.client.state).toBe('connected');
    expect(eventsIn(harness, chat_id).map((e) => e.type === 'message' && e.text)).toEqual(['before 1', 'before 2']); // really missed

    const { threads } = await fetchMissedThreads(harness.client, chat_id, knownThreads);
    for (const thread of threads) for (const event of thread.events) known.set(event.id, event);
    const texts = [...known.values()].sort((a, b) => (a.created_at < b.created_at ? -1 : 1)).filter((e) => e.type === 'message').map((e) => e.type === 'message' && e.text);
    expect(texts).toEqual(['before 1', 'before 2', 'while away 1', 'while away 2']);
    const server_events = await allEvents(harness.client, chat_id);
    expect([...known.keys()].sort()).toEqual(server_events.map((e) => e.id).sort());

    // live pushes work again on the new connection
    await agentSays(server, chat_id, 'after');
    await until(() => eventsIn(harness, chat_id).some((e) => e.type === 'message' && e.text === 'after'), 5000, 'live push after reconnect');
  });

  it('sends messages written offline once, in order, when the connection returns', async () => {
    const storage = memoryStorage();
    const harness = customerClient(server, { storage, minDelayMs: 1500 });
    harnesses.push(harness);
    await connected(harness);
    const { chat_id } = await harness.client.request('start_chat', {});
    const outbox = new Outbox({ client: harness.client, storage, key: 'outbox' });
    harness.client.onLogin(() => void outbox.flush());

    server = await server.restart({ samePort: true });
    expect(harness.client.state).not.toBe('connected');
    for (const text of ['one', 'two', 'three']) outbox.enqueue(chat_id, { type: 'message', text });
    expect(outbox.items.map((item) => item.status)).toEqual(['queued', 'queued', 'queued']);
    // a reload while offline: a new outbox over the same storage still holds them
    expect(new Outbox({ client: harness.client, storage, key: 'outbox' }).items).toHaveLength(3);

    await until(() => outbox.items.length === 0, 10_000, 'outbox drained');
    const messages = (await allEvents(harness.client, chat_id)).filter((e) => e.type === 'message');
    expect(messages.map((e) => e.type === 'message' && e.text)).toEqual(['one', 'two', 'three']);
    expect(new Set(messages.map((e) => e.custom_id)).size).toBe(3);
  });

  it('does not duplicate a message whose first try reached the server but whose answer was lost', async () => {
    let dropNextSendEventAnswer = true;
    // a socket that swallows the first send_event response and then breaks, as a network cut would
    const lossyFactory: SocketFactory = (url) => {
      const ws = new WebSocket(url);
      const sendEvents = new Set<string>();
      const socket: SocketLike = {
        get readyState() {
          return ws.readyState;
        },
        send(data) {
          const frame = JSON.parse(data) as { action: string; request_id: string };
          if (frame.action === 'send_event') sendEvents.add(frame.request_id);
          ws.send(data);
        },
        close: (code, reason) => ws.close(code, reason),
        onopen: null,
        onmessage: null,
        onclose: null,
        onerror: null,
      };
      ws.onopen = (event) => socket.onopen?.(event);
      ws.onclose = (event) => socket.onclose?.({ code: event.code, reason: event.reason });
      ws.onerror = (event) => socket.onerror?.(event);
      ws.onmessage = (event) => {
        const frame = JSON.parse(String(event.data)) as { type: string; request_id?: string };
        if (dropNextSendEventAnswer && frame.type === 'response' && frame.request_id && sendEvents.has(frame.request_id)) {
          dropNextSendEventAnswer = false;
          ws.terminate();
          return;
        }
        socket.onmessage?.({ data: String(event.data) });
      };
      return socket;
    };
    const storage = memoryStorage();
    const harness = customerClient(server, { storage, socketFactory: lossyFactory, minDelayMs: 100 });
    harnesses.push(harness);
    await connected(harness);
    const { chat_id } = await harness.client.request('start_chat', {});
    const outbox = new Outbox({ client: harness.client, storage, key: 'outbox' });
    harness.client.onLogin(() => void outbox.flush());
    outbox.enqueue(chat_id, { type: 'message', text: 'only once' });
    await until(() => !dropNextSendEventAnswer, 5000, 'the lost answer');
    await until(() => outbox.items.length === 0 && harness.client.state === 'connected', 10_000, 'resend after reconnect');
    const messages = (await allEvents(harness.client, chat_id)).filter((e) => e.type === 'message');
    expect(messages.map((e) => e.type === 'message' && e.text)).toEqual(['only once']);
  });
});
