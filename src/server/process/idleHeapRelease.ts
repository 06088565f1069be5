import { performance, type EventLoopUtilization } from 'node:perf_hooks';
import { getHeapSpaceStatistics, setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

/**
 * Gives the young generation back once a node has been idle for a while.
 *
 * A burst of work (a thousand logins, a busy hour) grows V8's new space to its maximum, 32 MiB with
 * 16 MiB semi-spaces, and every page of it stays resident. V8 shrinks new space only in a full GC
 * that finds allocation low over its last five seconds, and a node that never needs a full GC never
 * runs one: 60 s after 1,000 logins a node still held 37 KiB per socket, most of it empty new space
 * (docs/operations.md, "Garbage collection and the young generation"). So once the event loop has
 * been nearly idle for `idleSeconds`, one full GC is asked for (about 30–60 ms at 1,000 connections);
 * it also frees the garbage the burst promoted into the old generation.
 */
export interface IdleHeapReleaseOptions {
  /** Seconds of a nearly idle event loop (under 5 % busy each second) before a full GC; at least MIN_IDLE_SECONDS. */
  idleSeconds: number;
  /** Told after each collection, e.g. for the log. */
  onRelease?(release: HeapRelease): void;
}

export interface HeapRelease { pauseMs: number; youngBytesBefore: number; youngBytesAfter: number }

/** Busy share of one second under which the node counts as idle. */
export const IDLE_UTILIZATION = 0.05;
/** A young generation at or below this has nothing worth a full GC to give back (V8 shrinks it to 1 MiB). */
export const YOUNG_FLOOR_BYTES = 4 * 2 ** 20;
/** V8 judges allocation over its last 5 s, counted from GC to GC: the idle stretch it sees must be longer. */
export const MIN_IDLE_SECONDS = 7;
/** Waiting again after a collection V8 did not shrink new space in: doubled each time up to this. */
const MAX_BACKOFF = 32;

export type Collection = 'minor' | 'major';

/**
 * The decision, one call per second. V8 reads "recent allocation" from samples taken at each GC, so
 * the sample that ends an idle stretch would also count whatever the busy period allocated after its
 * last scavenge (up to a whole semi-space): a scavenge in the first idle second closes that sample.
 * After `idleSeconds` idle seconds in a row, a full GC, if the young generation is above its floor.
 * When a full GC left it large (V8 still saw too much allocation), the next one waits twice as long,
 * so an idle node that keeps allocating does not pay a full GC every few seconds.
 */
export class IdleHeapPolicy {
  #idle = 0;
  #backoff = 1;

  constructor(private readonly idleSeconds: number) {
    if (idleSeconds < MIN_IDLE_SECONDS) throw new RangeError(`idleSeconds must be at least ${MIN_IDLE_SECONDS}`);
  }

  /** `utilization`: busy share of the last second; `youngBytes`: new space's current size. */
  tick(utilization: number, youngBytes: number): Collection | undefined {
    this.#idle = utilization < IDLE_UTILIZATION ? this.#idle + 1 : 0;
    if (youngBytes <= YOUNG_FLOOR_BYTES) {
      this.#backoff = 1;
      return undefined;
    }
    if (this.#idle === 1) return 'minor';
    if (this.#idle < this.idleSeconds * this.#backoff) return undefined;
    this.#idle = 0;
    return 'major';
  }

  /** After a full GC: whether it gave the young generation back decides the next wait. */
  collected(youngBytesAfter: number): void {
    this.#backoff = youngBytesAfter <= YOUNG_FLOOR_BYTES ? 1 : Math.min(MAX_BACKOFF, this.#backoff * 2);
  }
}

/** Starts the once-a-second check; the returned function stops it. The timer never keeps the process alive. */
export function startIdleHeapRelease(options: IdleHeapReleaseOptions): () => void {
  const policy = new IdleHeapPolicy(options.idleSeconds);
  const gc = exposedGc();
  let last: EventLoopUtilization = performance.eventLoopUtilization();
  const timer = setInterval(() => {
    const now = performance.eventLoopUtilization();
    const { utilization } = performance.eventLoopUtilization(now, last);
    last = now;
    const youngBytesBefore = youngGenerationBytes();
    const collection = policy.tick(utilization, youngBytesBefore);
    if (collection === undefined) return;
    const started = performance.now();
    gc({ type: collection });
    if (collection === 'minor') return;
    const release = { pauseMs: performance.now() - started, youngBytesBefore, youngBytesAfter: youngGenerationBytes() };
    policy.collected(release.youngBytesAfter);
    // The collection's own time is not idleness lost: the next second starts from here.
    last = performance.eventLoopUtilization();
    options.onRelease?.(release);
  }, 1000);
  timer.unref();
  return () => clearInterval(timer);
}

export function youngGenerationBytes(): number {
  return getHeapSpaceStatistics().find((s) => s.space_name === 'new_space')?.space_size ?? 0;
}

type Gc = (options: { type: Collection }) => void;

/**
 * V8's `gc` function. Started with `--expose-gc` it is the global `gc`; otherwise V8 installs it in
 * contexts created while the flag is set, so one is created and the flag turned off again — the
 * main context does not get a `gc` global from this.
 */
function exposedGc(): Gc {
  const global = (globalThis as { gc?: Gc }).gc;
  if (typeof global === 'function') return global;
  setFlagsFromString('--expose-gc');
  try {
    return runInNewContext('gc') as Gc;
  } finally {
    setFlagsFromString('--no-expose-gc');
  }
}
