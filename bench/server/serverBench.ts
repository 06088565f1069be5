/**
 * Server half of `npm run bench`: starts the `ws` relay baseline and Switchboard (each as its own
 * process, stopped by PID), drives both with the same load driver at each scale point, and measures
 * the durability cost against raw SQLite inserts in the same run.
 */
import { execFile, execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { rpc, start, stop, waitForLine } from '../procs.js';
import { rawInsertRate } from './sqliteRaw.js';
import { watchServerLoop, type ServerLoop } from './serverLoop.js';
import { cpuShare, cpuWaitShare, procSample, schedSample, treeSample, type ProcSample } from './stats.js';
import type { PhaseResult } from './driver.js';

const TSX = ['--import', 'tsx'];

/** The server as production runs it: built JavaScript (rebuilt here when its sources changed). */
let serverBuilt = false;
/** BENCH_SERVER=<main.js> runs another build (A/B against a copy of an older dist/server). */
export function builtServer(): string {
  if (process.env.BENCH_SERVER) return process.env.BENCH_SERVER;
  if (!serverBuilt) execFileSync(process.execPath, ['scripts/build-if-needed.mjs', '--server'], { stdio: 'inherit', timeout: 120_000 });
  serverBuilt = true;
  return 'dist/server/main.js';
}

export interface ServerBenchOptions {
  /** Agents per scale point; undefined = enough for every chat to be routed (C / 20). */
  scales: number[]; agents?: number; rate: number; phaseSeconds: number; deadline: number; log: (s: string) => void;
  /** SQLITE_SYNCHRONOUS for the scale runs (the durability rows run both). */
  sync: 'full' | 'normal';
}

/** A process whose CPU a phase reports: `server` ones add up to the server CPU; `tree` counts its children too. */
export interface MeasuredProc { role: string; pid: number; kind: 'server' | 'service'; tree?: boolean }

export interface Target {
  name: string; pid: number; base: string; org: string; agents: { id: string; token: string }[]; stop(): Promise<void>;
  /** Another node: agents and second tabs connect there (bench/server/driver.ts). */
  peerBase?: string;
  /** Every process of the deployment; default: the one server process `pid`. */
  procs?: MeasuredProc[];
  /** Base URL of a node serving /metrics (METRICS=on): its event loop and GC are read around each phase. */
  metricsBase?: string;
}

/** Chats one agent holds in the bench (the protocol's maximum for a human agent). */
export const AGENT_CAP = 20;

async function startRelay(agents: number): Promise<Target> {
  const child = start(process.execPath, [...TSX, 'bench/baseline/wsRelay.ts', '0', String(AGENT_CAP)]);
  const m = await waitForLine(child, /listening (\d+)/, 30_000);
  const fake = Array.from({ length: agents }, (_, i) => ({ id: `relay-agent-${i}`, token: `Bearer relay-agent-${i}` }));
  return { name: 'ws relay', pid: child.pid!, base: `http://127.0.0.1:${m[1]}`, org: 'relay', agents: fake, stop: () => stop(child) };
}

export function freePort(): Promise<number> {
  return import('node:net').then(({ createServer }) => new Promise((resolve) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => { const a = s.address(); s.close(() => resolve(typeof a === 'object' && a ? a.port : 0)); });
  }));
}

export async function post(url: string, auth: string, body: object): Promise<{ status: number; body: any }> {
  const r = await fetch(url, { method: 'POST', headers: { authorization: auth, 'content-type': 'application/json' }, body: JSON.stringify(body) });
  return { status: r.status, body: await r.json().catch(() => null) };
}

/** A bootstrapped data folder with the owner plus `want - 1` agents (bench/server/makeAgents.ts). */
export function prepareDataDir(dataDir: string, want: number, env: Record<string, string> = {}): Promise<{ organization_id: string; agents: { id: string; token: string }[] }> {
  return new Promise((resolve, reject) => execFile(process.execPath, [...TSX, 'bench/server/makeAgents.ts', String(want), String(AGENT_CAP)],
    { env: { ...process.env, ...env, DATA_DIR: dataDir, LOG_LEVEL: 'silent' }, timeout: 60_000, maxBuffer: 16 * 2 ** 20 },
    (e, so, se) => { if (e) reject(new Error(`makeAgents: ${e.message} ${String(se).slice(-500)}`)); else resolve(JSON.parse(String(so).trim().split('\n').pop()!)); }));
}

async function startSwitchboard(sync: 'full' | 'normal', agents: number, log: (s: string) => void): Promise<Target> {
  const dataDir = mkdtempSync(join(tmpdir(), 'sb-bench-data-'));
  const prepared = await prepareDataDir(dataDir, agents);
  const port = await freePort();
  const child = start(process.execPath, [builtServer()], {
    env: { HOST: '127.0.0.1', PORT: String(port), DATA_DIR: dataDir, SQLITE_SYNCHRONOUS: sync, SWITCHBOARD_BOT: 'off', LOG_LEVEL: 'error', RTM_RATE_PER_SECOND: '100000', RTM_RATE_BURST: '100000', RTM_SOCKETS_PER_ADDRESS: '100000', METRICS: 'on', METRICS_LOOP_RESOLUTION_MS: '1' },
  });
  const cleanup = async () => { await stop(child); rmSync(dataDir, { recursive: true, force: true }); };
  try {
    await waitForLine(child, /API base/, 60_000);
  } catch (e) { await cleanup(); throw e; }
  const base = `http://127.0.0.1:${port}`;
  const owner = prepared.agents[0]!;
  const r = await post(`${base}/v3.5/configuration/action/update_agent`, owner.token, { id: owner.id, max_chats_count: AGENT_CAP });
  if (r.status !== 200) log(`  update_agent ${owner.id}: ${r.status} ${JSON.stringify(r.body).slice(0, 160)}`);
  return { name: `switchboard (sync ${sync})`, pid: child.pid!, base, org: prepared.organization_id, agents: prepared.agents, stop: cleanup, metricsBase: base };
}

/** A Switchboard server (sync full, defaults otherwise) for the standalone-page measurement. */
export async function startSwitchboardForPage(log: (s: string) => void): Promise<{ base: string; stop(): Promise<void> }> {
  return startSwitchboard('full', 1, log);
}

export interface ScaleResult {
  customers: number; setup: any; rssIdleBytes: number; rssBeforeBytes: number; idleBytesPerConnection: number;
  /** RSS once the process has been idle IDLE_SETTLE_MS after the last setup, and per connection (server bench only). */
  rssSettledBytes?: number; settledBytesPerConnection?: number;
  fixed?: MeasuredPhase;
  saturation?: MeasuredPhase;
}

/** A driver phase with the CPU (fraction of one core) of every process: `procCpu` by role, driver included. */
export type MeasuredPhase = PhaseResult & {
  serverCpu: number; driverCpu: number; rssBytes: number; procCpu: Record<string, number>; serverLoop?: ServerLoop;
  /** Share of the phase the (first) server's main thread waited runnable for a CPU: the machine's contention. */
  serverCpuWait: number;
};

async function phase(call: ReturnType<typeof rpc>, cmd: string, args: object, t: Target, driverPid: number, timeoutMs: number): Promise<MeasuredPhase> {
  const procs: MeasuredProc[] = [...(t.procs ?? [{ role: 'server', pid: t.pid, kind: 'server' }]), { role: 'driver', pid: driverPid, kind: 'service' }];
  const sample = (p: MeasuredProc): ProcSample => (p.tree ? treeSample(p.pid) : procSample(p.pid));
  const loop = t.metricsBase ? await watchServerLoop(t.metricsBase) : undefined;
  const before = procs.map(sample);
  const sched0 = schedSample(t.pid);
  const r = await call<PhaseResult>(cmd, args, timeoutMs);
  const serverCpuWait = cpuWaitShare(sched0, schedSample(t.pid));
  const after = procs.map(sample);
  const serverLoop = await loop?.finish();
  const procCpu = Object.fromEntries(procs.map((p, i) => [p.role, cpuShare(before[i]!, after[i]!)]));
  const serverCpu = procs.reduce((sum, p) => sum + (p.kind === 'server' ? procCpu[p.role]! : 0), 0);
  return { ...r, serverCpu, driverCpu: procCpu.driver!, rssBytes: procSample(t.pid).rssBytes, procCpu, serverCpuWait, ...(serverLoop ? { serverLoop } : {}) };
}

/**
 * Idle memory is read 1 s after the last setup (what the burst left behind) and, in the server
 * bench, again after this long (what idle customers keep: Switchboard gives back its young
 * generation after 8 idle seconds, IDLE_HEAP_RELEASE_SECONDS; the relay keeps what it has), against
 * a baseline read after as long idle before the setups. Both targets wait the same, and the load
 * phases then start from a young generation given back, the way load finds a node that was idle.
 * Read before the load: after it, a node's memory also holds what the load left (its database's
 * WAL and caches), which is not what a connection costs.
 */
export const IDLE_SETTLE_MS = 12_000;

/**
 * Unmeasured seconds at the fixed rate before the measured phase. After 1 s (the bench's earlier
 * warm-up) a node at C = 1,000 still spent 116–129 µs of CPU per message over the next 5 s, with p99
 * 5.5–7.0 ms; the 5 s after those, 104–116 µs and p99 3.0–5.4 ms (#16, probe.ts, ten runs). After
 * 5 s the first measured phase is like the later ones (110–111 µs, p99 3.5 ms, two runs).
 */
export const FIXED_WARMUP_SECONDS = 5;

/** One target at one scale point: setup, idle memory, fixed rate, saturation, teardown. */
export async function runScale(t: Target, customers: number, o: ServerBenchOptions, withLoad: { fixed: boolean; saturation: boolean; peerTabs: boolean; settle: boolean }): Promise<ScaleResult> {
  const driver = start(process.execPath, [...TSX, 'bench/server/driver.ts'], { ipc: true });
  const call = rpc(driver);
  try {
    // With the settle, the baseline is a settled idle process too: a process gives back what its own
    // start allocated (both targets did, by 12–28 MiB), which is not what connections cost.
    await new Promise((r) => setTimeout(r, withLoad.settle ? IDLE_SETTLE_MS : 300));
    const rssBeforeBytes = procSample(t.pid).rssBytes;
    const remaining = () => Math.max(5_000, o.deadline - Date.now());
    const setupMs = Math.min(150_000, remaining() - 30_000);
    const setup = await call('setup', { base: t.base, ...(t.peerBase ? { peerBase: t.peerBase } : {}), org: t.org, customers, agents: t.agents, concurrency: 64, deadlineMs: setupMs, continuous: true, peerTabs: withLoad.peerTabs }, setupMs + 60_000);
    await new Promise((r) => setTimeout(r, 1000));
    const rssIdleBytes = procSample(t.pid).rssBytes;
    const perConnection = (rss: number) => (rss - rssBeforeBytes) / Math.max(1, setup.sockets);
    const res: ScaleResult = { customers, setup, rssBeforeBytes, rssIdleBytes, idleBytesPerConnection: perConnection(rssIdleBytes) };
    if (withLoad.settle) {
      await new Promise((r) => setTimeout(r, IDLE_SETTLE_MS - 1000));
      res.rssSettledBytes = procSample(t.pid).rssBytes;
      res.settledBytesPerConnection = perConnection(res.rssSettledBytes);
    }
    const settled = res.rssSettledBytes === undefined ? '' : `, ${(res.rssSettledBytes / 2 ** 20).toFixed(0)} MiB after ${IDLE_SETTLE_MS / 1000} idle s`;
    o.log(`  ${t.name} C=${customers}: ${setup.chats} chats, load on ${setup.loadedChats} (${setup.routedToAgents} routed to ${setup.agents} agents, ${setup.tabPeers} tab pairs), ${setup.sockets} sockets in ${setup.setupSeconds.toFixed(1)} s; RSS ${(rssIdleBytes / 2 ** 20).toFixed(0)} MiB${settled}${setup.failed ? `; ${setup.failed} failed: ${setup.firstError}` : ''}`);
    if (!setup.loadedChats) { await call('teardown', {}, 30_000); return res; }
    if (withLoad.fixed && Date.now() + o.phaseSeconds * 1000 + 5000 < o.deadline) {
      // Unmeasured, for both targets alike: the first seconds of traffic after the setups are not yet
      // the steady state (see FIXED_WARMUP_SECONDS).
      await call('fixed', { rate: o.rate, seconds: FIXED_WARMUP_SECONDS, maxPending: 8 }, 30_000);
      res.fixed = await phase(call, 'fixed', { rate: o.rate, seconds: o.phaseSeconds, maxPending: 8 }, t, driver.pid!, o.phaseSeconds * 1000 + 30_000);
      const l = res.fixed.serverLoop;
      o.log(`    fixed ${o.rate}/s: delivered ${res.fixed.deliveredPerSec.toFixed(0)}/s p99 c→a ${res.fixed.customerToAgent.p99.toFixed(2)} ms a→c ${res.fixed.agentToCustomer.p99.toFixed(2)} ms, server CPU ${(res.fixed.serverCpu * 100).toFixed(0)}%${l ? `, server loop delay p99/max ${l.loopP99Ms.toFixed(1)}/${l.loopMaxMs.toFixed(1)} ms, GC ${l.gcCount} pauses ${l.gcMs.toFixed(0)} ms (${l.gcOver10Ms} ≥ 10 ms)` : ''}, driver loop max ${res.fixed.driverLoop.maxMs.toFixed(1)} ms, server waited for a CPU ${(res.fixed.serverCpuWait * 100).toFixed(0)}% of the phase`);
      const w = res.fixed.slowWindows;
      if (w.length > 0) o.log(`      slowest 1 % c→a sent in ${res.fixed.slowWindowCount} windows, the largest ${w[0]!.messages} messages over ${(w[0]!.toMs - w[0]!.fromMs).toFixed(0)} ms at ${(w[0]!.fromMs / 1000).toFixed(1)} s (max ${w[0]!.maxMs.toFixed(1)} ms)`);
    }
    if (withLoad.saturation && Date.now() + o.phaseSeconds * 1000 + 5000 < o.deadline) {
      res.saturation = await phase(call, 'saturate', { seconds: o.phaseSeconds, window: 8 }, t, driver.pid!, o.phaseSeconds * 1000 + 30_000);
      o.log(`    saturation: delivered ${res.saturation.deliveredPerSec.toFixed(0)}/s, acked ${res.saturation.ackedPerSec.toFixed(0)}/s, p99 c→a ${res.saturation.customerToAgent.p99.toFixed(1)} ms, server CPU ${(res.saturation.serverCpu * 100).toFixed(0)}%`);
    }
    await call('teardown', {}, 30_000);
    return res;
  } finally {
    await stop(driver);
  }
}

export interface ServerBenchResult {
  targets: Record<string, { scales: ScaleResult[]; error?: string }>;
  durability: { sync: 'full' | 'normal'; ackedSendEventPerSec?: number; rawInsertPerSec: number; error?: string }[];
}

/** Agents for C customers: enough that every chat is routed to one (both sides, same topology). */
export function agentsFor(customers: number, fixed?: number): number {
  return fixed ?? Math.max(1, Math.ceil(customers / AGENT_CAP));
}

export async function runServerBench(o: ServerBenchOptions): Promise<ServerBenchResult> {
  const out: ServerBenchResult = { targets: {}, durability: [] };
  // The baseline first, so that a slow Switchboard setup cannot starve it of the time budget. Each
  // scale point gets a fresh process (no chats or memory left over from the previous one) and as
  // many agents as it needs for every chat to be routed to an agent, on both sides alike.
  const kinds: { key: string; make: (agents: number) => Promise<Target> }[] = [
    { key: 'ws relay', make: (n) => startRelay(n) },
    { key: `switchboard (sync ${o.sync})`, make: (n) => startSwitchboard(o.sync, n, o.log) },
  ];
  for (const kind of kinds) {
    out.targets[kind.key] = { scales: [] };
    // Time per target: half of what is left before the durability rows (≈ 60 s) for the baseline
    // (with the idle settles and the warm-up, one scale point takes 40–60 s on either side).
    const targetDeadline = kind.key === 'ws relay' ? Date.now() + (o.deadline - Date.now() - 60_000) / 2 : o.deadline - 60_000;
    for (const c of o.scales) {
      if (Date.now() + 20_000 > targetDeadline) { o.log(`  ${kind.key}: skipping C=${c}: time budget`); break; }
      let t: Target | undefined;
      try {
        t = await kind.make(agentsFor(c, o.agents));
        o.log(`${t.name} C=${c}: pid ${t.pid}, ${t.agents.length} agent(s)`);
        const big = c >= 10_000;
        out.targets[kind.key]!.scales.push(await runScale(t, c, { ...o, deadline: targetDeadline }, { fixed: true, saturation: !big, peerTabs: true, settle: true }));
      } catch (e) {
        o.log(`  ${kind.key} C=${c} failed: ${(e as Error).message}`);
        out.targets[kind.key]!.error = String((e as Error).message);
      } finally {
        await t?.stop();
      }
    }
  }
  // Durability: acknowledged send_event/s (commit before response) vs raw inserts, both sync modes.
  for (const sync of ['full', 'normal'] as const) {
    const raw = rawInsertRate(sync);
    const row: ServerBenchResult['durability'][number] = { sync, rawInsertPerSec: raw.rowsPerSec };
    out.durability.push(row);
    if (Date.now() + 30_000 > o.deadline) { row.error = 'time budget'; continue; }
    let t: Target | undefined;
    try {
      t = await startSwitchboard(sync, 1, o.log);
      const driver = start(process.execPath, [...TSX, 'bench/server/driver.ts'], { ipc: true });
      try {
        const call = rpc(driver);
        await call('setup', { base: t.base, ...(t.peerBase ? { peerBase: t.peerBase } : {}), org: t.org, customers: 100, agents: [], concurrency: 32, deadlineMs: 60_000, continuous: true, peerTabs: true }, 90_000);
        const r = await call<PhaseResult>('saturate', { seconds: o.phaseSeconds, window: 8 }, o.phaseSeconds * 1000 + 30_000);
        row.ackedSendEventPerSec = r.ackedPerSec;
      } finally { await stop(driver); }
      o.log(`  durability sync=${sync}: acked send_event ${row.ackedSendEventPerSec?.toFixed(0)}/s, raw SQLite insert ${raw.rowsPerSec.toFixed(0)}/s`);
    } catch (e) {
      row.error = String((e as Error).message);
    } finally {
      await t?.stop();
    }
  }
  return out;
}
