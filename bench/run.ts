/**
 * `npm run bench`: the server against a `ws` relay baseline and the widget against a plain-DOM
 * baseline, in one bounded run (≤ 10 minutes), all on 127.0.0.1. Prints a table and writes
 * bench/results.json. Every child process is stopped by its PID, also on failure and SIGINT.
 *
 * Env: BENCH_SCALES (default "100,1000,10000"), BENCH_AGENTS (default: C / 20, so that every chat
 * is routed to an agent), BENCH_RATE (2000), BENCH_PHASE_SECONDS (5), BENCH_SYNC (full:
 * SQLITE_SYNCHRONOUS for the scale runs; the durability rows run both), BENCH_SKIP (comma list of
 * server,scaleout,widget,size), BENCH_SCALEOUT_C (1000: customers of the PostgreSQL + Redis rows,
 * which need Debian's postgresql and redis-server, as the tests do).
 *
 * The machine's speed (a fixed CPU task) is measured before and after: when the two differ by more
 * than 10 % the run is marked noisy.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { killAllNow, stopAll } from './procs.js';
import { runScaleOutBench, type ScaleOutResult } from './server/scaleOutBench.js';
import { runServerBench, type ServerBenchResult } from './server/serverBench.js';
import { table } from './table.js';
import { runWidgetBench, type WidgetBenchResult } from './widget/widgetBench.js';

const T0 = Date.now();
const DEADLINE = T0 + 9.5 * 60_000;
/** Kept back from the SQLite and relay rows for the PostgreSQL + Redis rows that follow them. */
const SCALE_OUT_RESERVE_MS = 150_000;
const env = process.env;
const skip = new Set((env.BENCH_SKIP ?? '').split(',').filter(Boolean));
const log = (s: string) => console.log(`[${((Date.now() - T0) / 1000).toFixed(0).padStart(3)} s] ${s}`);

process.on('SIGINT', () => { log('SIGINT: stopping children'); void stopAll().finally(() => process.exit(130)); });
process.on('exit', killAllNow);
const hardStop = setTimeout(() => { log('time budget exceeded: stopping'); void stopAll().finally(() => process.exit(2)); }, 10 * 60_000 - 5_000);
hardStop.unref();

export interface Sizes { source: string; gzipBytes: Record<string, number> }

export interface Results {
  date: string;
  machine: { cpu: string; cores: number; ramGiB: number; node: string; loadavgAtStart: number[]; loadavgAtEnd?: number[]; speedAtStart: number; speedAtEnd?: number; noisy?: boolean };
  settings: Record<string, unknown>;
  sizes?: Sizes;
  server?: ServerBenchResult;
  scaleOut?: ScaleOutResult;
  widget?: WidgetBenchResult;
  seconds?: number;
}

function gzipSizes(): Sizes {
  const sum = (dir: string, re: RegExp) => {
    if (!existsSync(dir)) return NaN;
    let n = 0;
    const walk = (d: string) => { for (const f of readdirSync(d)) { const p = join(d, f); if (statSync(p).isDirectory()) walk(p); else if (re.test(f)) n += gzipSync(readFileSync(p), { level: 9 }).length; } };
    walk(dir);
    return n;
  };
  return {
    source: 'bench (gzip -9 of built files)',
    gzipBytes: { loader: sum('dist/embed', /\.js$/), frameApp: sum('dist/frame', /\.(js|css)$/), library: sum('dist/lib', /\.(js|css)$/), page: sum('dist/page', /\.(js|css)$/) },
  };
}

/** SHA-256 hashes of 4 KiB per millisecond over 500 ms on this thread: the machine's speed right now. */
export function machineSpeed(): number {
  const block = Buffer.alloc(4096, 7);
  const t0 = performance.now();
  let n = 0;
  while (performance.now() - t0 < 500) { for (let i = 0; i < 50; i++) createHash('sha256').update(block).digest(); n += 50; }
  return n / (performance.now() - t0);
}

function sizes(): Sizes {
  const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as { scripts?: Record<string, string> };
  if (pkg.scripts?.size) {
    try {
      const out = execFileSync('npm', ['run', '--silent', 'size', '--', '--json'], { encoding: 'utf8', timeout: 120_000 });
      const rows = JSON.parse(out.slice(out.indexOf('['))) as { name: string; bytes: number }[];
      return { source: 'npm run size', gzipBytes: Object.fromEntries(rows.map((r) => [r.name, r.bytes])) };
    } catch (e) { log(`npm run size failed (${(e as Error).message.split('\n')[0]}); measuring gzip sizes here`); }
  }
  return gzipSizes();
}

function build(mode: string, outDir: string, always: boolean): void {
  if (!always && existsSync(join(outDir, 'index.html'))) return;
  log(`building ${mode}`);
  execFileSync(process.execPath, ['node_modules/vite/bin/vite.js', 'build', '--mode', mode, '--logLevel', 'error'], { stdio: 'inherit', timeout: 180_000 });
}

async function main(): Promise<void> {
  const results: Results = {
    date: new Date().toISOString(),
    machine: { cpu: cpus()[0]?.model.trim() ?? '?', cores: cpus().length, ramGiB: Math.round(totalmem() / 2 ** 30), node: process.version, loadavgAtStart: loadavg(), speedAtStart: machineSpeed() },
    settings: {},
  };
  const scales = (env.BENCH_SCALES ?? '100,1000,10000').split(',').map(Number).filter((n) => n > 0);
  const sync = env.BENCH_SYNC === 'normal' ? 'normal' : 'full';
  results.settings = { scales, agents: env.BENCH_AGENTS ? Number(env.BENCH_AGENTS) : 'C / 20 (every chat routed)', rate: Number(env.BENCH_RATE ?? 2000), phaseSeconds: Number(env.BENCH_PHASE_SECONDS ?? 5), sync, scaleOutCustomers: Number(env.BENCH_SCALEOUT_C ?? 1000), rtmRateLimit: 'RTM_RATE_PER_SECOND=RTM_RATE_BURST=100000 on the server under test', textChars: 96 };
  log(`machine: ${results.machine.cpu}, ${results.machine.cores} cores, ${results.machine.ramGiB} GiB, Node ${process.version}, load ${loadavg().map((x) => x.toFixed(1)).join(' ')}, speed ${results.machine.speedAtStart.toFixed(1)} sha256(4 KiB)/ms`);

  if (!skip.has('size') || !skip.has('widget')) {
    try { build('page', 'dist/page', false); build('frame', 'dist/frame', false); build('lib', 'dist/lib', false); build('bench', 'dist/bench', true); } catch (e) { log(`build failed: ${(e as Error).message}`); }
  }
  if (!skip.has('size')) { results.sizes = sizes(); log(`sizes: ${JSON.stringify(results.sizes)}`); }
  if (!skip.has('widget')) {
    log('widget in Chromium');
    try {
      const { startSwitchboardForPage } = await import('./server/serverBench.js');
      const srv = await startSwitchboardForPage(log);
      try { results.widget = await runWidgetBench({ benchDir: resolve('dist/bench'), standaloneUrl: `${srv.base}/`, log }); } finally { await srv.stop(); }
    } catch (e) { log(`widget bench failed: ${(e as Error).message}`); results.widget = { errors: [String((e as Error).message)] }; }
  }
  if (!skip.has('server')) {
    log('server under load');
    results.server = await runServerBench({ scales, ...(env.BENCH_AGENTS ? { agents: Number(env.BENCH_AGENTS) } : {}), rate: results.settings.rate as number, phaseSeconds: results.settings.phaseSeconds as number, sync, deadline: skip.has('scaleout') ? DEADLINE : DEADLINE - SCALE_OUT_RESERVE_MS, log });
  }
  if (!skip.has('scaleout')) {
    log('scale-out: nodes on PostgreSQL + Redis');
    results.scaleOut = await runScaleOutBench({ customers: Number(env.BENCH_SCALEOUT_C ?? 1000), rate: results.settings.rate as number, phaseSeconds: results.settings.phaseSeconds as number, deadline: DEADLINE, log });
  }
  results.machine.loadavgAtEnd = loadavg();
  results.machine.speedAtEnd = machineSpeed();
  results.machine.noisy = Math.abs(results.machine.speedAtEnd - results.machine.speedAtStart) / results.machine.speedAtStart > 0.1;
  results.seconds = (Date.now() - T0) / 1000;
  writeFileSync('bench/results.json', `${JSON.stringify(results, null, 2)}\n`);
  console.log(`\n${table(results)}`);
  log('wrote bench/results.json');
}

main().then(() => stopAll(), async (e) => { console.error(e); await stopAll(); process.exitCode = 1; }).finally(() => clearTimeout(hardStop));
