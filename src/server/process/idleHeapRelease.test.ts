import { describe, expect, it } from 'vitest';
import { IdleHeapPolicy, MIN_IDLE_SECONDS, startIdleHeapRelease, youngGenerationBytes, YOUNG_FLOOR_BYTES, type HeapRelease } from './idleHeapRelease.js';

const BIG = 32 * 2 ** 20;
const SMALL = 2 ** 20;

describe('IdleHeapPolicy', () => {
  describe('tick', () => {
    it('scavenges in the first idle second and collects fully after the given idle seconds in a row', () => {
      const policy = new IdleHeapPolicy(8);
      expect(Array.from({ length: 9 }, () => policy.tick(0.01, BIG))).toEqual(['minor', ...Array(6).fill(undefined), 'major', 'minor']);
    });

    it('starts counting again after a busy second', () => {
      const policy = new IdleHeapPolicy(7);
      const ticks = [...Array(6).fill(0.01), 0.5, ...Array(7).fill(0.01)].map((u: number) => policy.tick(u, BIG));
      expect(ticks.indexOf('major')).toBe(13);
      expect(ticks.filter((t) => t === 'minor')).toHaveLength(2);
    });

    it('never collects a young generation already at its floor', () => {
      const policy = new IdleHeapPolicy(7);
      expect(Array.from({ length: 20 }, () => policy.tick(0, YOUNG_FLOOR_BYTES)).filter((t) => t !== undefined)).toEqual([]);
    });

    it('waits twice as long after a full GC that left the young generation large, and as long as before once it shrank', () => {
      const policy = new IdleHeapPolicy(7);
      const majorAfter = () => { for (let s = 1; s <= 100; s++) if (policy.tick(0, BIG) === 'major') return s; return undefined; };
      expect(majorAfter()).toBe(7);
      policy.collected(BIG);
      expect(majorAfter()).toBe(14);
      policy.collected(BIG);
      expect(majorAfter()).toBe(28);
      policy.collected(SMALL);
      expect(majorAfter()).toBe(7);
    });

    it('refuses an idle stretch too short for V8 to see it as idle', () => {
      expect(() => new IdleHeapPolicy(MIN_IDLE_SECONDS - 1)).toThrow(RangeError);
    });
  });
});

describe('startIdleHeapRelease', () => {
  it('gives a grown young generation back once the process has been idle (real V8 heap)', async () => {
    // Survivors of several scavenges grow new space, as a burst of logins does in a node.
    let kept: object[][] = [];
    for (let round = 0; round < 40 && youngGenerationBytes() <= 8 * 2 ** 20; round++) {
      kept.push(Array.from({ length: 50_000 }, (_, i) => ({ round, i })));
      for (let i = 0; i < 200_000; i++) void { garbage: i };
    }
    kept = [];
    expect(youngGenerationBytes()).toBeGreaterThan(8 * 2 ** 20);

    const release = await new Promise<HeapRelease>((resolve) => {
      const stop = startIdleHeapRelease({ idleSeconds: MIN_IDLE_SECONDS, onRelease: (r) => { stop(); resolve(r); } });
    });
    expect(release.youngBytesBefore).toBeGreaterThan(8 * 2 ** 20);
    expect(release.youngBytesAfter).toBeLessThanOrEqual(YOUNG_FLOOR_BYTES);
    expect(youngGenerationBytes()).toBeLessThanOrEqual(YOUNG_FLOOR_BYTES);
    expect(kept).toEqual([]);
  }, 40_000);
});
