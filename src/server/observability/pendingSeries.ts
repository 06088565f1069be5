import type { Counter, Histogram } from 'prom-client';

/**
 * Per-request metrics held in plain numbers and handed to prom-client when it is read (its
 * `collect` hook), not on every request: prom-client builds a label hash string and checks the
 * labels on each `inc`/`observe`, which was a few per cent of the CPU and allocation of a
 * `send_event` (#16). Cells are found through one Map per label, so recording allocates nothing
 * once a label set has been seen.
 */
class Cells<C> {
  readonly #root = new Map<string, unknown>();
  readonly #all: C[] = [];

  constructor(private readonly names: readonly string[], private readonly make: (labels: Record<string, string>) => C) {}

  /** The cell of these label values (as many as there are label names; the rest are ignored). */
  get(v0: string, v1 = '', v2 = '', v3 = ''): C {
    const last = this.names.length - 1;
    let level: Map<string, unknown> = this.#root;
    for (let i = 0; i < last; i++) {
      const value = i === 0 ? v0 : i === 1 ? v1 : v2;
      let next = level.get(value) as Map<string, unknown> | undefined;
      if (!next) level.set(value, (next = new Map()));
      level = next;
    }
    const value = last === 0 ? v0 : last === 1 ? v1 : last === 2 ? v2 : v3;
    let cell = level.get(value) as C | undefined;
    if (cell === undefined) {
      const values = [v0, v1, v2, v3];
      const labels: Record<string, string> = {};
      this.names.forEach((name, i) => { labels[name] = values[i]!; });
      cell = this.make(labels);
      level.set(value, cell);
      this.#all.push(cell);
    }
    return cell;
  }

  get all(): readonly C[] {
    return this.#all;
  }
}

/** Increments of a labelled counter, added to it when it is read. */
export class PendingCounts {
  readonly #cells: Cells<{ labels: Record<string, string>; pending: number }>;

  constructor(labelNames: readonly string[]) {
    this.#cells = new Cells(labelNames, (labels) => ({ labels, pending: 0 }));
  }

  inc(v0: string, v1?: string, v2?: string, v3?: string): void {
    this.#cells.get(v0, v1, v2, v3).pending += 1;
  }

  /** Call from the counter's `collect`. */
  flushInto(counter: Counter<string>): void {
    for (const cell of this.#cells.all) {
      if (cell.pending === 0) continue;
      counter.inc(cell.labels, cell.pending);
      cell.pending = 0;
    }
  }
}

/**
 * Observations of a labelled histogram, added to it when it is read or when a cell holds `max` of them.
 *
 * NOTE: `max` is small on purpose. Handing a full cell over costs one prom-client `observe` (a label
 * hash) per value in one go: 4,096 values, as it was, stalled the event loop for 5–10 ms every 4.1 s
 * at 2,000 requests/s (#16, the slowest messages of every fixed-rate phase were sent then). 256 take
 * well under a millisecond. Each cell keeps its values in one array made once.
 */
export class PendingObservations {
  readonly #cells: Cells<{ labels: Record<string, string>; values: Float64Array; count: number }>;

  constructor(labelNames: readonly string[], private readonly histogram: () => Histogram<string>, private readonly max = 256) {
    this.#cells = new Cells(labelNames, (labels) => ({ labels, values: new Float64Array(max), count: 0 }));
  }

  observe(value: number, v0: string, v1?: string, v2?: string, v3?: string): void {
    const cell = this.#cells.get(v0, v1, v2, v3);
    cell.values[cell.count++] = value;
    // Bounded when nobody scrapes: a full cell is handed over at once.
    if (cell.count === this.max) this.#flushCell(cell);
  }

  /** Call from the histogram's `collect`. */
  flush(): void {
    for (const cell of this.#cells.all) if (cell.count > 0) this.#flushCell(cell);
  }

  #flushCell(cell: { labels: Record<string, string>; values: Float64Array; count: number }): void {
    const histogram = this.histogram();
    for (let i = 0; i < cell.count; i++) histogram.observe(cell.labels, cell.values[i]!);
    cell.count = 0;
  }
}
