/**
 * Load driver: a separate process, commanded by `bench/run.ts` over IPC, that plays C customers
 * (each with an active chat) and A agents over real RTM sockets: token, login, start_chat, routing,
 * send_event. It works the same against Switchboard and the `ws` relay baseline.
 *
 * Latency is measured end to end in this process: the message text carries the send time
 * (performance.now()), the receiving side parses it. Only the intended recipient counts a
 * delivery (the assigned agent for customer messages, the customer's socket for agent messages);
 * the sender's own echo and pushes to other watching agents are counted as extra frames.
 *
 * Without agents (`agents: []`) each customer opens a second tab and messages go tab→tab.
 */
import { request } from 'node:http';
import { monitorEventLoopDelay, type IntervalHistogram } from 'node:perf_hooks';
import WebSocket from 'ws';
import { percentiles, slowWindows, type Percentiles, type SlowWindow } from './stats.js';

interface Side { ws: WebSocket; id: string; pending: number; n: number; label: string }
interface Chat { id: string; customer: Side; peer: Side | undefined; token: string; url: string; peerUrl: string; addr: string }
type Frame = { request_id?: string; action: string; type: string; success?: boolean; payload: any };

/**
 * `peerBase`, when set, is another node of the same deployment: agents and customers' second tabs
 * connect there while customers stay on `base`, so every message crosses between the nodes.
 */
export interface SetupArgs { base: string; peerBase?: string; org: string; customers: number; agents: { id: string; token: string }[]; concurrency: number; deadlineMs: number; continuous: boolean; peerTabs: boolean }
export interface PhaseResult {
  seconds: number; sent: number; acked: number; ackedPerSec: number; delivered: number; deliveredPerSec: number; errors: number; skipped: number; extraFrames: number;
  customerToAgent: Percentiles; agentToCustomer: Percentiles; errorTypes: Record<string, number>;
  /** This driver's own event-loop delay during the phase (ms): a late driver would inflate the latencies it measures. */
  driverLoop: { p99Ms: number; maxMs: number };
  /** Where the slowest 1 % of customer→agent messages were sent, as windows of the phase (largest first). */
  slowWindows: SlowWindow[]; slowWindowCount: number;
}

const TEXT_LEN = 96;
/** The pushes the driver's agents act on (their login asks for these only). */
const AGENT_PUSHES = ['incoming_chat', 'user_added_to_chat', 'incoming_event'];
let addrN = 0;
/** A fresh loopback source address per customer: spreads ephemeral ports and per-address token limits. */
function nextAddress(): string {
  const i = addrN++;
  return `127.${1 + ((i >> 16) & 0x7f)}.${(i >> 8) & 0xff}.${(i & 0xff) || 1}`;
}

let chats: Chat[] = [];
let agentSides: Side[] = [];
let allSockets: WebSocket[] = [];
const targetOf = new Map<string, { c2a: Side | undefined; a2c: Side }>();
let extraFrames = 0;
let errors = 0;
const errorTypes: Record<string, number> = {};
let lat: { c2a: Float64Array; c2aSentAt: Float64Array; a2c: Float64Array; nc: number; na: number; t0: number } = { c2a: new Float64Array(1), c2aSentAt: new Float64Array(1), a2c: new Float64Array(1), nc: 0, na: 0, t0: 0 };
let recording = false;
let ownLoop: IntervalHistogram | undefined;
let delivered = 0;
let acked = 0;
let onResponse: ((side: Side) => void) | undefined;
const waiters = new Map<string, (f: Frame) => void>();
let reqN = 0;

function post(base: string, path: string, body: object, localAddress: string): Promise<any> {
  return new Promise((resolve, reject) => {
    const data = JSON.stringify(body);
    // `agent: false` (Connection: close): Node's global agent keeps each connection alive for 5 s, and
    // with a fresh source address per customer none is ever reused — at a thousand or more customers
    // a second they held thousands of idle descriptors in the driver (EMFILE beside 10,500 sockets)
    // and in the server under test while its idle memory was read.
    const req = request(`${base}${path}`, { method: 'POST', localAddress, agent: false, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(data) } }, (res) => {
      let s = '';
      res.on('data', (d: Buffer) => (s += d));
      res.on('end', () => (res.statusCode === 200 ? resolve(JSON.parse(s)) : reject(new Error(`token ${res.statusCode} ${s}`))));
    });
    req.on('error', reject);
    req.setTimeout(10_000, () => req.destroy(new Error('token timeout')));
    req.end(data);
  });
}

function onFrame(side: Side, f: Frame): void {
  if (f.type === 'response') {
    if (f.request_id?.startsWith('s')) {
      side.pending--;
      if (f.success) acked++;
      if (!f.success) { errors++; const t = f.payload?.error?.type ?? '?'; errorTypes[t] = (errorTypes[t] ?? 0) + 1; }
      onResponse?.(side);
      return;
    }
    const w = f.request_id ? waiters.get(f.request_id) : undefined;
    if (w) { waiters.delete(f.request_id!); w(f); }
    return;
  }
  if (f.action === 'incoming_event') {
    if (f.request_id) return; // our own echo
    const text: unknown = f.payload?.event?.text;
    const t = targetOf.get(f.payload?.chat_id);
    if (typeof text !== 'string' || !t || !recording) { extraFrames++; return; }
    const dir = text.charCodeAt(0) === 99 /* c */ ? 'c2a' : 'a2c';
    if ((dir === 'c2a' ? t.c2a : t.a2c) !== side) { extraFrames++; return; }
    const sentAt = parseFloat(text.slice(1));
    const ms = performance.now() - sentAt;
    delivered++;
    if (dir === 'c2a') { if (lat.nc < lat.c2a.length) { lat.c2aSentAt[lat.nc] = sentAt - lat.t0; lat.c2a[lat.nc++] = ms; } } else if (lat.na < lat.a2c.length) lat.a2c[lat.na++] = ms;
    return;
  }
  if (f.action === 'incoming_chat' || f.action === 'user_added_to_chat') assignmentSeen(side, f);
  else extraFrames++;
}

const assigned = new Map<string, Side>();
function assignmentSeen(side: Side, f: Frame): void {
  if (!agentSides.includes(side)) return;
  const users: { id: string }[] = f.payload?.chat?.users ?? (f.payload?.user ? [f.payload.user] : []);
  const chatId: string = f.payload?.chat?.id ?? f.payload?.chat_id;
  if (chatId && users.some((u) => u.id === side.id)) assigned.set(chatId, side);
}

function open(url: string, localAddress: string | undefined, label: string): Promise<Side> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, { perMessageDeflate: false, ...(localAddress ? { localAddress } : {}), handshakeTimeout: 10_000 });
    const side: Side = { ws, id: '', pending: 0, n: 0, label };
    ws.on('message', (d) => {
      const text = d.toString();
      // Every agent of a chat's groups gets its incoming_chat: the ones naming another agent are
      // not parsed (onFrame would only look for this agent in them).
      if (label === 'agent' && text.includes('"action":"incoming_chat"') && !text.includes(`"${side.id}"`)) return;
      onFrame(side, JSON.parse(text) as Frame);
    });
    ws.once('open', () => { allSockets.push(ws); resolve(side); });
    ws.once('error', reject);
    ws.on('error', () => undefined);
  });
}

function call(side: Side, action: string, payload: object, timeoutMs = 10_000): Promise<any> {
  const request_id = `q${++reqN}`;
  return new Promise((resolve, reject) => {
    const t = setTimeout(() => { waiters.delete(request_id); reject(new Error(`${action} timed out`)); }, timeoutMs);
    waiters.set(request_id, (f) => { clearTimeout(t); if (f.success) resolve(f.payload); else reject(new Error(`${action}: ${JSON.stringify(f.payload?.error)}`)); });
    side.ws.send(JSON.stringify({ request_id, action, payload }));
  });
}

async function pool<T>(n: number, concurrency: number, deadline: number, fn: (i: number) => Promise<T>): Promise<{ ok: T[]; failed: number; firstError?: string }> {
  const ok: T[] = [];
  let next = 0; let failed = 0; let firstError: string | undefined;
  await Promise.all(Array.from({ length: Math.min(concurrency, n) }, async () => {
    while (next < n && performance.now() < deadline) {
      const i = next++;
      try { ok.push(await fn(i)); } catch (e) { failed++; firstError ??= String((e as Error).message ?? e); }
    }
  }));
  return { ok, failed, ...(firstError ? { firstError } : {}) };
}

async function setup(a: SetupArgs) {
  const t0 = performance.now();
  const deadline = t0 + a.deadlineMs;
  const ws = a.base.replace(/^http/, 'ws');
  const peerWs = (a.peerBase ?? a.base).replace(/^http/, 'ws');
  agentSides = [];
  for (const ag of a.agents) {
    const s = await open(`${peerWs}/v3.5/agent/rtm/ws`, undefined, 'agent');
    s.id = ag.id;
    agentSides.push(s);
    // Like a client that shows no visitor list: the login's documented `pushes` filter leaves out
    // visitor monitoring (incoming_customer to every agent per customer), which the relay never sends.
    await call(s, 'login', { token: ag.token, pushes: { '3.5': AGENT_PUSHES } });
    await call(s, 'set_routing_status', { status: 'accepting_chats' });
  }
  const tabs = a.agents.length === 0;
  const made = await pool(a.customers, a.concurrency, deadline, async () => {
    const addr = nextAddress();
    const tok = await post(a.base, '/v2/customer/token', { grant_type: 'cookie', organization_id: a.org, client_id: 'bench' }, addr);
    const url = `${ws}/v3.5/customer/rtm/ws?organization_id=${a.org}`;
    const peerUrl = `${peerWs}/v3.5/customer/rtm/ws?organization_id=${a.org}`;
    const c = await open(url, addr, 'customer');
    c.id = tok.entity_id;
    await call(c, 'login', { token: `Bearer ${tok.access_token}` });
    let peer: Side | undefined;
    if (tabs) { peer = await open(peerUrl, addr, 'tab'); await call(peer, 'login', { token: `Bearer ${tok.access_token}` }); }
    const r = await call(c, 'start_chat', { chat: { thread: { events: [] } }, ...(a.continuous ? { continuous: true } : {}) });
    return { id: r.chat_id as string, customer: c, peer, token: tok.access_token as string, url, peerUrl, addr } satisfies Chat;
  });
  chats = made.ok;
  let routed = 0;
  let tabbed = 0;
  if (!tabs) {
    // Wait (bounded) for routing to name every chat's agent; chats beyond the agents' caps stay
    // queued (still active), and their customer gets a second tab as the other side instead.
    const routeDeadline = Math.min(deadline, performance.now() + 5000);
    while (performance.now() < routeDeadline && chats.some((c) => !assigned.has(c.id))) await new Promise((r) => setTimeout(r, 50));
    for (const c of chats) c.peer = assigned.get(c.id);
    routed = chats.filter((c) => c.peer).length;
    const queued = a.peerTabs ? chats.filter((c) => !c.peer) : [];
    await pool(queued.length, a.concurrency, deadline + 30_000, async (i) => {
      const c = queued[i]!;
      const peer = await open(c.peerUrl, c.addr, 'tab');
      await call(peer, 'login', { token: `Bearer ${c.token}` });
      c.peer = peer;
      tabbed++;
    });
  } else tabbed = chats.length;
  const idle = chats.length;
  chats = chats.filter((c) => c.peer);
  for (const c of chats) targetOf.set(c.id, { c2a: c.peer, a2c: c.customer });
  return { customers: made.ok.length, failed: made.failed, firstError: made.firstError, chats: idle, loadedChats: chats.length, routedToAgents: routed, tabPeers: tabbed, agents: agentSides.length, sockets: allSockets.length, setupSeconds: (performance.now() - t0) / 1000 };
}

function sendEvent(from: Side, chat: Chat, dir: 'c' | 'a'): void {
  const stamp = `${dir}${performance.now().toFixed(3)} `;
  const text = stamp.padEnd(TEXT_LEN, 'x');
  from.pending++;
  from.ws.send(JSON.stringify({ request_id: `s${++reqN}`, action: 'send_event', payload: { chat_id: chat.id, event: { type: 'message', text } } }));
}

function startRecording(capacity: number): void {
  lat = { c2a: new Float64Array(capacity), c2aSentAt: new Float64Array(capacity), a2c: new Float64Array(capacity), nc: 0, na: 0, t0: performance.now() };
  delivered = 0; acked = 0; errors = 0; extraFrames = 0; for (const k of Object.keys(errorTypes)) delete errorTypes[k];
  recording = true;
  ownLoop = monitorEventLoopDelay({ resolution: 1 });
  ownLoop.enable();
}

async function finish(t0: number, sent: number, skipped: number): Promise<PhaseResult> {
  const sendEnd = performance.now();
  // Drain: wait (≤ 2 s) for in-flight messages; they count toward latency but not toward the rate window.
  const deliveredAtEnd = delivered;
  const ackedAtEnd = acked;
  const until = performance.now() + 2000;
  while (performance.now() < until && [...agentSides, ...chats.map((c) => c.customer), ...chats.map((c) => c.peer!)].some((s) => s.pending > 0)) await new Promise((r) => setTimeout(r, 20));
  await new Promise((r) => setTimeout(r, 50));
  recording = false;
  onResponse = undefined;
  ownLoop?.disable();
  const driverLoop = { p99Ms: (ownLoop?.percentile(99) ?? NaN) / 1e6, maxMs: (ownLoop?.max ?? NaN) / 1e6 };
  const seconds = (sendEnd - t0) / 1000;
  const slowest = slowWindows(lat.c2aSentAt, lat.c2a, lat.nc); // before percentiles() sorts the samples
  return {
    seconds, sent, acked, ackedPerSec: ackedAtEnd / seconds, delivered, deliveredPerSec: deliveredAtEnd / seconds, errors, skipped, extraFrames,
    slowWindows: slowest.slice(0, 8), slowWindowCount: slowest.length,
    customerToAgent: percentiles(lat.c2a, lat.nc), agentToCustomer: percentiles(lat.a2c, lat.na), errorTypes: { ...errorTypes }, driverLoop,
  };
}

/** Open loop: `rate` messages/s for `seconds`, alternating directions, round robin over chats. */
async function fixed(rate: number, seconds: number, maxPending: number): Promise<PhaseResult> {
  startRecording(Math.ceil(rate * seconds) + 1000);
  let sent = 0; let skipped = 0; let k = 0;
  const t0 = performance.now();
  const tickMs = 5;
  await new Promise<void>((resolve) => {
    const timer = setInterval(() => {
      const elapsed = performance.now() - t0;
      if (elapsed >= seconds * 1000) { clearInterval(timer); resolve(); return; }
      const due = Math.floor((elapsed / 1000) * rate);
      while (sent + skipped < due) {
        const chat = chats[(k >> 1) % chats.length]!;
        const dir = k % 2 === 0 ? 'c' : 'a';
        k++;
        const from = dir === 'c' ? chat.customer : chat.peer!;
        if (from.pending >= maxPending) { skipped++; continue; }
        sendEvent(from, chat, dir);
        sent++;
      }
    }, tickMs);
  });
  return finish(t0, sent, skipped);
}

/** Closed loop: every customer keeps one message in flight, every agent `window`, for `seconds`. */
async function saturate(seconds: number, window: number): Promise<PhaseResult> {
  startRecording(4_000_000);
  let sent = 0;
  const t0 = performance.now();
  const end = t0 + seconds * 1000;
  const byAgent = new Map<Side, Chat[]>();
  for (const c of chats) { const l = byAgent.get(c.peer!) ?? []; l.push(c); byAgent.set(c.peer!, l); }
  const chatOfCustomer = new Map<Side, Chat>(chats.map((c) => [c.customer, c]));
  const pump = (s: Side) => {
    if (performance.now() >= end) return;
    const own = chatOfCustomer.get(s);
    if (own) { if (s.pending < 1) { sendEvent(s, own, 'c'); sent++; } return; }
    const list = byAgent.get(s);
    if (!list) return;
    while (s.pending < window) { const chat = list[s.n++ % list.length]!; sendEvent(s, chat, 'a'); sent++; }
  };
  onResponse = pump;
  for (const c of chats) pump(c.customer);
  for (const s of byAgent.keys()) pump(s);
  await new Promise((r) => setTimeout(r, seconds * 1000));
  return finish(t0, sent, 0);
}

async function teardown() {
  for (const ws of allSockets) ws.terminate();
  allSockets = []; chats = []; agentSides = []; targetOf.clear(); assigned.clear();
  await new Promise((r) => setTimeout(r, 300));
  return { ok: true };
}

type Command =
  | { cmd: 'setup'; args: SetupArgs }
  | { cmd: 'fixed'; args: { rate: number; seconds: number; maxPending: number } }
  | { cmd: 'saturate'; args: { seconds: number; window: number } }
  | { cmd: 'teardown' };

process.on('message', (m: { id: number } & Command) => {
  const run = async () => {
    switch (m.cmd) {
      case 'setup': return setup(m.args);
      case 'fixed': return fixed(m.args.rate, m.args.seconds, m.args.maxPending);
      case 'saturate': return saturate(m.args.seconds, m.args.window);
      case 'teardown': return teardown();
    }
  };
  run().then((result) => process.send?.({ id: m.id, result }), (e: Error) => process.send?.({ id: m.id, error: String(e.stack ?? e) }));
});
process.on('disconnect', () => process.exit(0));
