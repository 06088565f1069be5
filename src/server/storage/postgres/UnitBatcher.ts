import type pg from 'pg';
import type { StoreCommitObserver, StoreTx, UnitHint } from '../../domain/ports.js';
import { DomainError } from '../../domain/errors.js';
import { BatchStoreTx } from './BatchStoreTx.js';
import { PostgresStoreTx } from './PostgresStoreTx.js';

/**
 * SQLSTATEs after which a unit of work is re-run from the start (nothing of it was committed):
 * serialization_failure, deadlock_detected, and unique_violation — when two units derive the same
 * key from the same row (the next event id of a thread) the loser may hit the duplicate key before
 * SSI reports the conflict; re-run, it reads the winner's row and derives the next key. A genuine
 * duplicate fails every attempt and is thrown after the last one.
 */
const RETRYABLE = new Set(['40001', '40P01', '23505']);
const MAX_ATTEMPTS = 60;

/** After a unit's failed attempt: the pause before it runs again, or the error to report. */
export function afterFailedAttempt(failure: unknown, attempts: number): { retryInMs: number } | { error: unknown } {
  const code = (failure as { code?: string }).code;
  if (code === undefined || !RETRYABLE.has(code)) return { error: failure };
  if (attempts >= MAX_ATTEMPTS) {
    // Contention, not a fault: the client may try again (a duplicate key that never resolves stays an error).
    if (code === '23505') return { error: failure };
    return { error: new DomainError('service_unavailable', `The change kept conflicting with concurrent ones (${MAX_ATTEMPTS} attempts); retry`, undefined, { cause: failure }) };
  }
  // Jitter so that the units that collided do not collide again in lockstep.
  return { retryInMs: Math.random() * Math.min(50, 2 * attempts) };
}

interface Unit {
  fn: (tx: StoreTx) => Promise<unknown>;
  hint: UnitHint | undefined;
  resolve(value: unknown): void;
  reject(err: unknown): void;
  /** Runs in a batch of its own (after its batch failed once). */
  alone: boolean;
  attempts: number;
  began: number;
}

type Outcome = { ok: true; value: unknown } | { ok: false; error: unknown };

export interface BatcherOptions {
  /** Batches committing at once, each on its own connection; units of one chat (by hint) always share one. */
  lanes: number;
  /** The isolation level of the batches' transactions. */
  isolation: 'SERIALIZABLE' | 'READ COMMITTED';
  /** Units of work at most in one batch. */
  maxUnits: number;
  observer?: StoreCommitObserver;
}

/**
 * Group commit for the shared store: the units of work waiting on this node run one after another
 * in one SERIALIZABLE transaction (a batch) and are acknowledged together after its COMMIT, so a
 * burst of N messages costs one COMMIT and a few multi-row statements instead of N transactions
 * (BatchStoreTx). A few batches run at once on separate connections; while one commits, the next
 * collects the units that arrived meanwhile.
 *
 * If a batch fails for any reason other than a unit's own domain error (a serialization conflict
 * with another batch or node, a duplicate key, a lost connection), it is rolled back and each of
 * its units runs again in a batch of its own, so one unit's conflict or fault costs its neighbours
 * one re-run and nothing else. A unit alone is re-run on conflicts as before (jitter, up to 60
 * attempts, then service_unavailable). A domain error is reported only once the batch committed:
 * what a unit read is trusted only from a transaction that committed.
 */
export class UnitBatcher {
  readonly #lanes: { queue: Unit[]; busy: boolean }[];
  #next = 0;
  #closed = false;

  constructor(private readonly pool: pg.Pool, private readonly options: BatcherOptions) {
    this.#lanes = Array.from({ length: options.lanes }, () => ({ queue: [], busy: false }));
  }

  run<T>(fn: (tx: StoreTx) => Promise<T>, hint?: UnitHint): Promise<T> {
    if (this.#closed) return Promise.reject(new Error('store is closed'));
    const lane = this.#lanes[hint ? laneOf(hint.chatId, this.#lanes.length) : this.#next++ % this.#lanes.length]!;
    return new Promise<T>((resolve, reject) => {
      lane.queue.push({ fn, hint, resolve: resolve as (v: unknown) => void, reject, alone: false, attempts: 0, began: performance.now() });
      this.#kick(lane);
    });
  }

  close(): void {
    this.#closed = true;
    for (const lane of this.#lanes) for (const unit of lane.queue.splice(0)) unit.reject(new Error('store is closed'));
  }

  #kick(lane: { queue: Unit[]; busy: boolean }): void {
    if (lane.busy || lane.queue.length === 0) return;
    lane.busy = true;
    void this.#runBatch(lane.queue).finally(() => {
      lane.busy = false;
      this.#kick(lane);
    });
  }

  async #runBatch(queue: Unit[]): Promise<void> {
    const first = queue.shift()!;
    const units = [first];
    if (!first.alone) this.#take(queue, units);
    const outcomes: Outcome[] = [];
    /** Units whose chat another batch held when they were to join this one. */
    const deferred: Unit[] = [];
    const deferredChats = new Set<string>();
    let failure: unknown;
    let client: pg.PoolClient | undefined;
    let broken = false;
    try {
      client = await this.pool.connect();
      const inner = new PostgresStoreTx(client);
      inner.send(`BEGIN ISOLATION LEVEL ${this.options.isolation}`);
      const batch = new BatchStoreTx(inner, this.options.isolation === 'READ COMMITTED');
      // Rounds: the units waiting now (their chats read ahead in one statement), then those that came meanwhile.
      for (let i = 0; failure === undefined && i < units.length;) {
        const skipped = await batch.preload(units.slice(i).flatMap((u) => (u.hint && !deferredChats.has(u.hint.chatId) ? [u.hint] : [])), i === 0);
        for (const id of skipped) deferredChats.add(id);
        if (deferredChats.size > 0) {
          // Their chats are held by another batch: they wait for the next one, in their order, with
          // every later unit of the same chats (none may overtake them).
          const round = units.splice(i);
          const later = round.filter((u) => u.hint !== undefined && deferredChats.has(u.hint.chatId));
          units.push(...round.filter((u) => !later.includes(u)));
          deferred.push(...later);
        }
        for (; i < units.length; i++) {
          const unit = units[i]!;
          unit.attempts += 1;
          batch.beginUnit();
          try {
            const value = await unit.fn(batch.tx);
            batch.endUnit();
            outcomes.push({ ok: true, value });
          } catch (err) {
            if (!(err instanceof DomainError)) { failure = err; break; }
            batch.rollbackUnit();
            outcomes.push({ ok: false, error: err });
          }
        }
        if (failure === undefined && !first.alone) this.#take(queue, units);
      }
      if (failure === undefined) {
        batch.flush();
        await inner.commit();
      }
    } catch (err) {
      failure ??= err;
    }
    if (failure !== undefined && client) await client.query('ROLLBACK').catch(() => { broken = true; });
    client?.release(broken);
    queue.unshift(...deferred);

    if (failure === undefined) {
      const now = performance.now();
      this.options.observer?.committed({ durationMs: now - first.began, units: units.length });
      units.forEach((unit, i) => {
        const outcome = outcomes[i]!;
        if (outcome.ok) unit.resolve(outcome.value);
        else unit.reject(outcome.error);
      });
      return;
    }
    if (units.length > 1 || !first.alone) {
      // Every unit of the failed batch runs again, alone, in its original order and before newer units.
      for (const unit of units) unit.alone = true;
      queue.unshift(...units);
      return;
    }
    this.#retryAlone(queue, first, failure);
  }

  /** Moves waiting units into the batch, up to its size (a unit re-run alone never has company). */
  #take(queue: Unit[], units: Unit[]): void {
    while (units.length < this.options.maxUnits && queue.length > 0 && !queue[0]!.alone) units.push(queue.shift()!);
  }

  #retryAlone(queue: Unit[], unit: Unit, failure: unknown): void {
    const next = afterFailedAttempt(failure, unit.attempts);
    if ('error' in next || this.#closed) return unit.reject('error' in next ? next.error : failure);
    setTimeout(() => {
      if (this.#closed) return unit.reject(new Error('store is closed'));
      queue.unshift(unit);
      this.#kick(this.#lanes.find((l) => l.queue === queue)!);
    }, next.retryInMs);
  }

}

/** The lane of a chat's units (FNV-1a of its id). */
function laneOf(chatId: string, lanes: number): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < chatId.length; i++) h = Math.imul(h ^ chatId.charCodeAt(i), 0x01000193);
  return (h >>> 0) % lanes;
}
