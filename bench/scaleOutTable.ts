/** Renders the scale-out rows (#12): SQLite node, PostgreSQL + Redis with one and two nodes, the relay. */
import type { Results } from './run.js';
import type { MeasuredPhase, ScaleResult } from './server/serverBench.js';

const f = (x: number | undefined, d = 0) => (x === undefined || Number.isNaN(x) ? '–' : x.toFixed(d));
const lat = (p: { p50: number; p99: number } | undefined) => (p ? `${f(p.p50, 1)} / ${f(p.p99, 1)}` : '–');

/** Two nodes should deliver at least this many times one node, per core used (#12). */
export const SCALE_TARGET = 1.6;
/** A PostgreSQL node should deliver at least this share of a SQLite node (#12). */
export const PG_VS_SQLITE_TARGET = 0.5;

/** Cores (fractions of one) used by the deployment's processes, driver excluded; and by its nodes only. */
function cores(p: MeasuredPhase): { all: number; nodes: number } {
  const entries = Object.entries(p.procCpu ?? { server: p.serverCpu });
  const all = entries.filter(([k]) => k !== 'driver').reduce((s, [, v]) => s + v, 0);
  return { all, nodes: p.serverCpu };
}

/**
 * Whether a run's throughput is the deployment's capacity, so that a ratio may be printed: its nodes
 * were CPU-bound (≥ 90 % each), or the machine was (every process measured, driver included,
 * ≥ 90 % of its cores), or requests queued in the deployment while the driver idled (driver < 50 %,
 * median latency ≥ 50 ms: the closed loop's windows were full and waiting on the server).
 */
export function saturation(p: MeasuredPhase | undefined, nodes: number, machineCores: number): { ok: boolean; why: string } {
  if (!p) return { ok: false, why: 'not measured' };
  const all = Object.values(p.procCpu ?? { server: p.serverCpu, driver: p.driverCpu }).reduce((s, v) => s + v, 0);
  if (p.serverCpu >= 0.9 * nodes) return { ok: true, why: `nodes at ${f(p.serverCpu * 100)} % of ${nodes} core(s)` };
  if (all >= 0.9 * machineCores) return { ok: true, why: `machine-bound: ${f(all * 100)} % of ${machineCores} cores` };
  if (p.driverCpu < 0.5 && p.customerToAgent.p50 >= 50) return { ok: true, why: `waiting on the server: driver ${f(p.driverCpu * 100)} %, p50 ${f(p.customerToAgent.p50)} ms` };
  return { ok: false, why: `not saturated (nodes ${f(p.serverCpu * 100)} %, all processes ${f(all * 100)} %, driver ${f(p.driverCpu * 100)} %)` };
}

export function scaleOutTable(r: Results): string[] {
  const so = r.scaleOut;
  if (!so) return [];
  const c = Number(r.settings.scaleOutCustomers ?? 1000);
  const at = (name: string | undefined) => (name ? r.server?.targets[name]?.scales.find((s) => s.customers === c) : undefined);
  const sqliteKey = Object.keys(r.server?.targets ?? {}).find((k) => k.startsWith('switchboard'));
  const rows: { name: string; nodes: number; s: ScaleResult | undefined; error?: string }[] = [
    { name: `1 node, SQLite ${sqliteKey?.replace('switchboard ', '') ?? ''}`.trim(), nodes: 1, s: at(sqliteKey) },
    ...Object.entries(so.deployments).map(([name, d]) => ({ name, nodes: d.nodes, s: d.result, ...(d.error ? { error: d.error } : {}) })),
    { name: '`ws` relay (baseline)', nodes: 1, s: at('ws relay') },
  ];
  const out = ['', `### Scale-out (C = ${c}: customers ↔ agents through routing, same driver and frames; with 2 nodes customers are on node 1 and agents on node 2, so every push crosses Redis)`, ''];
  out.push('| deployment | chats under load (setup failures) | delivered msg/s at saturation | c→a / a→c ms p50 / p99 at saturation | at ' + String(r.settings.rate) + '/s offered: delivered, c→a p50 / p99 ms | CPU at saturation (% of a core) | msg/s per core (nodes / all processes) |');
  out.push('| --- | --- | --- | --- | --- | --- | --- |');
  for (const row of rows) {
    const sat = row.s?.saturation; const fx = row.s?.fixed;
    if (!sat && !fx) { out.push(`| ${row.name} | ${row.error ? `not measured: ${row.error.slice(0, 80)}` : 'not measured'} | | | | | |`); continue; }
    const cpu = sat ? Object.entries(sat.procCpu ?? { server: sat.serverCpu, driver: sat.driverCpu }).map(([k, v]) => `${k} ${f(v * 100)}`).join(' · ') : '–';
    const k = sat ? cores(sat) : undefined;
    const setup = row.s?.setup as { loadedChats?: number; failed?: number; firstError?: string } | undefined;
    const chats = `${setup?.loadedChats ?? '–'}${setup?.failed ? ` (${setup.failed}: ${String(setup.firstError).slice(0, 40)})` : ''}`;
    out.push(`| ${row.name} | ${chats} | ${f(sat?.deliveredPerSec)} | ${lat(sat?.customerToAgent)} · ${lat(sat?.agentToCustomer)} | ${f(fx?.deliveredPerSec)}, ${lat(fx?.customerToAgent)} | ${cpu} | ${sat && k ? `${f(sat.deliveredPerSec / k.nodes)} / ${f(sat.deliveredPerSec / k.all)}` : '–'} |`);
  }
  out.push('', ...ratios(r, rows[0]!.s, so.deployments['1 node, PostgreSQL + Redis']?.result, so.deployments['2 nodes, PostgreSQL + Redis']?.result));
  const d = so.durability;
  if (d) {
    out.push('', '### Durability on PostgreSQL (synchronous_commit=on, the default: acknowledged send_event/s, commit before response)', '');
    out.push(`| acked send_event/s (1 node, 100 customers × 2 tabs) | raw single-row insert transactions/s (${d.rawConnections} connections) | ratio |`, '| --- | --- | --- |');
    out.push(`| ${f(d.ackedSendEventPerSec)}${d.error ? ` (${d.error.slice(0, 60)})` : ''} | ${f(d.rawInsertPerSec)} | ${d.ackedSendEventPerSec && d.rawInsertPerSec ? `${(d.ackedSendEventPerSec / d.rawInsertPerSec).toFixed(2)}×` : '–'} |`);
  }
  return out;
}

function ratios(r: Results, sqlite: ScaleResult | undefined, pg1: ScaleResult | undefined, pg2: ScaleResult | undefined): string[] {
  const coresOfMachine = r.machine.cores;
  const lines = ['| ratio (#12) | measured | target | holds |', '| --- | --- | --- | --- |'];
  const s1 = saturation(pg1?.saturation, 1, coresOfMachine); const s2 = saturation(pg2?.saturation, 2, coresOfMachine);
  const sq = saturation(sqlite?.saturation, 1, coresOfMachine);
  if (pg1?.saturation && pg2?.saturation && s1.ok && s2.ok) {
    const per1 = pg1.saturation.deliveredPerSec / pg1.saturation.serverCpu;
    const per2 = pg2.saturation.deliveredPerSec / pg2.saturation.serverCpu;
    const scale = (2 * per2) / per1;
    lines.push(`| 2 nodes ÷ 1 PostgreSQL node per core used (2 × msg/s per node-core with 2 nodes ÷ with 1; raw ${(pg2.saturation.deliveredPerSec / pg1.saturation.deliveredPerSec).toFixed(2)}× on this ${coresOfMachine}-core machine) | ${scale.toFixed(2)}× (${f(per2)} vs ${f(per1)} msg/s per node-core; saturated: 1 node ${s1.why}, 2 nodes ${s2.why}) | ≥ ${SCALE_TARGET}× | ${scale >= SCALE_TARGET ? 'yes' : '**unmet**'} |`);
  } else lines.push(`| 2 nodes ÷ 1 PostgreSQL node per core used | no ratio: ${!s1.ok ? `1 node ${s1.why}` : `2 nodes ${s2.why}`} | ≥ ${SCALE_TARGET}× | not measured |`);
  if (pg1?.saturation && sqlite?.saturation && s1.ok && sq.ok) {
    const x = pg1.saturation.deliveredPerSec / sqlite.saturation.deliveredPerSec;
    lines.push(`| PostgreSQL node ÷ SQLite node (delivered msg/s at saturation) | ${x.toFixed(2)}× (${f(pg1.saturation.deliveredPerSec)} vs ${f(sqlite.saturation.deliveredPerSec)}; saturated: PostgreSQL ${s1.why}, SQLite ${sq.why}) | ≥ ${PG_VS_SQLITE_TARGET}× | ${x >= PG_VS_SQLITE_TARGET ? 'yes' : '**unmet**'} |`);
  } else lines.push(`| PostgreSQL node ÷ SQLite node | no ratio: ${!s1.ok ? `PostgreSQL node ${s1.why}` : `SQLite node ${sq.why}`} | ≥ ${PG_VS_SQLITE_TARGET}× | not measured |`);
  return lines;
}
