/** Small helpers shared by the bench processes: percentiles and /proc readings. */
import { readFileSync, readdirSync } from 'node:fs';

export interface Percentiles { n: number; p50: number; p99: number; p999: number; max: number }

/** Percentiles (ms) of the first `n` samples; sorts them in place. */
export function percentiles(samples: Float64Array, n: number): Percentiles {
  if (n === 0) return { n: 0, p50: NaN, p99: NaN, p999: NaN, max: NaN };
  const s = samples.subarray(0, n).sort();
  const at = (q: number) => s[Math.min(n - 1, Math.floor(q * n))]!;
  return { n, p50: at(0.5), p99: at(0.99), p999: at(0.999), max: s[n - 1]! };
}

const CLK_TCK = 100; // USER_HZ on Linux
export interface ProcSample { at: number; cpuSeconds: number; userSeconds: number; rssBytes: number }

/** CPU time (user+system) from /proc/<pid>/stat and VmRSS from /proc/<pid>/status. */
export function procSample(pid: number): ProcSample {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const cpuSeconds = (Number(fields[11]) + Number(fields[12])) / CLK_TCK; // utime, stime
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const rssKb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
  return { at: performance.now(), cpuSeconds, userSeconds: Number(fields[11]) / CLK_TCK, rssBytes: rssKb * 1024 };
}

/**
 * A process and its children (PostgreSQL's postmaster and its backends): its own CPU, its reaped
 * children's (cutime, cstime) and its live children's. RSS is the parent's alone.
 */
export function treeSample(pid: number): ProcSample {
  const fieldsOf = (p: string | number) => { const st = readFileSync(`/proc/${p}/stat`, 'utf8'); return st.slice(st.lastIndexOf(')') + 2).split(' '); };
  const own = fieldsOf(pid);
  let ticks = Number(own[11]) + Number(own[12]) + Number(own[13]) + Number(own[14]);
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry) || entry === String(pid)) continue;
    try { const f = fieldsOf(entry); if (Number(f[1]) === pid) ticks += Number(f[11]) + Number(f[12]); } catch { /* exited meanwhile */ }
  }
  return { ...procSample(pid), cpuSeconds: ticks / CLK_TCK };
}

/** CPU use between two samples, as a fraction of one core. */
export function cpuShare(a: ProcSample, b: ProcSample): number {
  return (b.cpuSeconds - a.cpuSeconds) / ((b.at - a.at) / 1000);
}

/**
 * Nanoseconds the process's main thread has run, and has waited runnable for a CPU
 * (/proc/<pid>/task/<pid>/schedstat). The waiting share of a phase says how much of its latency
 * and event-loop delay was the machine's contention, not the server's own work.
 */
export function schedSample(pid: number): { runNs: number; waitNs: number; at: number } {
  const [run, wait] = readFileSync(`/proc/${pid}/task/${pid}/schedstat`, 'utf8').trim().split(' ').map(Number);
  return { runNs: run!, waitNs: wait!, at: performance.now() };
}

/** Share of the wall time between two samples the main thread spent waiting for a CPU. */
export function cpuWaitShare(a: ReturnType<typeof schedSample>, b: ReturnType<typeof schedSample>): number {
  return (b.waitNs - a.waitNs) / 1e6 / (b.at - a.at);
}

/** A stretch of time in which messages sent were among the slowest 1 % of a phase. */
export interface SlowWindow { fromMs: number; toMs: number; messages: number; maxMs: number }

/**
 * Groups the sends of the slowest 1 % of messages (latency ≥ the p99) into windows of sends less
 * than `gapMs` apart, largest first. A p99 made by a few long windows points at stalls (GC, a
 * preempted process); one spread over many short windows at steady queueing. `sentAt` is relative
 * to the phase start.
 */
export function slowWindows(sentAt: Float64Array, latencyMs: Float64Array, n: number, gapMs = 20): SlowWindow[] {
  if (n === 0) return [];
  const p99 = Float64Array.from(latencyMs.subarray(0, n)).sort()[Math.min(n - 1, Math.floor(0.99 * n))]!;
  const slow: number[] = [];
  for (let i = 0; i < n; i++) if (latencyMs[i]! >= p99) slow.push(i);
  slow.sort((a, b) => sentAt[a]! - sentAt[b]!);
  const windows: SlowWindow[] = [];
  for (const i of slow) {
    const last = windows.at(-1);
    if (last && sentAt[i]! - last.toMs < gapMs) {
      last.toMs = sentAt[i]!; last.messages++; last.maxMs = Math.max(last.maxMs, latencyMs[i]!);
    } else windows.push({ fromMs: sentAt[i]!, toMs: sentAt[i]!, messages: 1, maxMs: latencyMs[i]! });
  }
  return windows.sort((a, b) => b.messages - a.messages);
}
