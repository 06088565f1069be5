import WebSocket from 'ws';
import { describe, expect, it, vi } from 'vitest';
import { connectCustomer, agentWeb } from '../../testing/testClients.js';
import { startTestServer } from '../../testing/testServer.js';

describe('BuiltApp', () => {
  describe('drain()', () => {
    it('answers in-flight requests, then tells RTM clients service_temporarily_unavailable and closes with 1012', async () => {
      const server = await startTestServer();
      try {
        await server.ownerAcceptsChats();
        const c = await connectCustomer(server);
        const chat = await c.rtm.call<{ chat_id: string }>('start_chat', { chat: { thread: { events: [{ type: 'message', text: 'first' }] } } });
        // The drain starts inside the first send's transaction: that request is in flight for sure.
        let drained: Promise<boolean> | undefined;
        const stopWatching = server.built.platform.uow.addTransactionalListener(async () => { drained ??= server.built.drain(); });
        const sends = Array.from({ length: 8 }, (_, i) => c.rtm.request('send_event', { chat_id: chat.chat_id, event: { type: 'message', text: `m${i}`, custom_id: `k${i}` } }));
        const answers = await Promise.all(sends);
        stopWatching();
        expect(await drained).toBe(true);
        expect(answers[0]!.success).toBe(true);
        // Requests that arrived after the drain began are refused, never half-done.
        for (const refused of answers.filter((f) => !f.success)) expect(refused.payload.error!.type).toBe('service_unavailable');
        const acknowledged = answers.flatMap((f, i) => (f.success ? [`m${i}`] : []));

        const disconnected = await c.rtm.push('customer_disconnected');
        expect(disconnected.payload).toEqual({ reason: 'service_temporarily_unavailable' });
        expect((await c.rtm.closed).code).toBe(1012);
        // Every answer came after its commit: a restart on the same data folder has every event.
        const again = await server.restart();
        try {
          const got = await agentWeb<{ thread: { events: { type: string; text?: string }[] } }>(again, 'get_chat', { chat_id: chat.chat_id });
          expect(got.body.thread.events.filter((e) => e.type === 'message').map((e) => e.text)).toEqual(['first', ...acknowledged]);
        } finally {
          await again.close();
        }
      } finally {
        await server.close();
      }
    });

    it('waits for a unit still in flight after its socket closed mid-request: it commits and publishes before the node closes (#18)', async () => {
      const server = await startTestServer();
      try {
        await server.ownerAcceptsChats();
        const c = await connectCustomer(server);
        const chat = await c.rtm.call<{ chat_id: string }>('start_chat', { chat: { thread: { events: [{ type: 'message', text: 'first' }] } } });
        // The send's transaction is held until its socket is gone and the drain has begun.
        let release!: () => void;
        const held = new Promise<void>((resolve) => { release = resolve; });
        let entered!: () => void;
        const inTransaction = new Promise<void>((resolve) => { entered = resolve; });
        const order: string[] = [];
        const stopHolding = server.built.platform.uow.addTransactionalListener(async (_tx, events) => {
          if (!events.some((e) => e.kind === 'chat_push' && e.name === 'incoming_event')) return undefined;
          entered();
          await held;
          return () => order.push('committed');
        });
        void c.rtm.request('send_event', { chat_id: chat.chat_id, event: { type: 'message', text: 'orphan', custom_id: 'orphan' } }).catch(() => undefined);
        await inTransaction;
        c.rtm.close();
        await vi.waitFor(() => expect(server.built.registry.connectionsOf(c.id)).toHaveLength(0));

        const drained = server.built.drain().then((done) => { order.push('drained'); return done; });
        // Let a drain that does not wait for the unit finish first.
        await new Promise((resolve) => setImmediate(resolve));
        release();
        expect(await drained).toBe(true);
        stopHolding();
        expect(order).toEqual(['committed', 'drained']);
      } finally {
        await server.close();
      }
    });

    it('refuses new sockets and new HTTP requests with 503 service_unavailable while /healthz still answers', async () => {
      const server = await startTestServer();
      try {
        await server.built.drain();
        const status = await new Promise<number>((resolve) => {
          const ws = new WebSocket(`${server.wsUrl}/v3.5/agent/rtm/ws`);
          ws.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
          ws.on('open', () => resolve(101));
          ws.on('error', () => undefined);
        });
        expect(status).toBe(503);
        const web = await agentWeb<{ error: { type: string } }>(server, 'list_chats');
        expect(web.status).toBe(503);
        expect(web.body.error.type).toBe('service_unavailable');
        expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
      } finally {
        await server.close();
      }
    });
  });
});
