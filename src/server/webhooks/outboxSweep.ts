import type { JobScheduler } from '../domain/ports.js';

const SWEEP_KIND = 'webhook-outbox-sweep';
const SWEEP_KEY = `${SWEEP_KIND}:all`;

/**
 * A cluster-wide periodic look at the webhook outbox. A node's dispatcher wakes for the rows it
 * enqueued and for the retries it knew of when it last looked; a row enqueued or failed by a node
 * that died has nobody waiting for it. This one job, rescheduled by each run and claimed by one
 * node at a time, makes some live node look every `periodMs`, so every retry survives its node.
 */
export function startOutboxSweep(jobs: JobScheduler, kick: () => void, periodMs: number): () => void {
  const stop = jobs.handle(SWEEP_KIND, async () => {
    kick();
    await jobs.schedule(SWEEP_KEY, periodMs);
  });
  void jobs.schedule(SWEEP_KEY, periodMs).catch(() => undefined);
  return stop;
}
