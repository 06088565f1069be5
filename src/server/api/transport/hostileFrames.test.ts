import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { holdConversation } from '../../../testing/conversation.js';
import { connectCustomer, customerToken, ownerAgent, RawRtm } from '../../../testing/testClients.js';
import { startTestServer, type TestServer } from '../../../testing/testServer.js';
import { DEFAULT_RTM_LIMITS } from './rtmGateway.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ rtm: { ...DEFAULT_RTM_LIMITS, socketsPerCustomer: 3, socketsPerAddress: 40 } });
  await server.ownerAcceptsChats();
});
afterAll(async () => { await server.close(); });

const customerUrl = () => `${server.wsUrl}/v3.5/customer/rtm/ws?organization_id=${server.credentials.organization_id}`;
const agentUrl = () => `${server.wsUrl}/v3.5/agent/rtm/ws`;
const nested = (depth: number) => '['.repeat(depth) + ']'.repeat(depth);
const deepFrame = (action: string, requestId: string, where: 'version' | 'payload') =>
  where === 'version'
    ? `{"request_id":"${requestId}","action":"${action}","version":${nested(10_000)},"payload":{}}`
    : `{"request_id":"${requestId}","action":"${action}","payload":{"token":${nested(10_000)},"chat_id":{"a":${nested(10_000)}}}}`;

/** A socket whose frames are collected from the first byte (the refusal comes right after the upgrade). */
function refusedSocket(url: string): Promise<{ code: number; frames: unknown[] }> {
  const ws = new WebSocket(url);
  const frames: unknown[] = [];
  ws.on('message', (data) => frames.push(JSON.parse(data.toString())));
  return new Promise((resolve) => ws.on('close', (code) => resolve({ code, frames })));
}

async function sendAndAwait(rtm: RawRtm, raw: string, requestId: string) {
  const from = rtm.frames.length;
  rtm.sendRaw(raw);
  return rtm.next((f) => f.type === 'response' && f.request_id === requestId, 5000, from);
}

describe('RtmGateway', () => {
  describe('deeply nested frames (#11)', () => {
    it('answers a 10,000-deep frame before login on both endpoints with validation and its request_id', async () => {
      for (const url of [customerUrl(), agentUrl()]) {
        const rtm = await RawRtm.open(url);
        for (const [i, where] of (['version', 'payload'] as const).entries()) {
          const reply = await sendAndAwait(rtm, deepFrame('login', `deep${i}`, where), `deep${i}`);
          expect(reply.success).toBe(false);
          expect(reply.action).toBe('login');
          expect(reply.payload.error?.type).toBe('validation');
          expect(reply.payload.error?.message).toMatch(/nested deeper than 32/);
        }
        expect((await rtm.request('ping')).success).toBe(true);
        rtm.close();
      }
      await holdConversation(server);
    });

    it('answers a 10,000-deep frame after login on both endpoints and keeps the socket serving', async () => {
      const customer = await connectCustomer(server);
      const agent = await ownerAgent(server).connect();
      for (const rtm of [customer.rtm, agent]) {
        const reply = await sendAndAwait(rtm, deepFrame('send_event', 'after', 'payload'), 'after');
        expect(reply.payload.error?.type).toBe('validation');
        const versioned = await sendAndAwait(rtm, deepFrame('list_chats', 'v', 'version'), 'v');
        expect(versioned.payload.error?.type).toBe('validation');
        expect((await rtm.request('list_chats')).success).toBe(true);
      }
      customer.rtm.close();
      agent.close();
      await holdConversation(server);
    });

    it('answers deeply nested event content and properties within the frame depth with validation, not internal', async () => {
      const c = await connectCustomer(server);
      const { chat_id } = await c.rtm.call<{ chat_id: string }>('start_chat');
      let deep: unknown = 'x';
      for (let i = 0; i < 30; i++) deep = { d: deep };
      const content = await c.rtm.request('send_event', { chat_id, event: { type: 'message', text: 'x', properties: { ns: { k: deep } } } });
      expect(content.payload.error?.type).not.toBe('internal');
      const props = await c.rtm.request('update_chat_properties', { id: chat_id, properties: { ns: { k: deep } } });
      expect(props.payload.error?.type).not.toBe('internal');
      c.rtm.close();
    });
  });

  describe('socket caps (#11)', () => {
    it('disconnects a customer socket past socketsPerCustomer with too_many_connections, leaving the others serving', async () => {
      const c = await connectCustomer(server);
      const second = await c.connect();
      const third = await c.connect();
      const fourth = await RawRtm.open(customerUrl());
      fourth.sendRaw(JSON.stringify({ action: 'login', request_id: 'over', payload: { token: `Bearer ${c.token}` } }));
      expect((await fourth.closed).code).toBe(4000);
      expect(fourth.frames.some((f) => f.type === 'response' && f.success)).toBe(false);
      expect(fourth.pushes('customer_disconnected')[0]?.payload).toEqual({ reason: 'too_many_connections', data: { limit: 3 } });
      expect((await c.rtm.request('list_chats')).success).toBe(true);
      third.close();
      await third.closed;
      const again = await c.connect();
      expect((await again.request('list_chats')).success).toBe(true);
      for (const rtm of [c.rtm, second, again]) rtm.close();
    });

    it('disconnects sockets past socketsPerAddress with too_many_connections, and accepts again once some close', async () => {
      const open = await Promise.all(Array.from({ length: 40 }, () => RawRtm.open(agentUrl())));
      const extra = await refusedSocket(agentUrl());
      expect(extra.code).toBe(4000);
      expect(extra.frames).toEqual([expect.objectContaining({ action: 'agent_disconnected', payload: { reason: 'too_many_connections', data: { limit: 40 } } })]);
      open[0]!.close();
      await open[0]!.closed;
      const next = await RawRtm.open(agentUrl());
      expect((await next.request('ping')).success).toBe(true);
      for (const rtm of [...open.slice(1), next]) rtm.close();
      await Promise.all([...open.slice(1), next].map((r) => r.closed));
      await customerToken(server);
      await holdConversation(server);
    });

    it('counts sockets per forwarded client address behind a trusted proxy (TRUST_PROXY)', async () => {
      const proxied = await startTestServer({ trustProxy: '127.0.0.1', rtm: { ...DEFAULT_RTM_LIMITS, socketsPerAddress: 2 } });
      try {
        const from = (client: string) => new WebSocket(`${proxied.wsUrl}/v3.5/agent/rtm/ws`, { headers: { 'x-forwarded-for': client } });
        const opened = (ws: WebSocket) => new Promise<void>((resolve) => ws.once('open', () => resolve()));
        const first = [from('203.0.113.1'), from('203.0.113.1')];
        await Promise.all(first.map(opened));
        const third = await new Promise<number>((resolve) => from('203.0.113.1').on('close', (code) => resolve(code)));
        expect(third).toBe(4000);
        const other = from('203.0.113.2');
        await opened(other);
        expect(other.readyState).toBe(WebSocket.OPEN);
        for (const ws of [...first, other]) ws.close();
      } finally {
        await proxied.close();
      }
    });
  });
});
