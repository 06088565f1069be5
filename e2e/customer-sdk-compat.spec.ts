import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { expect, test, type Browser, type Page } from '@playwright/test';
import { chromium } from 'playwright-core';
import WebSocket from 'ws';
import { agentWeb } from '../src/testing/testClients.js';
import { startTestServer, type TestServer } from '../src/testing/testServer.js';

/**
 * The official LiveChat customer client (@livechat/customer-sdk 4.0.2), unchanged, against our
 * server. It hard-codes LiveChat's hosts and TLS, so the browser's traffic to those hosts is routed
 * to the local server; the SDK itself is untouched.
 */
const require = createRequire(import.meta.url);
const sdkSource = readFileSync(require.resolve('@livechat/customer-sdk/dist/customer-sdk.js'), 'utf8');

let server: TestServer;
let browser: Browser;
test.beforeAll(async () => {
  server = await startTestServer();
  await server.ownerAcceptsChats();
  browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
});
test.afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function openShop(): Promise<Page> {
  const page = await browser.newPage();
  await page.route('https://shop.test/**', (route) => route.fulfill({ contentType: 'text/html', body: '<!doctype html><title>Shop</title><h1>Shop</h1>' }));
  await page.route('https://shop.test/customer-sdk.js', (route) => route.fulfill({ contentType: 'text/javascript', body: sdkSource }));
  // LiveChat's accounts and API hosts → this server (same paths).
  await page.route(/^https:\/\/(accounts|api)\.livechatinc\.com\//, async (route) => {
    const req = route.request();
    const url = new URL(req.url());
    const target = `${server.url}${url.pathname}${url.search}`;
    const headers = { ...req.headers() };
    delete headers.host;
    const body = req.method() === 'GET' || req.method() === 'HEAD' ? undefined : req.postDataBuffer();
    const res = await fetch(target, { method: req.method(), headers, ...(body ? { body: new Uint8Array(body) } : {}) });
    const out: Record<string, string> = {};
    res.headers.forEach((v, k) => { if (k !== 'content-encoding' && k !== 'content-length' && k !== 'transfer-encoding') out[k] = v; });
    await route.fulfill({ status: res.status, headers: out, body: Buffer.from(await res.arrayBuffer()) });
  });
  await page.route('https://queue.livechatinc.com/**', (route) => route.fulfill({ status: 200, body: '' }));
  await page.routeWebSocket(/^wss:\/\/api\.livechatinc\.com\//, (ws) => {
    const url = new URL(ws.url());
    const upstream = new WebSocket(`${server.wsUrl}${url.pathname}${url.search}`);
    const queued: string[] = [];
    upstream.on('open', () => { for (const m of queued.splice(0)) upstream.send(m); });
    upstream.on('message', (data) => ws.send(data.toString()));
    upstream.on('close', (code) => ws.close({ code: code === 1005 ? 1000 : code }));
    ws.onMessage((m) => { const s = typeof m === 'string' ? m : m.toString(); if (upstream.readyState === upstream.OPEN) upstream.send(s); else queued.push(s); });
    ws.onClose(() => upstream.close());
  });
  await page.goto('https://shop.test/');
  await page.addScriptTag({ url: 'https://shop.test/customer-sdk.js' });
  return page;
}

test('the official customer SDK connects, starts a chat, sends, receives an agent reply and reads history', async () => {
  const page = await openShop();
  const org = server.credentials.organization_id;
  const result = await page.evaluate(async (organizationId) => {
    const w = window as unknown as { CustomerSDK: any; sdk: any; incoming: any[] };
    const sdk = w.CustomerSDK.init({ organizationId, clientId: 'switchboard-compat' });
    w.sdk = sdk;
    w.incoming = [];
    sdk.on('incoming_event', (e: any) => w.incoming.push(e));
    const connected = await new Promise<any>((resolve) => sdk.once('connected', resolve));
    const started = await sdk.startChat({ chat: { thread: { events: [{ type: 'message', text: 'Hello from the official SDK' }] } } });
    const sent = await sdk.sendEvent({ chatId: started.chat.id, event: { type: 'message', text: 'Second message' } });
    return { customerId: connected.customer.id, chatId: started.chat.id, threadId: started.chat.thread.id, startedEvents: started.chat.thread.events.length, sentText: sent.text };
  }, org);
  expect(result.customerId).toMatch(/^[0-9a-f-]{36}$/);
  expect(result.startedEvents).toBeGreaterThanOrEqual(1);
  expect(result.sentText).toBe('Second message');

  const reply = await agentWeb(server, 'send_event', { chat_id: result.chatId, event: { type: 'message', text: 'An agent answers', visibility: 'all' } });
  expect(reply.status).toBe(200);
  await expect.poll(() => page.evaluate(() => (window as any).incoming.map((e: any) => e.event.text))).toContain('An agent answers');

  const history = await page.evaluate(async (chatId) => {
    const sdk = (window as any).sdk;
    const it = sdk.getChatHistory({ chatId });
    const { value } = await it.next();
    const chats = await sdk.listChats({});
    await sdk.updateCustomer({ name: 'Compat Visitor' });
    const customer = await sdk.getCustomer();
    await sdk.deactivateChat({ id: chatId });
    return { texts: value.threads.flatMap((t: any) => t.events.filter((e: any) => e.type === 'message').map((e: any) => e.text)), chatIds: chats.chatsSummary.map((c: any) => c.id), name: customer.name };
  }, result.chatId);
  expect(history.texts).toEqual(['Hello from the official SDK', 'Second message', 'An agent answers']);
  expect(history.chatIds).toContain(result.chatId);
  expect(history.name).toBe('Compat Visitor');
  await page.close();
});
