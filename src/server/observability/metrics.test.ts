import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { config } from '../../testing/configClient.js';
import { connectCustomer } from '../../testing/testClients.js';
import { startAcceptingServer } from '../../testing/acceptingServer.js';
import { startTestServer, type TestServer } from '../../testing/testServer.js';
import { WebhookReceiver } from '../../testing/webhookReceiver.js';

/** The value of one sample line (`name{labels} value`) of a Prometheus text body. */
function sample(body: string, name: string, labels: Record<string, string> = {}): number | undefined {
  const wanted = Object.entries(labels).map(([k, v]) => `${k}="${v}"`);
  for (const line of body.split('\n')) {
    if (!line.startsWith(`${name}{`) && !line.startsWith(`${name} `)) continue;
    if (wanted.every((pair) => line.includes(pair))) return Number(line.slice(line.lastIndexOf(' ') + 1));
  }
  return undefined;
}

describe('/metrics', () => {
  describe('GET /metrics when metrics are off (the default)', () => {
    it('answers 404 with a not_found error', async () => {
      const server = await startTestServer();
      try {
        const res = await fetch(`${server.url}/metrics`);
        expect(res.status).toBe(404);
        expect(((await res.json()) as { error: { type: string } }).error.type).toBe('not_found');
      } finally {
        await server.close();
      }
    });
  });

  describe('GET /metrics with METRICS_TOKEN', () => {
    let server: TestServer;
    const scrape = async () => (await fetch(`${server.url}/metrics`, { headers: { authorization: 'Bearer scrape-secret' } })).text();
    beforeAll(async () => {
      server = await startAcceptingServer({ config: { metrics: { enabled: true, token: 'scrape-secret', eventLoopResolutionMs: 1 } } });
    });
    afterAll(async () => { await server.close(); });

    it('refuses a scrape without the bearer token with 401 authentication', async () => {
      for (const authorization of [undefined, 'Bearer wrong', 'Bearer scrape-secret2']) {
        const res = await fetch(`${server.url}/metrics`, { headers: authorization ? { authorization } : {} });
        expect(res.status).toBe(401);
        expect(((await res.json()) as { error: { type: string } }).error.type).toBe('authentication');
      }
    });

    it('counts connections, requests by outcome, latency, pushes, commits and process metrics under the switchboard_ prefix', async () => {
      const c = await connectCustomer(server);
      const started = await c.rtm.call<{ chat_id: string }>('start_chat', { chat: { thread: { events: [{ type: 'message', text: 'hello' }] } } });
      await c.rtm.call('send_event', { chat_id: started.chat_id, event: { type: 'message', text: 'again' } });
      await c.rtm.request('send_event', { chat_id: 'no-such-chat', event: { type: 'message', text: 'lost' } });
      await c.rtm.request('made_up_action', {});
      await c.web('list_chats', {});

      const body = await scrape();
      expect(sample(body, 'switchboard_rtm_connections', { surface: 'customer' })).toBe(1);
      expect(sample(body, 'switchboard_requests_total', { surface: 'customer', transport: 'rtm', action: 'send_event', outcome: 'success' })).toBe(1);
      expect(sample(body, 'switchboard_requests_total', { surface: 'customer', transport: 'rtm', action: 'send_event', outcome: 'not_found' })).toBe(1);
      expect(sample(body, 'switchboard_requests_total', { surface: 'customer', transport: 'rtm', action: 'unknown', outcome: 'validation' })).toBe(1);
      expect(sample(body, 'switchboard_requests_total', { surface: 'customer', transport: 'web', action: 'list_chats', outcome: 'success' })).toBe(1);
      expect(body).not.toContain('made_up_action');
      expect(sample(body, 'switchboard_request_duration_seconds_count', { surface: 'customer', transport: 'rtm', action: 'start_chat' })).toBe(1);
      expect(sample(body, 'switchboard_pushes_total', { push: 'incoming_event' })).toBeGreaterThanOrEqual(1);
      expect(sample(body, 'switchboard_store_commit_duration_seconds_count')).toBeGreaterThan(0);
      expect(sample(body, 'switchboard_store_commit_batch_size_sum')).toBeGreaterThanOrEqual(sample(body, 'switchboard_store_commit_batch_size_count')!);
      expect(sample(body, 'switchboard_webhook_outbox_depth')).toBe(0);
      expect(sample(body, 'switchboard_webhook_delivery_failures_total')).toBeUndefined();
      expect(sample(body, 'switchboard_ready')).toBe(1);
      expect(sample(body, 'switchboard_nodejs_eventloop_lag_seconds')).toBeGreaterThanOrEqual(0);
      expect(sample(body, 'switchboard_process_resident_memory_bytes')).toBeGreaterThan(0);

      c.rtm.close();
      await c.rtm.closed;
      await expect.poll(async () => sample(await scrape(), 'switchboard_rtm_connections', { surface: 'customer' })).toBe(0);
    });

    it('reports the longest event-loop delay of the window since the previous scrape, sampled at METRICS_LOOP_RESOLUTION_MS, which the bench reads around a load phase (#16)', async () => {
      await scrape();
      // The test server runs in this process: holding the loop here is a stall of the server.
      const until = performance.now() + 60;
      while (performance.now() < until) { /* a 60 ms stall */ }
      await new Promise((resolve) => setTimeout(resolve, 5));
      const body = await scrape();
      // Sampled every 1 ms, the recorded delay is within a millisecond of the stall (at 10 ms it could be 50 ms).
      expect(sample(body, 'switchboard_nodejs_eventloop_lag_max_seconds')).toBeGreaterThanOrEqual(0.058);
    });

    it('counts each push once however often it is scraped (#16: pushes are handed to prom-client when it collects)', async () => {
      const c = await connectCustomer(server);
      const started = await c.rtm.call<{ chat_id: string }>('start_chat', { chat: { thread: { events: [] } } });
      const before = sample(await scrape(), 'switchboard_pushes_total', { push: 'incoming_event' }) ?? 0;
      await c.rtm.call('send_event', { chat_id: started.chat_id, event: { type: 'message', text: 'counted once' } });
      const after = sample(await scrape(), 'switchboard_pushes_total', { push: 'incoming_event' })!;
      expect(after).toBeGreaterThan(before);
      expect(sample(await scrape(), 'switchboard_pushes_total', { push: 'incoming_event' })).toBe(after);
      c.rtm.close();
    });
  });
});

describe('/metrics with METRICS=on', () => {
  let server: TestServer;
  const scrape = async () => (await fetch(`${server.url}/metrics`)).text();
  beforeAll(async () => {
    server = await startTestServer({
      metrics: { enabled: true },
      webhookDelivery: { timeoutMs: 300, backoffMs: 20, maxBackoffMs: 40, maxAttempts: 3, maxAgeMs: 60_000, concurrency: 2 },
    });
    await server.ownerAcceptsChats();
  });
  afterAll(async () => { await server.close(); });

  describe('webhook metrics', () => {
    it('count each failed attempt, the last one as final, and show the outbox emptied', async () => {
      const receiver = await WebhookReceiver.start();
      try {
        receiver.respond = () => ({ status: 500 });
        await config(server, 'register_webhook', { action: 'incoming_event', url: receiver.url, secret_key: 'k', owner_client_id: 'metrics-test', type: 'license' });
        const c = await connectCustomer(server);
        const { chat_id } = await c.rtm.call<{ chat_id: string }>('start_chat', {});
        await c.rtm.call('send_event', { chat_id, event: { type: 'message', text: 'doomed' } });
        await expect.poll(async () => sample(await scrape(), 'switchboard_webhook_delivery_failures_total', { final: 'true' }), { timeout: 10_000 }).toBe(1);
        const body = await scrape();
        expect(sample(body, 'switchboard_webhook_delivery_failures_total', { final: 'false' })).toBe(2);
        expect(sample(body, 'switchboard_webhook_outbox_depth')).toBe(0);
        c.rtm.close();
      } finally {
        await receiver.close();
      }
    });
  });

  describe('docs/grafana-dashboard.json', () => {
    it('is valid JSON whose every switchboard_ metric is one the server exports', async () => {
      const dashboard = JSON.parse(readFileSync('docs/grafana-dashboard.json', 'utf8')) as { panels: { targets: { expr: string }[] }[] };
      const used = new Set(dashboard.panels.flatMap((p) => p.targets.flatMap((t) => t.expr.match(/switchboard_[a-z0-9_]+/g) ?? [])));
      expect(used.size).toBeGreaterThan(10);
      const exported = new Set([...(await scrape()).matchAll(/^# TYPE (\S+) /gm)].map((m) => m[1]));
      for (const name of used) expect(exported.has(name.replace(/_(bucket|sum|count)$/, '')), name).toBe(true);
    });
  });
});
