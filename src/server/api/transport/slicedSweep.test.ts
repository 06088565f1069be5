import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { SlicedSweep } from './slicedSweep.js';

describe('SlicedSweep', () => {
  let sweep: SlicedSweep<number> | undefined;
  beforeEach(() => { vi.useFakeTimers(); });
  afterEach(() => { sweep?.close(); vi.useRealTimers(); });

  describe('each period', () => {
    it('visits at most perTurn items per turn of the event loop and every item by the end of the sweep (#16)', () => {
      const items = Array.from({ length: 150 }, (_, i) => i);
      const seen: number[] = [];
      sweep = new SlicedSweep(() => items, (n) => seen.push(n), 1000, 64);
      vi.advanceTimersByTime(1000);
      expect(seen).toEqual(items.slice(0, 64));
      expect(sweep.running).toBe(true);
      vi.advanceTimersToNextTimer(); // the next slice (setImmediate)
      expect(seen).toEqual(items.slice(0, 128));
      vi.advanceTimersToNextTimer();
      expect(seen).toEqual(items);
      expect(sweep.running).toBe(false);
    });

    it('hands every item of one sweep the time the sweep started', () => {
      const times = new Set<number>();
      sweep = new SlicedSweep(() => Array.from({ length: 10 }, (_, i) => i), (_n, at) => times.add(at), 500, 3);
      vi.advanceTimersByTime(500);
      const startedAt = Date.now();
      while (sweep.running) vi.advanceTimersToNextTimer();
      expect([...times]).toEqual([startedAt]);
    });
  });

  describe('close()', () => {
    it('stops a sweep under way and the timer, and may be called twice', () => {
      const seen: number[] = [];
      sweep = new SlicedSweep(() => [1, 2, 3], (n) => seen.push(n), 100, 1);
      vi.advanceTimersByTime(100);
      sweep.close();
      sweep.close();
      vi.advanceTimersByTime(1000);
      expect(seen).toEqual([1]);
      expect(sweep.running).toBe(false);
    });
  });
});
