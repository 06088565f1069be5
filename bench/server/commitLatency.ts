/**
 * Latency of acknowledged writes through the SQLite store alone (no sockets, no domain): units of
 * work arrive at a fixed rate in bursts, as the load driver sends them, each one insert plus some
 * CPU, and each is timed from `atomically()` to its acknowledgement (COMMIT written and the WAL
 * flushed: `synchronous = full` on a file). Not part of `npm run bench`.
 *
 * Given several store modules (e.g. a copy of an older SqliteStore.ts), it alternates them phase by
 * phase in one process, so that an A/B shares the machine's noise.
 * Env: RATE (units/s, default 2000), BURST (default 10), SECONDS per phase (default 2), PHASES per
 * module (default 4), UNIT_US and ACK_US: CPU spent inside each unit and after its acknowledgement
 * (defaults 40 and 60, about a send_event's share on a node).
 *
 * Usage: tsx bench/server/commitLatency.ts [SqliteStore.ts …]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Store } from '../../src/server/domain/ports.js';

const modules = process.argv.slice(2).length > 0 ? process.argv.slice(2) : ['src/server/storage/sqlite/SqliteStore.ts'];
const rate = Number(process.env.RATE ?? 2000);
const burst = Number(process.env.BURST ?? 10);
const seconds = Number(process.env.SECONDS ?? 2);
const phases = Number(process.env.PHASES ?? 4);
const unitUs = Number(process.env.UNIT_US ?? 40);
const ackUs = Number(process.env.ACK_US ?? 60);

const spin = (us: number) => { const end = performance.now() + us / 1000; while (performance.now() < end); };
const quantile = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;

const dir = mkdtempSync(join(tmpdir(), 'sb-commit-latency-'));
const stores: Store[] = [];
for (const [i, path] of modules.entries()) {
  const { SqliteStore } = await import(pathToFileURL(resolve(path)).href) as typeof import('../../src/server/storage/sqlite/SqliteStore.js');
  stores.push(new SqliteStore({ filename: join(dir, `store${i}.sqlite`), synchronous: 'full' }));
}
let nextId = 1;

/** One phase at the fixed rate: the latency of every unit, in ms. */
async function phase(store: Store): Promise<number[]> {
  const latencies: number[] = [];
  const bursts = Math.round((rate * seconds) / burst);
  const every = (burst * 1000) / rate;
  const t0 = performance.now();
  const acked: Promise<void>[] = [];
  for (let b = 0; b < bursts; b++) {
    const due = t0 + b * every;
    while (performance.now() < due) await new Promise((r) => setTimeout(r, Math.max(0, due - performance.now() - 1)));
    for (let i = 0; i < burst; i++) {
      const sent = performance.now();
      const id = nextId++;
      acked.push(store.atomically(async (tx) => {
        spin(unitUs);
        await tx.insertLicense({ id, organizationId: `o${id}`, createdAt: 1 });
      }).then(() => {
        latencies.push(performance.now() - sent);
        spin(ackUs);
      }));
    }
  }
  await Promise.all(acked);
  return latencies;
}

try {
  await phase(stores[0]!); // warm-up, unmeasured
  for (let p = 0; p < phases; p++) {
    for (const [i, store] of stores.entries()) {
      const l = (await phase(store)).sort((a, b) => a - b);
      console.log(`${modules[i]} phase ${p + 1}: p50/p90/p99/max ${[0.5, 0.9, 0.99].map((q) => quantile(l, q).toFixed(2)).join('/')}/${l[l.length - 1]!.toFixed(1)} ms`);
    }
  }
} finally {
  for (const store of stores) await store.close();
  rmSync(dir, { recursive: true, force: true });
}
