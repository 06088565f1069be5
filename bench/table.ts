/** Renders bench results as Markdown tables (printed, and pasted into README's Benchmarks section). */
import type { Results } from './run.js';
import { scaleOutTable } from './scaleOutTable.js';
import { IDLE_SETTLE_MS, type ScaleResult } from './server/serverBench.js';
import type { PageRun } from './widget/widgetBench.js';

const f = (x: number | undefined, d = 1) => (x === undefined || Number.isNaN(x) ? '–' : x.toFixed(d));
const ratio = (a: number | undefined, b: number | undefined) => (a === undefined || b === undefined || !b || Number.isNaN(a) || Number.isNaN(b) ? '–' : `${(a / b).toFixed(2)}×`);
const mib = (b: number | undefined) => (b === undefined ? undefined : b / 2 ** 20);
const kib = (b: number | undefined) => (b === undefined ? undefined : b / 1024);

/** A throughput ratio means something only when the baseline was the bottleneck. */
const saturated = (b: ScaleResult | undefined) => (b?.saturation?.serverCpu ?? 0) >= 0.9;
const setupRate = (s: ScaleResult | undefined) => (s ? s.setup.customers / s.setup.setupSeconds : undefined);

function pct(o: { p50: number; p99: number; p999: number; max: number } | undefined): string {
  return o ? `${f(o.p50, 2)} / ${f(o.p99, 1)} / ${f(o.p999, 1)} / ${f(o.max, 0)}` : '–';
}

export function table(r: Results): string {
  const out: string[] = [];
  const m = r.machine;
  const speed = m.speedAtStart !== undefined ? `; speed ${f(m.speedAtStart)} → ${f(m.speedAtEnd)} sha256(4 KiB)/ms${m.noisy ? ' — **noisy run** (speed changed > 10 %)' : ''}` : '';
  out.push(`Machine: ${m.cpu}, ${m.cores} cores, ${m.ramGiB} GiB RAM, Node ${m.node}; load average ${m.loadavgAtStart.map((x) => x.toFixed(1)).join(' ')} at start${speed} (ratios are same-run). Run ${r.date}, ${f(r.seconds, 0)} s.`);
  const sb = Object.entries(r.server?.targets ?? {}).find(([k]) => k.startsWith('switchboard'));
  const relay = r.server?.targets['ws relay'];
  if (sb) {
    out.push('', `### Server (${sb[0]}; relay = minimal \`ws\` relay, same driver, same frames)`, '');
    out.push('| C | metric | Switchboard | ws relay | ratio |', '| --- | --- | --- | --- | --- |');
    for (const s of sb[1].scales) {
      const b: ScaleResult | undefined = relay?.scales.find((x) => x.customers === s.customers);
      const row = (metric: string, a: string, bb: string, rr: string) => out.push(`| ${s.customers} | ${metric} | ${a} | ${bb} | ${rr} |`);
      row('sockets / chats under load', `${s.setup.sockets} / ${s.setup.loadedChats} (${s.setup.routedToAgents} via ${s.setup.agents} agents)`, b ? `${b.setup.sockets} / ${b.setup.loadedChats}` : '–', '');
      row('setup s (token, login, start_chat)', f(s.setup.setupSeconds), f(b?.setup.setupSeconds), ratio(s.setup.setupSeconds, b?.setup.setupSeconds));
      row('customers set up per second', f(setupRate(s), 0), f(setupRate(b), 0), ratio(setupRate(s), setupRate(b)));
      if (s.setup.failed) row('setup failures', `${s.setup.failed}: ${String(s.setup.firstError).slice(0, 80)}`, '', '');
      row('RSS idle (MiB)', f(mib(s.rssIdleBytes), 0), f(mib(b?.rssIdleBytes), 0), ratio(s.rssIdleBytes, b?.rssIdleBytes));
      row('RSS per connection 1 s after setup (KiB)', f(kib(s.idleBytesPerConnection)), f(kib(b?.idleBytesPerConnection)), ratio(s.idleBytesPerConnection, b?.idleBytesPerConnection));
      row(`RSS per connection after ${IDLE_SETTLE_MS / 1000} idle s (KiB)`, f(kib(s.settledBytesPerConnection)), f(kib(b?.settledBytesPerConnection)), ratio(s.settledBytesPerConnection, b?.settledBytesPerConnection));
      if (s.fixed) {
        row(`delivered msg/s at ${r.settings.rate}/s offered`, f(s.fixed.deliveredPerSec, 0), f(b?.fixed?.deliveredPerSec, 0), ratio(s.fixed.deliveredPerSec, b?.fixed?.deliveredPerSec));
        row('customer→agent ms p50/p99/p99.9/max', pct(s.fixed.customerToAgent), pct(b?.fixed?.customerToAgent), ratio(s.fixed.customerToAgent.p99, b?.fixed?.customerToAgent.p99));
        row('agent→customer ms p50/p99/p99.9/max', pct(s.fixed.agentToCustomer), pct(b?.fixed?.agentToCustomer), ratio(s.fixed.agentToCustomer.p99, b?.fixed?.agentToCustomer.p99));
        row('server CPU at fixed rate (% of a core)', f(s.fixed.serverCpu * 100, 0), f((b?.fixed?.serverCpu ?? NaN) * 100, 0), ratio(s.fixed.serverCpu, b?.fixed?.serverCpu));
        const l = s.fixed.serverLoop;
        if (l) {
          row('server event-loop delay at fixed rate, ms p99 / max', `${f(l.loopP99Ms)} / ${f(l.loopMaxMs)}`, '', '');
          row('server GC at fixed rate: pauses (major) / ms / pauses ≥ 10 ms', `${l.gcCount} (${l.gcMajor}) / ${f(l.gcMs, 0)} / ${l.gcOver10Ms}`, '', '');
        }
        if (s.fixed.serverCpuWait !== undefined) row('server waited for a CPU at fixed rate (% of the phase: machine contention)', f(s.fixed.serverCpuWait * 100, 1), f((b?.fixed?.serverCpuWait ?? NaN) * 100, 1), '');
        row('driver event-loop delay at fixed rate, max ms', f(s.fixed.driverLoop?.maxMs), f(b?.fixed?.driverLoop?.maxMs), '');
      }
      if (s.saturation) {
        row('delivered msg/s at saturation', f(s.saturation.deliveredPerSec, 0), f(b?.saturation?.deliveredPerSec, 0), saturated(b) ? ratio(s.saturation.deliveredPerSec, b?.saturation?.deliveredPerSec) : `no ratio: baseline not saturated (relay CPU ${f((b?.saturation?.serverCpu ?? NaN) * 100, 0)} %)`);
        row('saturation p99 c→a ms', f(s.saturation.customerToAgent.p99), f(b?.saturation?.customerToAgent.p99), ratio(s.saturation.customerToAgent.p99, b?.saturation?.customerToAgent.p99));
        row('server / driver CPU at saturation (%)', `${f(s.saturation.serverCpu * 100, 0)} / ${f(s.saturation.driverCpu * 100, 0)}`, b?.saturation ? `${f(b.saturation.serverCpu * 100, 0)} / ${f(b.saturation.driverCpu * 100, 0)}` : '–', '');
        row('extra pushes (to other watching agents)', String(s.saturation.extraFrames), String(b?.saturation?.extraFrames ?? '–'), '');
      }
    }
    if (sb[1].error) out.push('', `Switchboard run error: ${sb[1].error}`);
  }
  if (r.server?.durability.length) {
    out.push('', '### Durability (acknowledged send_event/s, commit before response, vs raw SQLite single-row transactions)', '');
    out.push('| SQLITE_SYNCHRONOUS | acked send_event/s | raw insert/s | ratio |', '| --- | --- | --- | --- |');
    for (const d of r.server.durability) out.push(`| ${d.sync} | ${f(d.ackedSendEventPerSec, 0)}${d.error ? ` (${d.error.slice(0, 60)})` : ''} | ${f(d.rawInsertPerSec, 0)} | ${ratio(d.ackedSendEventPerSec, d.rawInsertPerSec)} |`);
  }
  out.push(...scaleOutTable(r));
  const w = r.widget;
  if (w?.widget || w?.plain) {
    out.push('', '### Widget and console history in headless Chromium (plain = same messages as plain DOM, no virtualization)', '');
    out.push('| metric | widget | console | plain DOM | widget ÷ plain |', '| --- | --- | --- | --- | --- |');
    const a = w.widget; const c = w.console; const b = w.plain;
    const row = (name: string, cell: (p: PageRun) => string, num?: (p: PageRun) => number) =>
      out.push(`| ${name} | ${a ? cell(a) : '–'} | ${c ? cell(c) : '–'} | ${b ? cell(b) : '–'} | ${num && a && b ? ratio(num(a), num(b)) : ''} |`);
    row('10,000-event chat: first render after data is in the store (ms)', (p) => f(p.firstRender10k), (p) => p.firstRender10k);
    row('rows mounted', (p) => String(p.rowsMounted));
    row('scroll bottom→top in 300 frames: frames > 50 ms / max frame ms / long tasks', (p) => `${p.scroll.framesOver50} / ${f(p.scroll.maxFrameMs, 0)} / ${p.scroll.longTasks}`);
    row('JS heap after loading the 10,000-event chat (MiB)', (p) => f(mib(p.heapUsedBytes)), (p) => p.heapUsedBytes);
    row('switch chat, first visit (20 chats × 1,000 events), mean / max ms', (p) => `${f(p.switchCold.mean)} / ${f(p.switchCold.max)}`, (p) => p.switchCold.mean);
    row('switch between 10 chats from cache, mean / max ms', (p) => `${f(p.switch10.mean)} / ${f(p.switch10.max)}`, (p) => p.switch10.mean);
    row('switch between 20 chats from cache, mean / max ms', (p) => `${f(p.switch20.mean)} / ${f(p.switch20.max)}`, (p) => p.switch20.mean);
    if (w.standalone) out.push(`| standalone page: first contentful paint / connected and usable (ms) | ${f(w.standalone.fcpMs, 0)} / ${f(w.standalone.readyMs, 0)} | | ${f(w.standalone.baselineFcpMs, 0)} (empty page FCP) | ${ratio(w.standalone.fcpMs, w.standalone.baselineFcpMs)} |`);
  }
  if (w?.errors.length) out.push('', `Widget errors: ${w.errors.join('; ')}`);
  if (r.sizes) {
    out.push('', `### Bundle sizes (gzip, ${r.sizes.source})`, '');
    out.push('| bundle | bytes |', '| --- | --- |');
    for (const [k, v] of Object.entries(r.sizes.gzipBytes)) out.push(`| ${k} | ${typeof v === 'number' && Number.isNaN(v) ? 'not built' : JSON.stringify(v)} |`);
  }
  out.push('', ...targets(r));
  return out.join('\n');
}

function targets(r: Results): string[] {
  const sb = Object.entries(r.server?.targets ?? {}).find(([k]) => k.startsWith('switchboard'))?.[1];
  const relay = r.server?.targets['ws relay'];
  const at = (t: typeof sb, c: number) => t?.scales.find((s) => s.customers === c);
  const lines = ['### Targets', '', '| target | measured | holds |', '| --- | --- | --- |'];
  const add = (name: string, measured: string, ok: boolean | undefined) => lines.push(`| ${name} | ${measured} | ${ok === undefined ? 'not measured' : ok ? 'yes' : 'no'} |`);
  const s1k = at(sb, 1000); const r1k = at(relay, 1000);
  const sat = s1k?.saturation; const rsat = r1k?.saturation;
  add('delivered msg/s at C=1,000 ≥ 0.5× the ws relay (baseline saturated)', sat && rsat ? `${f(sat.deliveredPerSec, 0)} vs ${f(rsat.deliveredPerSec, 0)} (${f(sat.deliveredPerSec / rsat.deliveredPerSec, 2)}×; relay CPU ${f(rsat.serverCpu * 100, 0)} %)` : '–', sat && rsat && saturated(r1k) ? sat.deliveredPerSec >= 0.5 * rsat.deliveredPerSec : undefined);
  const fixed = sb?.scales.filter((s) => s.customers <= 1000).map((s) => s.fixed).filter((x) => x !== undefined) ?? [];
  const worst = fixed.length ? Math.max(...fixed.map((x) => Math.max(x.customerToAgent.p99, x.agentToCustomer.p99))) : undefined;
  add(`p99 send→push at ${r.settings.rate} msg/s ≤ 5 ms (worst direction, C ≤ 1,000)`, worst === undefined ? '–' : `${f(worst, 1)} ms`, worst === undefined ? undefined : worst <= 5 && fixed.every((x) => x.deliveredPerSec >= 0.95 * Number(r.settings.rate)));
  const loops = sb?.scales.filter((s) => s.customers <= 1000).map((s) => s.fixed?.serverLoop).filter((x) => x !== undefined) ?? [];
  const stall = loops.length ? Math.max(...loops.map((x) => x.loopMaxMs)) : undefined;
  add(`no server event-loop stall over 10 ms at ${r.settings.rate} msg/s (longest delay, C ≤ 1,000)`, stall === undefined ? '–' : `${f(stall, 1)} ms`, stall === undefined ? undefined : stall <= 10);
  add('customer setup ≥ 0.5× the relay\'s rate (C=1,000)', s1k && r1k ? `${f(setupRate(s1k), 0)}/s vs ${f(setupRate(r1k), 0)}/s` : '–', s1k && r1k ? setupRate(s1k)! >= 0.5 * setupRate(r1k)! : undefined);
  add(`idle logged-in customer ≤ 1.3× the relay's bytes (C=1,000, after ${IDLE_SETTLE_MS / 1000} idle s)`, s1k && r1k ? `${f(kib(s1k.settledBytesPerConnection))} vs ${f(kib(r1k.settledBytesPerConnection))} KiB (1 s after setup: ${f(kib(s1k.idleBytesPerConnection))} vs ${f(kib(r1k.idleBytesPerConnection))})` : '–', s1k?.settledBytesPerConnection !== undefined && r1k?.settledBytesPerConnection !== undefined ? s1k.settledBytesPerConnection <= 1.3 * r1k.settledBytesPerConnection : undefined);
  const s10k = at(sb, 10_000);
  add('10,000 customers under load (fixed rate delivered ≥ 95 %), RSS ≤ 1 GiB', s10k?.fixed ? `${s10k.setup.customers} customers, ${s10k.setup.routedToAgents} routed; ${f(s10k.fixed.deliveredPerSec, 0)} msg/s, p99 ${f(Math.max(s10k.fixed.customerToAgent.p99, s10k.fixed.agentToCustomer.p99), 1)} ms; ${f(mib(s10k.fixed.rssBytes), 0)} MiB` : '–', s10k?.fixed ? s10k.setup.customers >= 10_000 && s10k.fixed.deliveredPerSec >= 0.95 * Number(r.settings.rate) && s10k.fixed.rssBytes <= 2 ** 30 : undefined);
  const w = r.widget?.widget;
  add('10,000-event chat first render ≤ 100 ms', w ? `${f(w.firstRender10k)} ms` : '–', w ? w.firstRender10k <= 100 : undefined);
  add('no frame over 50 ms while scrolling', w ? `${w.scroll.framesOver50} frames over 50 ms (max ${f(w.scroll.maxFrameMs, 0)} ms)` : '–', w ? w.scroll.framesOver50 === 0 : undefined);
  add('switching 20 chats ≤ 50 ms from cache', w ? `mean ${f(w.switch20.mean)} ms, max ${f(w.switch20.max)} ms` : '–', w ? w.switch20.max <= 50 : undefined);
  add('≤ 60 message rows mounted', w ? String(w.rowsMounted) : '–', w ? w.rowsMounted <= 60 : undefined);
  return lines;
}
