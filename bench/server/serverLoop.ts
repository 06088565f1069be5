/**
 * The server process's own view of a phase, read from its `/metrics` (METRICS=on): event-loop
 * delay (prom-client's monitorEventLoopDelay at 1 ms resolution, reset by every scrape, so a
 * scrape just before the phase opens the window and one just after reads it) and garbage
 * collection (V8's GC pauses, cumulative, so the two scrapes are subtracted).
 */

export interface ServerLoop {
  /** Event-loop delay over the phase, ms: the longest one and the 99th percentile. */
  loopMaxMs: number; loopP99Ms: number;
  /** GC pauses during the phase: their count, total ms, how many took ≥ 10 ms (by bucket), and the full (major) ones. */
  gcCount: number; gcMs: number; gcOver10Ms: number; gcMajor: number;
}

/** An unlabelled gauge's value. */
function value(text: string, name: string): number {
  const line = text.split('\n').find((l) => l.startsWith(`${name} `));
  return line === undefined ? Number.NaN : Number(line.slice(line.lastIndexOf(' ') + 1));
}

/** Sum over the `kind`s of a GC histogram series (`_count`, `_sum`, or one bucket). */
function gcTotal(text: string, series: string, le?: string, kind?: string): number {
  let sum = 0;
  for (const line of text.split('\n')) {
    if (!line.startsWith(`switchboard_nodejs_gc_duration_seconds_${series}`)) continue;
    if (le !== undefined && !line.includes(`le="${le}"`)) continue;
    if (kind !== undefined && !line.includes(`kind="${kind}"`)) continue;
    sum += Number(line.slice(line.lastIndexOf(' ') + 1));
  }
  return sum;
}

async function scrape(base: string): Promise<string> {
  const r = await fetch(`${base}/metrics`);
  if (r.status !== 200) throw new Error(`/metrics answered ${r.status}`);
  return r.text();
}

/** Opens the window (resets the server's delay histogram); `finish()` closes it and reads the phase. */
export async function watchServerLoop(base: string): Promise<{ finish(): Promise<ServerLoop> }> {
  const before = await scrape(base);
  return {
    async finish() {
      const after = await scrape(base);
      const gc = (series: string, le?: string, kind?: string) => gcTotal(after, series, le, kind) - gcTotal(before, series, le, kind);
      const gcCount = gc('count');
      return {
        loopMaxMs: value(after, 'switchboard_nodejs_eventloop_lag_max_seconds') * 1000,
        loopP99Ms: value(after, 'switchboard_nodejs_eventloop_lag_p99_seconds') * 1000,
        gcCount,
        gcMs: gc('sum') * 1000,
        gcOver10Ms: gcCount - gc('bucket', '0.01'),
        gcMajor: gc('count', undefined, 'major'),
      };
    },
  };
}
