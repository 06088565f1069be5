/**
 * Server half of `npm run bench`: starts the `ws` relay baseline and Switchboard (each as its own
 * process, stopped by PID), drives both with the same load driver at each scale point, and measures
 * the durability cost against raw SQLite inserts in the same run.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { rpc, start, stop, waitForLine } from '../procs.js';
import { rawInsertRate } from './sqliteRaw.js';
import { cpuShare, procSample, type ProcSample } from './stats.js';
import type { PhaseResult } from './driver.js';

const TSX = ['--import', 'tsx'];
export interface ServerBenchOptions {
  scales: number[]; agents: number; rate: number; phaseSeconds: number; deadline: number; log: (s: string) => void;
  /** SQLITE_SYNCHRONOUS for the scale runs (the durability rows run both). */
  sync: 'full' | 'normal';
}

interface Target { name: string; pid: number; base: string; org: string; agents: { id: string; token: string }[]; stop(): Promise<void> }

async function startRelay(agents: number): Promise<Target> {
  const child = start(process.execPath, [...TSX, 'bench/baseline/wsRelay.ts', '0', '20']);
  const m = await waitForLine(child, /listening (\d+)/, 30_000);
  const fake = Array.from({ length: agents }, (_, i) => ({ id: `relay-agent-${i}`, token: `Bearer relay-agent-${i}` }));
  return { name: 'ws relay', pid: child.pid!, base: `http://127.0.0.1:${m[1]}`, org: 'relay', agents: fake, stop: () => stop(child) };
}

function freePort(): Promise<number> {
  return import('node:net').then(({ createServer }) => new Promise((resolve) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => { const a = s.address(); s.close(() => resolve(typeof a === 'object' && a ? a.port : 0)); });
  }));
}

async function post(url: string, auth: string, body: object): Promise<{ status: number; body: any }> {
  const r = await fetch(url, { method: 'POST', headers: { authorization: auth, 'content-type': 'application/json' }, body: JSON.stringify(body) });
  return { status: r.status, body: await r.json().catch(() => null) };
}

/** Owner plus up to `want - 1` agents made with the admin CLI (when it exists), caps raised. */
async function makeAgents(base: string, dataDir: string, want: number, log: (s: string) => void) {
  const cred = JSON.parse(readFileSync(join(dataDir, 'credentials.json'), 'utf8')) as { organization_id: string; owner: { id: string; personal_access_token: string } };
  const basic = (id: string, pat: string) => `Basic ${Buffer.from(`${id}:${pat}`).toString('base64')}`;
  const agents = [{ id: cred.owner.id, token: basic(cred.owner.id, cred.owner.personal_access_token) }];
  if (want > 1 && existsSync('src/server/admin.ts')) {
    for (let i = 1; i < want; i++) {
      const id = `bench-agent-${i}@localhost`;
      const out = await new Promise<string>((resolve) => execFile(process.execPath, [...TSX, 'src/server/admin.ts', 'add-agent', id, `Bench ${i}`], { env: { ...process.env, DATA_DIR: dataDir }, timeout: 20_000 }, (_e, so) => resolve(String(so))));
      const pat = /([A-Za-z0-9_-]{20,})\s*$/.exec(out.trim())?.[1];
      if (!pat) { log(`  admin add-agent gave no PAT (${out.trim().slice(0, 120)}); continuing with ${agents.length} agent(s)`); break; }
      agents.push({ id, token: basic(id, pat) });
    }
  }
  const owner = agents[0]!.token;
  for (const a of agents) {
    const r = await post(`${base}/v3.5/configuration/action/update_agent`, owner, { id: a.id, max_chats_count: 20 });
    if (r.status !== 200) log(`  update_agent ${a.id}: ${r.status} ${JSON.stringify(r.body).slice(0, 160)}`);
  }
  return { org: cred.organization_id, agents };
}

async function startSwitchboard(sync: 'full' | 'normal', agents: number, log: (s: string) => void): Promise<Target> {
  const dataDir = mkdtempSync(join(tmpdir(), 'sb-bench-data-'));
  const port = await freePort();
  const child = start(process.execPath, [...TSX, 'src/server/main.ts'], {
    env: { HOST: '127.0.0.1', PORT: String(port), DATA_DIR: dataDir, SQLITE_SYNCHRONOUS: sync, SWITCHBOARD_BOT: 'off', LOG_LEVEL: 'error', RTM_RATE_PER_SECOND: '100000', RTM_RATE_BURST: '100000' },
  });
  await waitForLine(child, /API base/, 60_000);
  const base = `http://127.0.0.1:${port}`;
  let probe: { org: string; agents: { id: string; token: string }[] };
  try { probe = await makeAgents(base, dataDir, agents, log); } catch (e) { await stop(child); throw e; }
  return { name: `switchboard (sync ${sync})`, pid: child.pid!, base, org: probe.org, agents: probe.agents, stop: async () => { await stop(child); rmSync(dataDir, { recursive: true, force: true }); } };
}

/** A Switchboard server (sync full, defaults otherwise) for the standalone-page measurement. */
export async function startSwitchboardForPage(log: (s: string) => void): Promise<{ base: string; stop(): Promise<void> }> {
  return startSwitchboard('full', 1, log);
}

export interface ScaleResult {
  customers: number; setup: any; rssIdleBytes: number; rssBeforeBytes: number; idleBytesPerConnection: number;
  fixed?: PhaseResult & { serverCpu: number; driverCpu: number; rssBytes: number };
  saturation?: PhaseResult & { serverCpu: number; driverCpu: number; rssBytes: number };
}

async function phase(call: ReturnType<typeof rpc>, cmd: string, args: object, serverPid: number, driverPid: number, timeoutMs: number) {
  const s0: ProcSample = procSample(serverPid); const d0 = procSample(driverPid);
  const r = await call<PhaseResult>(cmd, args, timeoutMs);
  const s1 = procSample(serverPid); const d1 = procSample(driverPid);
  return { ...r, serverCpu: cpuShare(s0, s1), driverCpu: cpuShare(d0, d1), rssBytes: s1.rssBytes };
}

/** One target at one scale point: setup, idle memory, fixed rate, saturation, teardown. */
async function runScale(t: Target, customers: number, o: ServerBenchOptions, withLoad: { fixed: boolean; saturation: boolean; peerTabs: boolean }): Promise<ScaleResult> {
  const driver = start(process.execPath, [...TSX, 'bench/server/driver.ts'], { ipc: true });
  const call = rpc(driver);
  try {
    await new Promise((r) => setTimeout(r, 300));
    const rssBeforeBytes = procSample(t.pid).rssBytes;
    const remaining = () => Math.max(5_000, o.deadline - Date.now());
    const setupMs = Math.min(150_000, remaining() - 30_000);
    const setup = await call('setup', { base: t.base, org: t.org, customers, agents: t.agents, concurrency: 64, deadlineMs: setupMs, continuous: true, peerTabs: withLoad.peerTabs }, setupMs + 60_000);
    await new Promise((r) => setTimeout(r, 1000));
    const rssIdleBytes = procSample(t.pid).rssBytes;
    const res: ScaleResult = { customers, setup, rssBeforeBytes, rssIdleBytes, idleBytesPerConnection: (rssIdleBytes - rssBeforeBytes) / Math.max(1, setup.sockets) };
    o.log(`  ${t.name} C=${customers}: ${setup.chats} chats, load on ${setup.loadedChats} (${setup.routedToAgents} routed to ${setup.agents} agents, ${setup.tabPeers} tab pairs), ${setup.sockets} sockets in ${setup.setupSeconds.toFixed(1)} s; RSS ${(rssIdleBytes / 2 ** 20).toFixed(0)} MiB${setup.failed ? `; ${setup.failed} failed: ${setup.firstError}` : ''}`);
    if (!setup.loadedChats) { await call('teardown', {}, 30_000); return res; }
    if (withLoad.fixed && Date.now() + o.phaseSeconds * 1000 + 5000 < o.deadline) {
      res.fixed = await phase(call, 'fixed', { rate: o.rate, seconds: o.phaseSeconds, maxPending: 8 }, t.pid, driver.pid!, o.phaseSeconds * 1000 + 30_000);
      o.log(`    fixed ${o.rate}/s: delivered ${res.fixed.deliveredPerSec.toFixed(0)}/s p99 c→a ${res.fixed.customerToAgent.p99.toFixed(2)} ms a→c ${res.fixed.agentToCustomer.p99.toFixed(2)} ms, server CPU ${(res.fixed.serverCpu * 100).toFixed(0)}%`);
    }
    if (withLoad.saturation && Date.now() + o.phaseSeconds * 1000 + 5000 < o.deadline) {
      res.saturation = await phase(call, 'saturate', { seconds: o.phaseSeconds, window: 8 }, t.pid, driver.pid!, o.phaseSeconds * 1000 + 30_000);
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

export async function runServerBench(o: ServerBenchOptions): Promise<ServerBenchResult> {
  const out: ServerBenchResult = { targets: {}, durability: [] };
  // The baseline first, so that a slow Switchboard setup cannot starve it of the time budget; it
  // gets as many agents (same cap) as Switchboard is asked for.
  const targets: (() => Promise<Target>)[] = [() => startRelay(o.agents), () => startSwitchboard(o.sync, o.agents, o.log)];
  for (const make of targets) {
    let t: Target | undefined;
    let key = '?';
    try {
      t = await make();
      key = t.name;
      out.targets[key] = { scales: [] };
      o.log(`${t.name}: pid ${t.pid}, ${t.agents.length} agent credential(s)`);
      // Time per target: half of what is left before the durability rows (≈ 60 s) for the first.
      const targetDeadline = key === 'ws relay' ? Date.now() + (o.deadline - Date.now() - 60_000) / 3 : o.deadline - 60_000;
      for (const c of o.scales) {
        if (Date.now() + 20_000 > targetDeadline) { o.log(`  skipping C=${c}: time budget`); break; }
        const big = c >= 10_000;
        out.targets[key]!.scales.push(await runScale(t, c, { ...o, deadline: targetDeadline }, { fixed: true, saturation: !big, peerTabs: !big }));
      }
    } catch (e) {
      o.log(`  ${key} failed: ${(e as Error).message}`);
      (out.targets[key] ??= { scales: [] }).error = String((e as Error).message);
    } finally {
      await t?.stop();
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
        await call('setup', { base: t.base, org: t.org, customers: 100, agents: [], concurrency: 32, deadlineMs: 60_000, continuous: true, peerTabs: true }, 90_000);
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
