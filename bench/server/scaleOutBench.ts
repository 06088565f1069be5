/**
 * The scale-out rows of `npm run bench` (#12, #16): Switchboard nodes on PostgreSQL + Redis, driven by
 * the same load driver with the same conversations (customers ↔ agents through routing) as the
 * SQLite and relay rows. One throwaway PostgreSQL and one redis-server (src/testing/services, the
 * ones the tests use: default durability, synchronous_commit=on) serve every deployment, each on a
 * fresh database and its own key prefix.
 *
 * With two nodes, customers connect to node 1 and agents (and second tabs) to node 2, so every
 * push of every message crosses Redis. Each phase reports the CPU of every process: the nodes,
 * PostgreSQL (postmaster and backends), redis-server and the driver.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ChildProcess } from 'node:child_process';
import { createDatabase, startPostgres, type PostgresServer } from '../../src/testing/services/postgres.js';
import { startRedisServer, type RedisServer } from '../../src/testing/services/redis.js';
import { onStop, rpc, start, stop, waitForLine } from '../procs.js';
import type { PhaseResult } from './driver.js';
import { pgRawInsertRate } from './pgRaw.js';
import { AGENT_CAP, agentsFor, builtServer, freePort, post, prepareDataDir, runScale, type MeasuredProc, type ScaleResult, type Target } from './serverBench.js';

const TSX = ['--import', 'tsx'];

export interface ScaleOutOptions { customers: number; rate: number; phaseSeconds: number; deadline: number; log: (s: string) => void }

export interface ScaleOutResult {
  /** Deployment name ("1 node, PostgreSQL + Redis", …) → its scale point at `customers`. */
  deployments: Record<string, { nodes: number; result?: ScaleResult; error?: string }>;
  durability?: { ackedSendEventPerSec?: number; rawInsertPerSec?: number; rawConnections: number; error?: string };
  postgres?: string;
}

export interface Services { pg: PostgresServer; redis: RedisServer }

let deploymentN = 0;

/** `nodes` Switchboard processes (built server, as `npm start` runs it) on a fresh database and Redis prefix. */
export async function startDeployment(s: Services, nodes: number, agents: number, log: (s: string) => void): Promise<Target> {
  const db = await createDatabase(s.pg.adminUrl);
  const root = mkdtempSync(join(tmpdir(), 'sb-bench-scaleout-'));
  const shared = { DATABASE_URL: db.url, REDIS_URL: s.redis.url, REDIS_PREFIX: `bench${++deploymentN}:` };
  const children: ChildProcess[] = [];
  const cleanup = async () => {
    await Promise.all(children.map((c) => stop(c)));
    await db.drop().catch(() => undefined);
    rmSync(root, { recursive: true, force: true });
  };
  try {
    const prepared = await prepareDataDir(join(root, 'node-1'), agents, shared);
    const ports: number[] = [];
    for (let i = 1; i <= nodes; i++) {
      const port = await freePort();
      ports.push(port);
      // BENCH_NODE_FLAGS: Node flags for every node (e.g. --cpu-prof --cpu-prof-dir=<dir> while profiling).
      const flags = process.env.BENCH_NODE_FLAGS?.split(' ').filter(Boolean) ?? [];
      children.push(start(process.execPath, [...flags, builtServer()], {
        env: { ...shared, HOST: '127.0.0.1', PORT: String(port), DATA_DIR: join(root, `node-${i}`), SWITCHBOARD_BOT: 'off', LOG_LEVEL: 'error', RTM_RATE_PER_SECOND: '100000', RTM_RATE_BURST: '100000', RTM_SOCKETS_PER_ADDRESS: '100000' },
      }));
    }
    await Promise.all(children.map((c) => waitForLine(c, /API base/, 60_000)));
    const bases = ports.map((p) => `http://127.0.0.1:${p}`);
    const owner = prepared.agents[0]!;
    const r = await post(`${bases[0]}/v3.5/configuration/action/update_agent`, owner.token, { id: owner.id, max_chats_count: AGENT_CAP });
    if (r.status !== 200) log(`  update_agent ${owner.id}: ${r.status} ${JSON.stringify(r.body).slice(0, 160)}`);
    const procs: MeasuredProc[] = [
      ...children.map((c, i) => ({ role: `node ${i + 1}`, pid: c.pid!, kind: 'server' as const })),
      { role: 'postgres', pid: s.pg.postmasterPid(), kind: 'service', tree: true },
      { role: 'redis-server', pid: s.redis.pid()!, kind: 'service' },
    ];
    return {
      name: `${nodes} node${nodes > 1 ? 's' : ''}, PostgreSQL + Redis`, pid: children[0]!.pid!, base: bases[0]!, ...(bases[1] ? { peerBase: bases[1] } : {}),
      org: prepared.organization_id, agents: prepared.agents, procs, stop: cleanup,
    };
  } catch (e) {
    await cleanup();
    throw e;
  }
}

/** Acknowledged send_event/s on one PostgreSQL node (100 customers, two tabs each, closed loop). */
async function ackedSendEvents(s: Services, o: ScaleOutOptions): Promise<number> {
  const t = await startDeployment(s, 1, 1, o.log);
  try {
    const driver = start(process.execPath, [...TSX, 'bench/server/driver.ts'], { ipc: true });
    try {
      const call = rpc(driver);
      await call('setup', { base: t.base, org: t.org, customers: 100, agents: [], concurrency: 32, deadlineMs: 60_000, continuous: true, peerTabs: true }, 90_000);
      const r = await call<PhaseResult>('saturate', { seconds: o.phaseSeconds, window: 8 }, o.phaseSeconds * 1000 + 30_000);
      return r.ackedPerSec;
    } finally { await stop(driver); }
  } finally { await t.stop(); }
}

export async function runScaleOutBench(o: ScaleOutOptions): Promise<ScaleOutResult> {
  const out: ScaleOutResult = { deployments: {} };
  let services: Services | undefined;
  const unregister: (() => void)[] = [];
  try {
    const pg = await startPostgres();
    unregister.push(onStop(() => pg.stop()));
    const redis = await startRedisServer();
    unregister.push(onStop(() => redis.stop()));
    services = { pg, redis };
    out.postgres = 'throwaway PostgreSQL (src/testing/services/postgres.ts): defaults, fsync and synchronous_commit on';
    o.log(`scale-out: PostgreSQL ${pg.adminUrl}, redis ${redis.url}`);
  } catch (e) {
    o.log(`scale-out skipped: ${(e as Error).message}`);
    out.deployments['1 node, PostgreSQL + Redis'] = { nodes: 1, error: String((e as Error).message) };
    return out;
  }
  try {
    const kinds = [1, 2];
    for (const [i, nodes] of kinds.entries()) {
      // An equal share of what is left to each deployment, keeping 40 s for the durability row.
      const share = Math.min(o.deadline, Date.now() + (o.deadline - Date.now() - 40_000) / (kinds.length - i));
      const key = `${nodes} node${nodes > 1 ? 's' : ''}, PostgreSQL + Redis`;
      out.deployments[key] = { nodes };
      if (Date.now() + 30_000 > share) { out.deployments[key]!.error = 'time budget'; o.log(`  ${key}: skipped (time budget)`); continue; }
      let t: Target | undefined;
      try {
        t = await startDeployment(services, nodes, agentsFor(o.customers), o.log);
        o.log(`${t.name} C=${o.customers}: pids ${t.procs!.map((p) => `${p.role} ${p.pid}`).join(', ')}`);
        out.deployments[key]!.result = await runScale(t, o.customers, { scales: [o.customers], rate: o.rate, phaseSeconds: o.phaseSeconds, deadline: share, log: o.log, sync: 'full' }, { fixed: true, saturation: true, peerTabs: true, settle: false });
        const sat = out.deployments[key]!.result!.saturation;
        if (sat) o.log(`    CPU at saturation: ${Object.entries(sat.procCpu).map(([k, v]) => `${k} ${(v * 100).toFixed(0)}%`).join(', ')}`);
      } catch (e) {
        o.log(`  ${key} failed: ${(e as Error).message}`);
        out.deployments[key]!.error = String((e as Error).message);
      } finally { await t?.stop(); }
    }
    const raw = await pgRawInsertRate(services.pg.adminUrl).catch((e: Error) => ({ rowsPerSec: undefined, connections: 10, error: e.message }));
    out.durability = { rawConnections: raw.connections, ...(raw.rowsPerSec !== undefined ? { rawInsertPerSec: raw.rowsPerSec } : {}) };
    if (Date.now() + 30_000 > o.deadline) out.durability.error = 'time budget';
    else {
      try { out.durability.ackedSendEventPerSec = await ackedSendEvents(services, o); } catch (e) { out.durability.error = String((e as Error).message); }
    }
    o.log(`  durability PostgreSQL synchronous_commit=on: acked send_event ${out.durability.ackedSendEventPerSec?.toFixed(0)}/s, raw insert ${out.durability.rawInsertPerSec?.toFixed(0)}/s (${raw.connections} connections)`);
  } finally {
    await services.redis.stop();
    await services.pg.stop();
    for (const u of unregister) u();
  }
  return out;
}
