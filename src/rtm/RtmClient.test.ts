import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { RtmClient, type ConnectionState, type TokenSource } from './RtmClient.js';
import { RtmError } from './RtmError.js';
import { connected, settle } from './testing/connectedClient.js';
import { fakeSocketFactory, loginResponse } from './testing/FakeSocket.js';

function tokenSource(tokens = ['t1', 't2', 't3']): TokenSource & { invalidations: number } {
  let index = 0;
  return {
    invalidations: 0,
    getAccessToken: async () => tokens[Math.min(index, tokens.length - 1)] as string,
    invalidate() {
      this.invalidations += 1;
      index += 1;
    },
  };
}


describe('RtmClient', () => {
  let sockets: ReturnType<typeof fakeSocketFactory>;
  let identity: ReturnType<typeof tokenSource>;
  let client: RtmClient;
  let states: ConnectionState[];

  beforeEach(() => {
    vi.useFakeTimers();
    sockets = fakeSocketFactory();
    identity = tokenSource();
    client = new RtmClient({ url: 'ws://test/v3.5/customer/rtm/ws?organization_id=o', socketFactory: sockets, identity, reconnect: { random: () => 0.5 } });
    states = [];
    client.onStateChange((state) => states.push(state));
  });
  afterEach(() => {
    client.dispose();
    vi.useRealTimers();
  });

  describe('connect()', () => {
    it('logs in with the bearer token and the login payload, then reports connected', async () => {
      const logins: unknown[] = [];
      client.onLogin((response) => logins.push(response));
      client.connect();
      const socket = sockets.last();
      expect(socket.url).toBe('ws://test/v3.5/customer/rtm/ws?organization_id=o');
      socket.open();
      await settle();
      expect(socket.lastRequest('login').payload).toEqual({ token: 'Bearer t1' });
      expect(socket.lastRequest('login').version).toBe('3.5');
      socket.respond('login', loginResponse('c-9'));
      await settle();
      expect(states).toEqual(['connecting', 'logging_in', 'connected']);
      expect(logins).toHaveLength(1);
    });

    it('fetches a fresh token and retries once when login fails with authentication', async () => {
      client.connect();
      const socket = sockets.last();
      socket.open();
      await settle();
      socket.fail('login', 'authentication');
      await settle();
      expect(identity.invalidations).toBe(1);
      expect(socket.lastRequest('login').payload).toEqual({ token: 'Bearer t2' });
      socket.respond('login', loginResponse());
      await settle();
      expect(client.state).toBe('connected');
    });

    it('stops in the disconnected state when login says the customer is banned', async () => {
      client.connect();
      const socket = sockets.last();
      socket.open();
      await settle();
      socket.fail('login', 'customer_banned');
      await settle();
      expect(client.state).toBe('disconnected');
      expect(client.reason).toBe('customer_banned');
      await vi.advanceTimersByTimeAsync(60_000);
      expect(sockets.sockets).toHaveLength(1);
    });
  });

  describe('request()', () => {
    it('correlates responses by request_id, in any order', async () => {
      const socket = await connected(client, sockets);
      const chats = client.request('list_chats', { limit: 5 });
      const threads = client.request('list_threads', { chat_id: 'C1' });
      socket.respond('list_threads', { threads: [], found_threads: 0 });
      socket.respond('list_chats', { chats_summary: [], total_chats: 0 });
      await expect(threads).resolves.toEqual({ threads: [], found_threads: 0 });
      await expect(chats).resolves.toEqual({ chats_summary: [], total_chats: 0 });
      const ids = socket.sent.map((frame) => frame.request_id);
      expect(new Set(ids).size).toBe(ids.length);
    });

    it('rejects with the error type of an error response', async () => {
      const socket = await connected(client, sockets);
      const start = client.request('start_chat', {});
      socket.fail('start_chat', 'chat_limit_reached');
      await expect(start).rejects.toMatchObject({ name: 'RtmError', type: 'chat_limit_reached' });
    });

    it('rejects with request_timeout when no response arrives in time', async () => {
      await connected(client, sockets);
      const pending = client.request('get_customer', {}, { timeoutMs: 1000 });
      const assertion = expect(pending).rejects.toMatchObject({ type: 'request_timeout' });
      await vi.advanceTimersByTimeAsync(1001);
      await assertion;
    });

    it('rejects with not_connected before login', async () => {
      await expect(client.request('list_chats', {})).rejects.toBeInstanceOf(RtmError);
      await expect(client.request('list_chats', {})).rejects.toMatchObject({ type: 'not_connected' });
    });

    it('rejects pending requests with connection_lost when the socket closes', async () => {
      const socket = await connected(client, sockets);
      const pending = client.request('list_chats', {});
      socket.serverClose();
      await expect(pending).rejects.toMatchObject({ type: 'connection_lost' });
    });

    it('resolves send_event on the response and passes the push with the same request_id on (protocol §2.1)', async () => {
      const socket = await connected(client, sockets);
      const metas: (string | undefined)[] = [];
      client.onPush('incoming_event', (_payload, meta) => metas.push(meta.requestId));
      const sent = client.request('send_event', { chat_id: 'C1', event: { type: 'message', text: 'hi', custom_id: 'x' } });
      const frame = socket.lastRequest('send_event');
      socket.respond('send_event', { event_id: 'T1_1' });
      socket.push('incoming_event', { chat_id: 'C1', thread_id: 'T1', event: { id: 'T1_1', type: 'message', text: 'hi', created_at: '2024-01-01T00:00:00.000000Z' } }, frame.request_id);
      await expect(sent).resolves.toEqual({ event_id: 'T1_1' });
      expect(metas).toEqual([frame.request_id]);
    });
  });

  describe('onPush()', () => {
    it('delivers typed payloads to listeners of that push only, until unsubscribed', async () => {
      const socket = await connected(client, sockets);
      const events: string[] = [];
      const off = client.onPush('chat_deactivated', ({ chat_id }) => events.push(chat_id));
      client.onPush('incoming_event', () => events.push('wrong'));
      socket.push('chat_deactivated', { chat_id: 'C1', thread_id: 'T1' });
      off();
      socket.push('chat_deactivated', { chat_id: 'C2', thread_id: 'T2' });
      expect(events).toEqual(['C1']);
    });
  });

  describe('reconnect', () => {
    it('reconnects with backoff after the socket drops and logs in again', async () => {
      const socket = await connected(client, sockets);
      const logins: unknown[] = [];
      client.onLogin((response) => logins.push(response));
      socket.serverClose();
      expect(client.state).toBe('reconnecting');
      await vi.advanceTimersByTimeAsync(374); // first delay: 500 * (0.5 + 0.5 * 0.5) = 375 ms
      expect(sockets.sockets).toHaveLength(1);
      await vi.advanceTimersByTimeAsync(1);
      expect(sockets.sockets).toHaveLength(2);
      const second = sockets.last();
      second.open();
      await settle();
      second.respond('login', loginResponse());
      await settle();
      expect(client.state).toBe('connected');
      expect(logins).toHaveLength(1);
    });

    it('grows the delay on repeated failures', async () => {
      client.connect();
      sockets.last().serverClose();
      await vi.advanceTimersByTimeAsync(375);
      expect(sockets.sockets).toHaveLength(2);
      sockets.last().serverClose();
      await vi.advanceTimersByTimeAsync(749);
      expect(sockets.sockets).toHaveLength(2);
      await vi.advanceTimersByTimeAsync(1);
      expect(sockets.sockets).toHaveLength(3);
    });

    it('does not reconnect after customer_disconnected with a final reason', async () => {
      const socket = await connected(client, sockets);
      socket.push('customer_disconnected', { reason: 'logged_out_remotely' });
      socket.serverClose();
      expect(client.state).toBe('disconnected');
      await vi.advanceTimersByTimeAsync(120_000);
      expect(sockets.sockets).toHaveLength(1);
    });

    it('reconnects within the jitter window, not after a backoff, when a draining server closes with 1012 (#18)', async () => {
      const drainingClient = new RtmClient({ url: 'ws://test/v3.5/customer/rtm/ws?organization_id=o', socketFactory: sockets, identity, reconnect: { random: () => 0.9, moveOnJitterMs: 1000, minDelayMs: 5000 } });
      const socket = await connected(drainingClient, sockets);
      socket.push('customer_disconnected', { reason: 'service_temporarily_unavailable' });
      socket.serverClose(1012);
      expect(drainingClient.state).toBe('reconnecting');
      await vi.advanceTimersByTimeAsync(899);
      expect(sockets.sockets).toHaveLength(1);
      await vi.advanceTimersByTimeAsync(1);
      expect(sockets.sockets).toHaveLength(2);
      drainingClient.dispose();
    });

    it('treats close 1012 alone (no push, e.g. through a proxy) the same way (#18)', async () => {
      const socket = await connected(client, sockets);
      socket.serverClose(1012);
      // random 0.5 × the default 1 000 ms window (a backoff would have opened at 375 ms).
      await vi.advanceTimersByTimeAsync(499);
      expect(sockets.sockets).toHaveLength(1);
      await vi.advanceTimersByTimeAsync(1);
      expect(sockets.sockets).toHaveLength(2);
    });

    it('drops the token and reconnects after access_token_expired', async () => {
      const socket = await connected(client, sockets);
      socket.push('customer_disconnected', { reason: 'access_token_expired' });
      socket.serverClose();
      expect(identity.invalidations).toBe(1);
      await vi.advanceTimersByTimeAsync(1000);
      const next = sockets.last();
      next.open();
      await settle();
      expect(next.lastRequest('login').payload).toEqual({ token: 'Bearer t2' });
    });
  });

  describe('keepalive', () => {
    it('pings every interval and reconnects when a ping goes unanswered', async () => {
      const socket = await connected(client, sockets);
      await vi.advanceTimersByTimeAsync(15_000);
      expect(socket.requests('ping')).toHaveLength(1);
      socket.respond('ping');
      await vi.advanceTimersByTimeAsync(15_000);
      expect(socket.requests('ping')).toHaveLength(2);
      await vi.advanceTimersByTimeAsync(15_000);
      expect(client.state).toBe('reconnecting');
    });
  });

  describe('dispose()', () => {
    it('closes the socket, rejects pending requests and is idempotent', async () => {
      const socket = await connected(client, sockets);
      const pending = client.request('list_chats', {});
      client.dispose();
      client.dispose();
      await expect(pending).rejects.toMatchObject({ type: 'client_closed' });
      expect(socket.readyState).toBe(3);
      expect(client.state).toBe('closed');
      expect(() => client.connect()).toThrow(RtmError);
    });
  });
});
