/**
 * Focused measurement for one scale point (not part of `npm run bench`): starts the built server,
 * drives `setup` for C customers, and reports the setup rate, RSS and V8 heap per socket.
 * PROBE_CPU_PROF=<dir> adds --cpu-prof to the server; PROBE_HEAP=1 writes heap snapshots before and
 * after setup (SIGUSR2) into the working folder; PROBE_FIXED_RATE=<msg/s> adds a 5 s fixed-rate phase; PROBE_NODE_FLAGS adds Node flags to the server; PROBE_SERVER runs another build (default dist/server/main.js), for A/B runs of an old and a new build.
 *
 * Usage: tsx bench/server/probe.ts <customers> [agents]
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { rpc, start, stop, waitForLine } from '../procs.js';
import { procSample } from './stats.js';

const C = Number(process.argv[2] ?? 1000);
const A = Number(process.argv[3] ?? Math.ceil(C / 20));
const TSX = ['--import', 'tsx'];
const work = mkdtempSync(join(tmpdir(), 'sb-probe-'));
const dataDir = join(work, 'data');
const prepared = await new Promise<any>((resolve, reject) => execFile(process.execPath, [...TSX, 'bench/server/makeAgents.ts', String(A), '20'],
  { env: { ...process.env, DATA_DIR: dataDir, LOG_LEVEL: 'silent' }, maxBuffer: 16 * 2 ** 20 }, (e, so) => (e ? reject(e) : resolve(JSON.parse(String(so).trim().split('\n').pop()!)))));
const flags = [
  ...(process.env.PROBE_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.PROBE_CPU_PROF}`] : []),
  ...(process.env.PROBE_HEAP ? ['--heapsnapshot-signal=SIGUSR2', '--expose-gc'] : []),
  ...(process.env.PROBE_NODE_FLAGS ? process.env.PROBE_NODE_FLAGS.split(' ') : []),
];
const server = start(process.execPath, [...flags, process.env.PROBE_SERVER ?? 'dist/server/main.js'], {
  cwd: process.cwd(),
  env: { HOST: '127.0.0.1', PORT: '0', DATA_DIR: dataDir, SQLITE_SYNCHRONOUS: 'full', SWITCHBOARD_BOT: 'off', LOG_LEVEL: 'error', RTM_RATE_PER_SECOND: '100000', RTM_RATE_BURST: '100000', RTM_SOCKETS_PER_ADDRESS: '100000', METRICS: 'on' },
});
const m = await waitForLine(server, /API base\S*\s+(http:\/\/[^\s/]+)/, 60_000);
const base = m[1]!;
const owner = prepared.agents[0];
await fetch(`${base}/v3.5/configuration/action/update_agent`, { method: 'POST', headers: { authorization: owner.token, 'content-type': 'application/json' }, body: JSON.stringify({ id: owner.id, max_chats_count: 20 }) });
const snapshot = async () => {
  if (!process.env.PROBE_HEAP) return;
  process.kill(server.pid!, 'SIGUSR2');
  await new Promise((r) => setTimeout(r, 8000));
};
const driver = start(process.execPath, [...TSX, 'bench/server/driver.ts'], { ipc: true });
const call = rpc(driver);
await new Promise((r) => setTimeout(r, 500));
await snapshot();
const s0 = procSample(server.pid!);
const d0 = procSample(driver.pid!);
const before = s0.rssBytes;
const setup = await call('setup', { base, org: prepared.organization_id, customers: C, agents: prepared.agents, concurrency: 64, deadlineMs: 300_000, continuous: true, peerTabs: true }, 400_000);
await new Promise((r) => setTimeout(r, 1000));
const s1 = procSample(server.pid!);
const d1 = procSample(driver.pid!);
const after = s1.rssBytes;
await snapshot();
console.log(JSON.stringify({ C, A, customers: setup.customers, failed: setup.failed, firstError: setup.firstError, sockets: setup.sockets, setupSeconds: +setup.setupSeconds.toFixed(2), perSecond: +(setup.customers / setup.setupSeconds).toFixed(0), serverCpuMsPerCustomer: +((s1.cpuSeconds - s0.cpuSeconds) * 1000 / setup.customers).toFixed(2), driverCpuMsPerCustomer: +((d1.cpuSeconds - d0.cpuSeconds) * 1000 / setup.customers).toFixed(2), rssBeforeMiB: +(before / 2 ** 20).toFixed(1), rssAfterMiB: +(after / 2 ** 20).toFixed(1), rssPerSocketKiB: +((after - before) / setup.sockets / 1024).toFixed(1) }));
if (process.env.PROBE_FIXED_RATE) {
  const r = await call('fixed', { rate: Number(process.env.PROBE_FIXED_RATE), seconds: 5, maxPending: 8 }, 60_000);
  console.log(`fixed ${process.env.PROBE_FIXED_RATE}/s: delivered ${r.deliveredPerSec.toFixed(0)}/s c→a p50/p99/max ${r.customerToAgent.p50.toFixed(2)}/${r.customerToAgent.p99.toFixed(2)}/${r.customerToAgent.max.toFixed(1)} ms a→c p99 ${r.agentToCustomer.p99.toFixed(2)} ms`);
}
const metrics = await (await fetch(`${base}/metrics`)).text();
console.error(metrics.split("\n").filter((l) => l.includes("push")).slice(0, 8).join("\n"));
const pushes = metrics.split('\n').filter((l) => /^switchboard_rtm_pushes_total/.test(l)).map((l) => `${/push="([^"]+)"/.exec(l)?.[1] ?? l}=${(Number(l.split(' ').pop()) / C).toFixed(2)}`);
console.log(`pushes per customer: ${pushes.join(' ')}`);
await call('teardown', {}, 60_000);
await stop(driver);
await stop(server, 60_000);
console.log(`work dir: ${work}; files: ${readdirSync(process.cwd()).filter((f) => f.endsWith('.heapsnapshot')).join(' ')}`);
