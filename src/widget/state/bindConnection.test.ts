import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Outbox } from '../../rtm/Outbox.js';
import { RtmClient } from '../../rtm/RtmClient.js';
import { memoryStorage } from '../../rtm/storage.js';
import { fakeSocketFactory, loginResponse, type FakeSocket } from '../../rtm/testing/FakeSocket.js';
import { TYPING_EXPIRY_MS, bindConnection } from './bindConnection.js';
import { createWidgetStore, type WidgetStore } from './createWidgetStore.js';
import { CUSTOMER_ID, message, summary, thread } from './testData.js';

const settle = () => vi.advanceTimersByTimeAsync(0);

describe('bindConnection', () => {
  let sockets: ReturnType<typeof fakeSocketFactory>;
  let client: RtmClient;
  let outbox: Outbox;
  let store: WidgetStore;
  let unbind: () => void;

  beforeEach(() => {
    vi.useFakeTimers();
    sockets = fakeSocketFactory();
    client = new RtmClient({ url: 'ws://t', socketFactory: sockets, identity: { getAccessToken: async () => 't', invalidate: () => undefined }, reconnect: { random: () => 0 } });
    outbox = new Outbox({ client, storage: memoryStorage(), key: 'k' });
    store = createWidgetStore();
    unbind = bindConnection(store, client, outbox);
  });
  afterEach(() => {
    unbind();
    client.dispose();
    vi.useRealTimers();
  });

  async function login(): Promise<FakeSocket> {
    client.connect();
    const socket = sockets.last();
    socket.open();
    await settle();
    socket.respond('login', loginResponse(CUSTOMER_ID));
    await settle();
    return socket;
  }

  it('mirrors connection states into the store', async () => {
    await login();
    expect(store.getState().connection.status).toBe('connected');
    sockets.last().serverClose();
    expect(store.getState().connection.status).toBe('reconnecting');
  });

  it('loads chats and their newest threads after login, and routes pushes to the right chat', async () => {
    const socket = await login();
    const ta = thread('TA', 0, [message('TA_1', 1, 'hello A')], true);
    const tb = thread('TB', 2, [message('TB_1', 3, 'hello B')], true);
    socket.respond('list_chats', { chats_summary: [summary('B', tb, tb.events[0]), summary('A', ta, ta.events[0])], total_chats: 2 });
    await settle();
    const threadRequests = socket.requests('list_threads');
    expect(threadRequests.map((frame) => (frame.payload as { chat_id: string }).chat_id).sort()).toEqual(['A', 'B']);
    socket.respond('list_threads', { threads: [ta], found_threads: 1 }, threadRequests.find((f) => (f.payload as { chat_id: string }).chat_id === 'A'));
    socket.respond('list_threads', { threads: [tb], found_threads: 1 }, threadRequests.find((f) => (f.payload as { chat_id: string }).chat_id === 'B'));
    await settle();
    expect(store.getState().chats.A?.eventOrder).toEqual(['TA_1']);
    expect(store.getState().chats.A?.hasOlder).toBe(false);

    socket.push('incoming_event', { chat_id: 'B', thread_id: 'TB', event: message('TB_2', 9, 'more B') });
    expect(store.getState().chats.B?.eventOrder).toEqual(['TB_1', 'TB_2']);
    expect(store.getState().chats.A?.eventOrder).toEqual(['TA_1']);
    expect(store.getState().chatOrder[0]).toBe('B');
  });

  it('after a reconnect fetches only chats with missed events and merges them without duplicates', async () => {
    let socket = await login();
    const ta = thread('TA', 0, [message('TA_1', 1, 'a1')], true);
    const tb = thread('TB', 2, [message('TB_1', 3, 'b1')], true);
    socket.respond('list_chats', { chats_summary: [summary('B', tb, tb.events[0]), summary('A', ta, ta.events[0])], total_chats: 2 });
    await settle();
    for (const frame of socket.requests('list_threads')) {
      const id = (frame.payload as { chat_id: string }).chat_id;
      socket.respond('list_threads', { threads: [id === 'A' ? ta : tb], found_threads: 1 }, frame);
    }
    await settle();

    socket.serverClose();
    await vi.advanceTimersByTimeAsync(1000);
    socket = sockets.last();
    socket.open();
    await settle();
    socket.respond('login', loginResponse(CUSTOMER_ID));
    await settle();
    // while offline: chat A got two events and a new thread; chat B did not change
    const taClosed = thread('TA', 0, [message('TA_1', 1, 'a1'), message('TA_2', 4, 'a2')], false);
    const ta2 = thread('TA2', 10, [message('TA2_1', 11, 'a3')], true);
    socket.respond('list_chats', { chats_summary: [summary('A', ta2, ta2.events[0]), summary('B', tb, tb.events[0])], total_chats: 2 });
    await settle();
    const requests = socket.requests('list_threads');
    expect(requests.map((frame) => frame.payload)).toEqual([{ chat_id: 'A', sort_order: 'desc', limit: 5 }]);
    socket.respond('list_threads', { threads: [ta2, taClosed], found_threads: 2 });
    await settle();
    expect(store.getState().chats.A?.eventOrder).toEqual(['TA_1', 'TA_2', 'TA2_1']);
    expect(store.getState().chats.A?.active).toBe(true);
  });

  it('expires an agent typing indicator that is never switched off', async () => {
    const socket = await login();
    socket.push('incoming_typing_indicator', { chat_id: 'A', thread_id: 'T', typing_indicator: { author_id: 'agent', timestamp: 1, is_typing: true } });
    expect(store.getState().typing.A).toBe(true);
    await vi.advanceTimersByTimeAsync(TYPING_EXPIRY_MS - 1);
    expect(store.getState().typing.A).toBe(true);
    await vi.advanceTimersByTimeAsync(1);
    expect(store.getState().typing.A).toBe(false);
  });

  it('shows messages written offline as sending, then drops them once their event arrives', async () => {
    outbox.enqueue('A', { type: 'message', text: 'offline hello', custom_id: 'cid-1' });
    expect(store.getState().outgoing['cid-1']?.status).toBe('sending');
    const socket = await login();
    socket.respond('list_chats', { chats_summary: [], total_chats: 0 });
    await settle();
    const send = socket.lastRequest('send_event');
    socket.respond('send_event', { event_id: 'T_5' });
    await settle();
    expect(store.getState().outgoing['cid-1']?.status).toBe('sent');
    socket.push('incoming_event', { chat_id: 'A', thread_id: 'T', event: message('T_5', 5, 'offline hello', CUSTOMER_ID, { custom_id: 'cid-1' }) }, send.request_id);
    expect(store.getState().outgoing).toEqual({});
    expect(store.getState().chats.A?.eventOrder).toEqual(['T_5']);
  });
});
