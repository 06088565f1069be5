/**
 * Focused measurement for one scale point (not part of `npm run bench`): starts the built server,
 * drives `setup` for C customers, and reports the setup rate, RSS and V8 heap per socket.
 * PROBE_CPU_PROF=<dir> adds --cpu-prof to the server; PROBE_HEAP=1 writes heap snapshots before and
 * after setup (SIGUSR2) into the working folder; PROBE_FIXED_RATE=<msg/s> adds 5 s fixed-rate phases
 * (PROBE_REPEAT of them, default 1, after PROBE_WARMUP_SECONDS unmeasured, default the bench's FIXED_WARMUP_SECONDS) with the server's event-loop delay and GC; PROBE_SATURATE=1 a 5 s
 * saturation phase with the server's CPU per delivered message; PROBE_NODE_FLAGS adds Node flags to the server.
 *
 * PROBE_INSPECT=cpu|alloc|promoted profiles one phase only (PROBE_INSPECT_PHASE=fixed|saturate|setup|idle)
 * (or setup: token, login and start_chat of every customer) over the inspector: self time by function, allocated bytes by site including collected objects, or
 * only what survived scavenges (promoted).
 * PROBE_IDLE_SECONDS=<s> watches the loop of the idle, connected server (the periodic sweeps).
 * PROBE_SERVER_LOG=<file> keeps the server's output (e.g. with PROBE_NODE_FLAGS=--trace-gc);
 * PROBE_DRIVER_FLAGS and PROBE_DRIVER_LOG do the same for the load driver. PROBE_METRICS=<regex> prints the
 * server's /metrics lines that match, at the end.
 * PROBE_SETTLE_SECONDS=<s> reads RSS again after that much more idle time; PROBE_SETTLE_AFTER_SECONDS=<s>
 * does the same after the load phases.
 * PROBE_SERVER=<main.js> runs another build (A/B against a copy of an older dist/server).
 * PROBE_SYNC=normal runs the server with SQLITE_SYNCHRONOUS=normal (default full).
 * PROBE_STORE=postgres runs it (and the data folder's preparation) on a throwaway PostgreSQL and
 * redis-server instead, as one node of the scale-out deployment; the saturation phase then also
 * prints PostgreSQL's and Redis's CPU per delivered message.
 * Every fixed-rate phase also prints where its slowest 1 % of messages were sent: a few long windows
 * mean stalls (GC, a preempted driver), many short ones steady queueing.
 *
 * Usage: tsx bench/server/probe.ts <customers> [agents]
 */
import { execFile } from 'node:child_process';
import { createWriteStream, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startPostgres, createDatabase } from '../../src/testing/services/postgres.js';
import { startRedisServer } from '../../src/testing/services/redis.js';
import { killAllNow, onStop, rpc, start, stop, waitForLine } from '../procs.js';
import { allocationProfile, connectInspector, cpuProfile } from './inspector.js';
import { FIXED_WARMUP_SECONDS } from './serverBench.js';
import { watchServerLoop } from './serverLoop.js';
import { cpuWaitShare, procSample, schedSample, treeSample, type SlowWindow } from './stats.js';

// Whatever way the probe ends (a failed setup throws below), the server and driver go with it.
process.on('exit', killAllNow);
const C = Number(process.argv[2] ?? 1000);
const A = Number(process.argv[3] ?? Math.ceil(C / 20));
const TSX = ['--import', 'tsx'];
const work = mkdtempSync(join(tmpdir(), 'sb-probe-'));
const dataDir = join(work, 'data');
const shared = process.env.PROBE_STORE === 'postgres' ? await sharedStore() : undefined;
async function sharedStore() {
  const pg = await startPostgres();
  const redis = await startRedisServer();
  const offStop = onStop(async () => { await redis.stop(); await pg.stop(); });
  const db = await createDatabase(pg.adminUrl);
  return {
    env: { DATABASE_URL: db.url, REDIS_URL: redis.url, REDIS_PREFIX: 'probe:' }, pgPid: pg.postmasterPid(), redisPid: redis.pid()!,
    async stop() { offStop(); await redis.stop(); await pg.stop(); },
  };
}
const prepared = await new Promise<any>((resolve, reject) => execFile(process.execPath, [...TSX, 'bench/server/makeAgents.ts', String(A), '20'],
  { env: { ...process.env, ...shared?.env, DATA_DIR: dataDir, LOG_LEVEL: 'silent' }, maxBuffer: 16 * 2 ** 20 }, (e, so) => (e ? reject(e) : resolve(JSON.parse(String(so).trim().split('\n').pop()!)))));
const flags = [
  ...(process.env.PROBE_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.PROBE_CPU_PROF}`] : []),
  ...(process.env.PROBE_HEAP ? ['--heapsnapshot-signal=SIGUSR2', '--expose-gc'] : []),
  ...(process.env.PROBE_NODE_FLAGS ? process.env.PROBE_NODE_FLAGS.split(' ').filter(Boolean) : []),
  ...(process.env.PROBE_INSPECT ? ['--inspect=127.0.0.1:0'] : []),
];
const spawnedAt = performance.now();
const server = start(process.execPath, [...flags, process.env.PROBE_SERVER ?? 'dist/server/main.js'], {
  cwd: process.cwd(),
  env: { ...shared?.env, HOST: '127.0.0.1', PORT: '0', DATA_DIR: dataDir, SQLITE_SYNCHRONOUS: process.env.PROBE_SYNC ?? 'full', SWITCHBOARD_BOT: 'off', LOG_LEVEL: 'error', RTM_RATE_PER_SECOND: '100000', RTM_RATE_BURST: '100000', RTM_SOCKETS_PER_ADDRESS: '100000', METRICS: 'on', METRICS_LOOP_RESOLUTION_MS: '1' },
});
if (process.env.PROBE_SERVER_LOG) { const log = createWriteStream(process.env.PROBE_SERVER_LOG); server.stdout?.pipe(log); server.stderr?.pipe(log); }
const inspector = process.env.PROBE_INSPECT ? await connectInspector(server) : undefined;
/** Under PROBE_INSPECT=cpu|alloc|promoted, the phase named by PROBE_INSPECT_PHASE (fixed|saturate|setup|idle, default saturate) is profiled. */
async function profiled<T>(name: string, phase: () => Promise<T>): Promise<T> {
  if (!inspector || (process.env.PROBE_INSPECT_PHASE ?? 'saturate') !== name) return phase();
  let out!: T;
  const run = async () => { out = await phase(); };
  const file = join(work, `${name}.${process.env.PROBE_INSPECT === 'cpu' ? 'cpuprofile' : 'heapprofile'}`);
  if (process.env.PROBE_INSPECT === 'alloc' || process.env.PROBE_INSPECT === 'promoted') {
    const a = await allocationProfile(inspector.send, run, file, 40, process.env.PROBE_INSPECT === 'promoted');
    console.log(`allocated during ${name}: ${(a.totalBytes / 2 ** 20).toFixed(0)} MiB (sampled); top sites:\n${a.lines.join('\n')}`);
  } else console.log(`CPU self time during ${name}:\n${(await cpuProfile(inspector.send, run, file)).join('\n')}`);
  console.log(`profile: ${file}`);
  return out;
}
const m = await waitForLine(server, /API base\S*\s+(http:\/\/[^\s/]+)/, 60_000);
const base = m[1]!;
const owner = prepared.agents[0];
await fetch(`${base}/v3.5/configuration/action/update_agent`, { method: 'POST', headers: { authorization: owner.token, 'content-type': 'application/json' }, body: JSON.stringify({ id: owner.id, max_chats_count: 20 }) });
const snapshot = async () => {
  if (!process.env.PROBE_HEAP) return;
  process.kill(server.pid!, 'SIGUSR2');
  await new Promise((r) => setTimeout(r, 8000));
};
const driver = start(process.execPath, [...(process.env.PROBE_DRIVER_FLAGS ?? '').split(' ').filter(Boolean), ...TSX, 'bench/server/driver.ts'], { ipc: true });
if (process.env.PROBE_DRIVER_LOG) { const log = createWriteStream(process.env.PROBE_DRIVER_LOG); driver.stdout?.pipe(log); driver.stderr?.pipe(log); }
const call = rpc(driver);
await new Promise((r) => setTimeout(r, 500));
await snapshot();
const s0 = procSample(server.pid!);
const d0 = procSample(driver.pid!);
const before = s0.rssBytes;
const setup = await profiled('setup', () => call('setup', { base, org: prepared.organization_id, customers: C, agents: prepared.agents, concurrency: 64, deadlineMs: 300_000, continuous: true, peerTabs: true }, 400_000));
await new Promise((r) => setTimeout(r, 1000));
const s1 = procSample(server.pid!);
if (process.env.PROBE_SETTLE_SECONDS) {
  // RSS of the idle server a while later (V8's memory reducer runs a few seconds after allocation stops).
  await new Promise((r) => setTimeout(r, Number(process.env.PROBE_SETTLE_SECONDS) * 1000));
  console.log(`RSS ${process.env.PROBE_SETTLE_SECONDS} s after that: ${(procSample(server.pid!).rssBytes / 2 ** 20).toFixed(1)} MiB, ${((procSample(server.pid!).rssBytes - s0.rssBytes) / setup.sockets / 1024).toFixed(1)} KiB per socket`);
}
const d1 = procSample(driver.pid!);
const after = s1.rssBytes;
await snapshot();
console.log(JSON.stringify({ C, A, customers: setup.customers, failed: setup.failed, firstError: setup.firstError, sockets: setup.sockets, setupSeconds: +setup.setupSeconds.toFixed(2), perSecond: +(setup.customers / setup.setupSeconds).toFixed(0), serverCpuMsPerCustomer: +((s1.cpuSeconds - s0.cpuSeconds) * 1000 / setup.customers).toFixed(2), serverUserMsPerCustomer: +((s1.userSeconds - s0.userSeconds) * 1000 / setup.customers).toFixed(2), driverCpuMsPerCustomer: +((d1.cpuSeconds - d0.cpuSeconds) * 1000 / setup.customers).toFixed(2), rssBeforeMiB: +(before / 2 ** 20).toFixed(1), rssAfterMiB: +(after / 2 ** 20).toFixed(1), rssPerSocketKiB: +((after - before) / setup.sockets / 1024).toFixed(1) }));
if (process.env.PROBE_IDLE_SECONDS) {
  // Idle but connected: what the periodic sweeps (heartbeat, credential checks) cost the loop.
  const loop = await watchServerLoop(base);
  await profiled('idle', () => new Promise((r) => setTimeout(r, Number(process.env.PROBE_IDLE_SECONDS) * 1000)));
  const l = await loop.finish();
  console.log(`idle ${process.env.PROBE_IDLE_SECONDS} s with ${setup.sockets} sockets: loop delay p99/max ${l.loopP99Ms.toFixed(1)}/${l.loopMaxMs.toFixed(1)} ms`);
}
// Unmeasured seconds at the rate first, as the bench does (the first seconds after the setups are not the steady state).
if (process.env.PROBE_FIXED_RATE) await call('fixed', { rate: Number(process.env.PROBE_FIXED_RATE), seconds: Number(process.env.PROBE_WARMUP_SECONDS ?? FIXED_WARMUP_SECONDS), maxPending: 8 }, 30_000);
for (let i = 0; process.env.PROBE_FIXED_RATE && i < Number(process.env.PROBE_REPEAT ?? 1); i++) {
  const loop = await watchServerLoop(base);
  const c0 = procSample(server.pid!);
  const w0 = schedSample(server.pid!);
  const from = performance.now() - spawnedAt;
  const r = await profiled('fixed', () => call('fixed', { rate: Number(process.env.PROBE_FIXED_RATE), seconds: 5, maxPending: 8 }, 60_000));
  const c1 = procSample(server.pid!);
  const l = await loop.finish();
  // The server's own --trace-gc times count from its start, about when it was spawned.
  const windows = (r.slowWindows as SlowWindow[]).map((w) => `${w.messages} sent at ${w.fromMs.toFixed(0)}–${w.toMs.toFixed(0)} ms (max ${w.maxMs.toFixed(1)})`).join('; ');
  console.log(`slowest 1 % c→a sent in ${r.slowWindowCount} windows of the phase, the largest: ${windows}`);
  console.log(`fixed phase ≈ ${from.toFixed(0)}–${(performance.now() - spawnedAt).toFixed(0)} ms after the server was spawned; ${r.delivered} delivered, ${r.acked} acked`);
  console.log(`fixed ${process.env.PROBE_FIXED_RATE}/s: delivered ${r.deliveredPerSec.toFixed(0)}/s c→a p50/p99/max ${r.customerToAgent.p50.toFixed(2)}/${r.customerToAgent.p99.toFixed(2)}/${r.customerToAgent.max.toFixed(1)} ms a→c p99 ${r.agentToCustomer.p99.toFixed(2)} ms; server CPU ${((c1.cpuSeconds - c0.cpuSeconds) * 1e6 / r.delivered).toFixed(0)} µs/msg, loop delay p99/max ${l.loopP99Ms.toFixed(1)}/${l.loopMaxMs.toFixed(1)} ms, GC ${l.gcCount} pauses (${l.gcMajor} major) ${l.gcMs.toFixed(0)} ms (${l.gcOver10Ms} ≥ 10 ms); driver loop max ${r.driverLoop.maxMs.toFixed(1)} ms; server waited for a CPU ${(cpuWaitShare(w0, schedSample(server.pid!)) * 100).toFixed(0)} % of the phase`);
}
if (process.env.PROBE_SATURATE) {
  const c0 = procSample(server.pid!);
  const services0 = shared && [treeSample(shared.pgPid), procSample(shared.redisPid)];
  const r = await profiled('saturate', () => call('saturate', { seconds: 5, window: 8 }, 60_000));
  const c1 = procSample(server.pid!);
  const services1 = shared && [treeSample(shared.pgPid), procSample(shared.redisPid)];
  const perMessage = (a: { cpuSeconds: number }, b: { cpuSeconds: number }) => ((b.cpuSeconds - a.cpuSeconds) * 1e6 / r.delivered).toFixed(0);
  const services = services0 && services1 ? `; PostgreSQL ${perMessage(services0[0]!, services1[0]!)} µs/msg, Redis ${perMessage(services0[1]!, services1[1]!)} µs/msg` : '';
  console.log(`saturation: delivered ${r.deliveredPerSec.toFixed(0)}/s p99 c→a ${r.customerToAgent.p99.toFixed(1)} ms; server CPU ${perMessage(c0, c1)} µs/msg (${((c1.cpuSeconds - c0.cpuSeconds) / ((c1.at - c0.at) / 1000) * 100).toFixed(0)} % of a core)${services}`);
}
if (process.env.PROBE_SETTLE_AFTER_SECONDS) {
  // RSS of the connected server idle after the load phases (their full GCs arm V8's memory reducer).
  const loaded = procSample(server.pid!).rssBytes;
  await new Promise((r) => setTimeout(r, Number(process.env.PROBE_SETTLE_AFTER_SECONDS) * 1000));
  console.log(`RSS after the load ${(loaded / 2 ** 20).toFixed(1)} MiB, ${process.env.PROBE_SETTLE_AFTER_SECONDS} s later ${(procSample(server.pid!).rssBytes / 2 ** 20).toFixed(1)} MiB`);
}
const metrics = await (await fetch(`${base}/metrics`)).text();
console.error(metrics.split('\n').filter((l) => l.includes('push')).slice(0, 8).join('\n'));
if (process.env.PROBE_METRICS) console.log(metrics.split('\n').filter((l) => new RegExp(process.env.PROBE_METRICS!).test(l)).join('\n'));
const pushes = metrics.split('\n').filter((l) => /^switchboard_rtm_pushes_total/.test(l)).map((l) => `${/push="([^"]+)"/.exec(l)?.[1] ?? l}=${(Number(l.split(' ').pop()) / C).toFixed(2)}`);
console.log(`pushes per customer: ${pushes.join(' ')}`);
await call('teardown', {}, 60_000);
await stop(driver);
inspector?.close();
await stop(server, 60_000);
await shared?.stop();
console.log(`work dir: ${work}; files: ${readdirSync(process.cwd()).filter((f) => f.endsWith('.heapsnapshot')).join(' ')}`);
