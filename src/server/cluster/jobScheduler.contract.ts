import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { JobScheduler } from '../domain/ports.js';

/**
 * The behaviour every JobScheduler adapter shows on one node. "Ran once" is checked by waiting for
 * a later marker job: when it ran, an earlier job would have run twice already.
 */
export function describeJobScheduler(name: string, make: () => Promise<JobScheduler>): void {
  describe(`${name} (JobScheduler contract)`, () => {
    let jobs: JobScheduler;
    let ran: string[];
    beforeEach(async () => {
      jobs = await make();
      ran = [];
      jobs.handle('test', async (arg) => { ran.push(arg); });
    });
    afterEach(async () => { await jobs.close(); });
    const markerRan = () => vi.waitFor(() => expect(ran).toContain('marker'), { timeout: 5000 });

    describe('schedule()', () => {
      it('runs a job once when due, with its argument (which may hold colons)', async () => {
        await jobs.schedule('test:1:a@example.com', 0);
        await vi.waitFor(() => expect(ran).toContain('1:a@example.com'));
        await jobs.schedule('test:marker', 50);
        await markerRan();
        expect(ran.filter((a) => a === '1:a@example.com')).toHaveLength(1);
      });

      it('replaces the earlier schedule of the same key', async () => {
        await jobs.schedule('test:x', 60_000);
        await jobs.schedule('test:x', 0);
        await vi.waitFor(() => expect(ran).toEqual(['x']));
      });

      it('runs a job whose handler threw again', async () => {
        let failures = 0;
        jobs.handle('flaky', async (arg) => {
          if (failures++ === 0) throw new Error('first run fails');
          ran.push(arg);
        });
        await jobs.schedule('flaky:y', 0);
        await vi.waitFor(() => expect(ran).toEqual(['y']), { timeout: 5000 });
        expect(failures).toBe(2);
      });
    });

    describe('cancel()', () => {
      it('keeps a cancelled job from running', async () => {
        await jobs.schedule('test:cancelled', 30);
        await jobs.cancel('test:cancelled');
        await jobs.schedule('test:marker', 80);
        await markerRan();
        expect(ran).toEqual(['marker']);
      });
    });
  });
}
