import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { agentDialect, patTokenSource, type AgentFlavour } from './agentFlavour.js';
import { RtmClient } from './RtmClient.js';
import { fakeSocketFactory } from './testing/FakeSocket.js';
import { WebApi } from './webApi.js';
import type { AgentActions } from '../protocol/agent.js';

const settle = () => vi.advanceTimersByTimeAsync(0);
const profile = { id: 'owner@localhost', type: 'agent', name: 'Owner', email: 'owner@localhost', avatar: '', present: true, events_seen_up_to: '', routing_status: 'accepting_chats', permission: 'owner' };

describe('RtmClient (agent flavour)', () => {
  let sockets: ReturnType<typeof fakeSocketFactory>;
  let client: RtmClient<AgentFlavour>;

  beforeEach(() => {
    vi.useFakeTimers();
    sockets = fakeSocketFactory();
    client = new RtmClient<AgentFlavour>({
      url: 'ws://test/v3.5/agent/rtm/ws', socketFactory: sockets, identity: patTokenSource('owner@localhost', 'secret'),
      dialect: agentDialect('Basic'), reconnect: { random: () => 0.5 },
    });
  });
  afterEach(() => {
    client.dispose();
    vi.useRealTimers();
  });

  async function connect() {
    const logins: string[] = [];
    client.onLogin((response) => logins.push(response.my_profile.id));
    client.connect();
    const socket = sockets.last();
    socket.open();
    await settle();
    socket.respond('login', { license: {}, my_profile: profile, chats_summary: [] });
    await settle();
    return { socket, logins };
  }

  describe('login', () => {
    it('sends Basic base64(agent_id:pat) and reports the profile', async () => {
      const { socket, logins } = await connect();
      expect(socket.lastRequest('login').payload).toEqual({ token: `Basic ${btoa('owner@localhost:secret')}` });
      expect(logins).toEqual(['owner@localhost']);
      expect(client.state).toBe('connected');
    });
  });

  describe('onPush()', () => {
    it('delivers typed agent pushes', async () => {
      const { socket } = await connect();
      const seen: string[] = [];
      client.onPush('routing_status_set', ({ agent_id, status }) => seen.push(`${agent_id}:${status}`));
      socket.push('routing_status_set', { agent_id: 'owner@localhost', status: 'not_accepting_chats' });
      expect(seen).toEqual(['owner@localhost:not_accepting_chats']);
    });

    it('stays disconnected after agent_disconnected agent_logged_out_remotely', async () => {
      const { socket } = await connect();
      socket.push('agent_disconnected', { reason: 'agent_logged_out_remotely' });
      socket.serverClose();
      await vi.advanceTimersByTimeAsync(60_000);
      expect(client.state).toBe('disconnected');
      expect(client.reason).toBe('agent_logged_out_remotely');
      expect(sockets.sockets).toHaveLength(1);
    });

    it('reconnects after agent_disconnected connection_timeout', async () => {
      const { socket } = await connect();
      socket.push('agent_disconnected', { reason: 'connection_timeout' });
      socket.serverClose();
      await vi.advanceTimersByTimeAsync(60_000);
      expect(sockets.sockets.length).toBeGreaterThan(1);
    });
  });
});

describe('WebApi (agent surface)', () => {
  it('posts to /agent/action/<name> with the Basic header and no organization id', async () => {
    const calls: { url: string; init: RequestInit }[] = [];
    const fetch = (async (url: string, init: RequestInit) => {
      calls.push({ url, init });
      return new Response('{"id":"c-1","type":"customer"}', { status: 200 });
    }) as unknown as typeof globalThis.fetch;
    const api = new WebApi<AgentActions>({ apiUrl: 'http://h/', surface: 'agent', identity: patTokenSource('a@b', 'p'), authorization: (t) => `Basic ${t}`, fetch });
    const customer = await api.action('get_customer', { id: 'c-1' });
    expect(customer.id).toBe('c-1');
    expect(calls[0]?.url).toBe('http://h/v3.5/agent/action/get_customer');
    expect((calls[0]?.init.headers as Record<string, string>).Authorization).toBe(`Basic ${btoa('a@b:p')}`);
  });
});
