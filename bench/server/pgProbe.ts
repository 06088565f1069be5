/**
 * One PostgreSQL + Redis node at one scale point (a quicker loop than `npm run bench` while working
 * on the PostgreSQL store): `tsx bench/server/pgProbe.ts [C] [nodes]`. Prints setup, fixed-rate and
 * saturation figures with every process's CPU, then the acknowledged send_event rate.
 */
import { startPostgres } from '../../src/testing/services/postgres.js';
import { startRedisServer } from '../../src/testing/services/redis.js';
import { killAllNow, onStop } from '../procs.js';
import { agentsFor, runScale } from './serverBench.js';
import { startDeployment } from './scaleOutBench.js';

// Whatever way the probe ends, its nodes, PostgreSQL and redis-server go with it.
process.on('exit', killAllNow);
const customers = Number(process.argv[2] ?? 1000);
const nodes = Number(process.argv[3] ?? 1);
const phaseSeconds = Number(process.env.BENCH_PHASE_SECONDS ?? 10);
const log = (s: string) => console.log(s);

const pg = await startPostgres();
const offPg = onStop(() => pg.stop());
const redis = await startRedisServer();
const offRedis = onStop(() => redis.stop());
try {
  const t = await startDeployment({ pg, redis }, nodes, agentsFor(customers), log);
  try {
    const r = await runScale(t, customers, { scales: [customers], rate: 2000, phaseSeconds, deadline: Date.now() + 600_000, log, sync: 'full' }, { fixed: process.env.PROBE_FIXED === '1', saturation: true, peerTabs: true, settle: false });
    if (r.saturation) log(`CPU at saturation: ${Object.entries(r.saturation.procCpu).map(([k, v]) => `${k} ${(v * 100).toFixed(0)}%`).join(', ')}`);
  } finally { await t.stop(); }
} finally {
  await redis.stop(); offRedis();
  await pg.stop(); offPg();
}
