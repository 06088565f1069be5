import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { agentDialect, patTokenSource, type AgentFlavour } from '../../rtm/agentFlavour.js';
import { RtmClient } from '../../rtm/RtmClient.js';
import { fakeSocketFactory, type FakeSocket } from '../../rtm/testing/FakeSocket.js';
import { bindConnection, type Alert } from './bindConnection.js';
import { createConsoleStore, type ConsoleStore } from './createConsoleStore.js';
import { myChats, queuedChats } from './selectors.js';
import { agent, chat, CUSTOMER, customer, message, ME, profile, summary, thread } from './testData.js';

describe('bindConnection', () => {
  let sockets: ReturnType<typeof fakeSocketFactory>;
  let client: RtmClient<AgentFlavour>;
  let store: ConsoleStore;
  let alerts: Alert[];
  let unbind: () => void;
  let socket: FakeSocket;

  beforeEach(async () => {
    vi.useFakeTimers();
    sockets = fakeSocketFactory();
    client = new RtmClient<AgentFlavour>({ url: 'ws://t/v3.5/agent/rtm/ws', socketFactory: sockets, identity: patTokenSource(ME, 'pat'), dialect: agentDialect('Basic') });
    store = createConsoleStore();
    alerts = [];
    unbind = bindConnection(store, client, (alert) => alerts.push(alert));
    client.connect();
    socket = sockets.last();
    socket.open();
    await vi.advanceTimersByTimeAsync(0);
    socket.respond('login', { license: {}, my_profile: profile(), chats_summary: [summary('MINE', [customer(), agent()], message('T1_1', 1))] });
    await vi.advanceTimersByTimeAsync(0);
  });
  afterEach(() => {
    unbind();
    client.dispose();
    vi.useRealTimers();
  });

  it('fills the store from the login response', () => {
    expect(store.getState().connection.status).toBe('connected');
    expect(store.getState().me?.id).toBe(ME);
    expect(myChats(store.getState()).map((c) => c.id)).toEqual(['MINE']);
  });

  it('alerts once for a new queued chat and for each new customer message, not for mine', () => {
    socket.push('incoming_chat', { chat: chat('NEW', [{ ...customer(), id: 'c2' }], thread('T9', [message('T9_1', 2, 'c2')])) });
    socket.push('incoming_event', { chat_id: 'MINE', thread_id: 'T1', event: message('T1_2', 3, CUSTOMER) });
    socket.push('incoming_event', { chat_id: 'MINE', thread_id: 'T1', event: message('T1_2', 3, CUSTOMER) });
    socket.push('incoming_event', { chat_id: 'MINE', thread_id: 'T1', event: message('T1_3', 4, ME) });
    expect(alerts).toEqual([{ kind: 'chat', chatId: 'NEW' }, { kind: 'message', chatId: 'MINE' }]);
    expect(queuedChats(store.getState()).map((c) => c.id)).toEqual(['NEW']);
  });

  it('moves a chat out of my list when another agent takes it over (pushes from another tab or agent)', () => {
    socket.push('user_added_to_chat', { chat_id: 'MINE', thread_id: 'T1', user: agent('second@example.com'), reason: 'chat_transferred' });
    socket.push('user_removed_from_chat', { chat_id: 'MINE', thread_id: 'T1', user_id: ME, reason: 'chat_transferred' });
    expect(myChats(store.getState())).toEqual([]);
  });

  it('follows routing_status_set pushes and the end of the session', () => {
    socket.push('routing_status_set', { agent_id: ME, status: 'not_accepting_chats' });
    expect(store.getState().routingStatus).toBe('not_accepting_chats');
    socket.push('agent_disconnected', { reason: 'agent_logged_out_remotely' });
    socket.serverClose();
    expect(store.getState().connection).toEqual({ status: 'disconnected', reason: 'agent_logged_out_remotely' });
  });

  it('reloads a chat handed to the queue by someone else, so the Queued view shows its latest messages (#14)', async () => {
    socket.push('incoming_chat', { chat: chat('BOT', [{ ...customer(), id: 'c3' }, agent('bot-1')], thread('T7', [message('T7_1', 2, 'c3')])) });
    socket.push('chat_transferred', { chat_id: 'BOT', thread_id: 'T7', requester_id: 'bot-1', reason: 'manual', transferred_to: { group_ids: [0] }, queue: { position: 1, wait_time: 0 } });
    expect(socket.lastRequest('get_chat').payload).toEqual({ chat_id: 'BOT' });
    socket.respond('get_chat', chat('BOT', [{ ...customer(), id: 'c3' }], thread('T7', [message('T7_1', 2, 'c3'), message('T7_2', 3, 'c3')])));
    await vi.advanceTimersByTimeAsync(0);
    expect(queuedChats(store.getState()).map((c) => c.id)).toEqual(['BOT']);
    expect(store.getState().chats.BOT?.eventOrder).toEqual(['T7_1', 'T7_2']);
  });

  it('does not reload a transferred chat the agent is in', () => {
    socket.push('chat_transferred', { chat_id: 'MINE', thread_id: 'T1', requester_id: 'x', reason: 'manual', transferred_to: { group_ids: [0] }, queue: { position: 1, wait_time: 0 } });
    expect(socket.requests('get_chat')).toEqual([]);
  });
});
