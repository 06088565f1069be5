import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectCustomer, customerToken, RawRtm } from '../../../testing/testClients.js';
import { startTestServer, type TestServer } from '../../../testing/testServer.js';
import { DEFAULT_RTM_LIMITS } from './rtmGateway.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({
    rtm: { ...DEFAULT_RTM_LIMITS, maxFrameBytes: 64 * 1024, requestsPerSecond: 5, requestBurst: 20, loginTimeoutMs: 400, heartbeatMs: 200 },
  });
  await server.ownerAcceptsChats();
});
afterAll(async () => { await server.close(); });

const customerUrl = () => `${server.wsUrl}/v3.5/customer/rtm/ws?organization_id=${server.credentials.organization_id}`;

describe('RtmGateway', () => {
  describe('before login', () => {
    it('answers ping and refuses any other action with authentication, keeping the socket open', async () => {
      const rtm = await RawRtm.open(customerUrl());
      expect((await rtm.request('ping')).success).toBe(true);
      const res = await rtm.request('list_chats');
      expect(res.payload.error?.type).toBe('authentication');
      expect(rtm.ws.readyState).toBe(rtm.ws.OPEN);
      rtm.close();
    });

    it('refuses a forged token and lets the client retry on the same socket', async () => {
      const rtm = await RawRtm.open(customerUrl());
      const t = await customerToken(server);
      const forged = t.access_token.slice(0, -4) + 'AAAA';
      expect((await rtm.request('login', { token: `Bearer ${forged}` })).payload.error?.type).toBe('authentication');
      expect((await rtm.request('login', { token: 'Bearer nonsense' })).payload.error?.type).toBe('authentication');
      expect((await rtm.request('login', { token: `Bearer ${t.access_token}` })).success).toBe(true);
      expect((await rtm.request('login', { token: `Bearer ${t.access_token}` })).payload.error?.type).toBe('validation');
      rtm.close();
    });

    it('closes a socket that does not log in before the deadline, after a connection_timeout push', async () => {
      const rtm = await RawRtm.open(customerUrl());
      const closed = await rtm.closed;
      expect(closed.code).toBe(4000);
      expect(rtm.pushes('customer_disconnected')[0]?.payload).toEqual({ reason: 'connection_timeout' });
    });

    it('refuses upgrades without organization_id or with an unsupported version', async () => {
      await expect(RawRtm.open(`${server.wsUrl}/v3.5/customer/rtm/ws`)).rejects.toThrow(/400/);
      await expect(RawRtm.open(`${server.wsUrl}/v2.0/customer/rtm/ws?organization_id=x`)).rejects.toThrow(/400/);
      const old = await RawRtm.open(`${server.wsUrl}/v3.3/customer/rtm/ws?organization_id=${server.credentials.organization_id}`);
      expect((await old.request('ping')).success).toBe(true);
      old.close();
    });
  });

  describe('malformed frames', () => {
    it('answers each bad frame with a documented error and keeps serving', async () => {
      const c = await connectCustomer(server);
      const bad: [string, string, string][] = [
        ['not json', '{"action":', 'validation'],
        ['an array', '[1,2]', 'validation'],
        ['no action', '{"request_id":"a","payload":{}}', 'validation'],
        ['unknown action', '{"action":"launch_rockets","request_id":"b"}', 'validation'],
        ['payload not an object', '{"action":"list_chats","payload":"x","request_id":"c"}', 'validation'],
        ['missing field', '{"action":"get_chat","payload":{},"request_id":"d"}', 'validation'],
        ['wrong type', '{"action":"send_event","payload":{"chat_id":5,"event":{"type":"message","text":"x"}},"request_id":"e"}', 'validation'],
        ['unsupported version', '{"action":"list_chats","version":"2.0","request_id":"f"}', 'unsupported_version'],
        ['unknown event type', '{"action":"send_event","payload":{"chat_id":"ABCDEFGHIJ","event":{"type":"hologram"}},"request_id":"g"}', 'not_found'],
      ];
      for (const [label, raw, type] of bad) {
        const from = c.rtm.frames.length;
        c.rtm.sendRaw(raw);
        const reply = await c.rtm.next((f) => f.type === 'response', 2000, from);
        expect(reply.success, label).toBe(false);
        expect(reply.payload.error?.type, label).toBe(type);
      }
      // Missing fields name the path.
      const missing = await c.rtm.request('get_chat', {});
      expect(missing.payload.error?.message).toMatch(/chat_id/);
      // Still serving.
      expect((await c.rtm.request('list_chats')).success).toBe(true);
      c.rtm.close();
    });

    it('rejects an unknown event type in an existing chat with validation', async () => {
      const c = await connectCustomer(server);
      const { chat_id } = await c.rtm.call<{ chat_id: string }>('start_chat');
      const res = await c.rtm.request('send_event', { chat_id, event: { type: 'hologram' } });
      expect(res.payload.error?.type).toBe('validation');
      const long = await c.rtm.request('send_event', { chat_id, event: { type: 'message', text: 'x'.repeat(17 * 1024) } });
      expect(long.payload.error?.type).toBe('validation');
      await c.rtm.call('deactivate_chat', { id: chat_id });
      c.rtm.close();
    });

    it('closes with 1009 on an oversized frame and 1003 on a binary frame; other clients are unaffected', async () => {
      const a = await connectCustomer(server);
      const b = await connectCustomer(server);
      a.rtm.sendRaw(JSON.stringify({ action: 'ping', payload: { pad: 'x'.repeat(70 * 1024) } }));
      expect((await a.rtm.closed).code).toBe(1009);
      const bin = await b.connect();
      bin.sendRaw(Buffer.from([1, 2, 3]));
      expect((await bin.closed).code).toBe(1003);
      expect((await b.rtm.request('list_chats')).success).toBe(true);
      b.rtm.close();
    });
  });

  describe('limits', () => {
    it('answers too_many_requests past the per-connection rate and recovers', async () => {
      const c = await connectCustomer(server);
      const results = await Promise.all(Array.from({ length: 40 }, () => c.rtm.request('list_chats')));
      const limited = results.filter((r) => r.payload.error?.type === 'too_many_requests');
      expect(limited.length).toBeGreaterThan(0);
      await new Promise((r) => setTimeout(r, 1200));
      expect((await c.rtm.request('list_chats')).success).toBe(true);
      c.rtm.close();
    });
  });

  describe('keepalive', () => {
    it('keeps a silent client that answers WebSocket pings, and closes one that stops answering', async () => {
      const c = await connectCustomer(server);
      await new Promise((r) => setTimeout(r, 700));
      expect(c.rtm.ws.readyState).toBe(c.rtm.ws.OPEN);
      // Stop answering pings: ws auto-pongs, so pause the socket's reading.
      (c.rtm.ws as unknown as { _socket: { pause(): void } })._socket.pause();
      await new Promise((r) => setTimeout(r, 900));
      (c.rtm.ws as unknown as { _socket: { resume(): void } })._socket.resume();
      const closed = await c.rtm.closed;
      expect(closed.code).toBe(4000);
      expect(c.rtm.pushes('customer_disconnected')[0]?.payload).toEqual({ reason: 'connection_timeout' });
    });
  });
});
