import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ReconnectManager, type ConnectivityHint, type ConnectivityHints } from './ReconnectManager.js';

function fakeHints(online = true): ConnectivityHints & { emit(hint: ConnectivityHint): void; online: boolean; listeners: number } {
  const listeners = new Set<(hint: ConnectivityHint) => void>();
  return {
    online,
    get listeners() {
      return listeners.size;
    },
    isOnline() {
      return this.online;
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
    emit(hint) {
      for (const listener of listeners) listener(hint);
    },
  };
}

describe('ReconnectManager', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  describe('delayFor()', () => {
    it('doubles per attempt, keeps half of it fixed and caps at maxDelayMs', () => {
      const low = new ReconnectManager(() => undefined, { minDelayMs: 1000, maxDelayMs: 8000, random: () => 0 });
      const high = new ReconnectManager(() => undefined, { minDelayMs: 1000, maxDelayMs: 8000, random: () => 0.999999 });
      expect([0, 1, 2, 3, 4, 10].map((a) => low.delayFor(a))).toEqual([500, 1000, 2000, 4000, 4000, 4000]);
      expect([0, 1, 2, 3, 4].map((a) => high.delayFor(a))).toEqual([1000, 2000, 4000, 8000, 8000]);
    });
  });

  describe('scheduleSoon()', () => {
    it('reconnects after a random wait below moveOnJitterMs and leaves the backoff where it was (#18)', () => {
      let calls = 0;
      const manager = new ReconnectManager(() => { calls += 1; }, { moveOnJitterMs: 2000, random: () => 0.25 });
      expect(manager.scheduleSoon()).toBe(500);
      vi.advanceTimersByTime(499);
      expect(calls).toBe(0);
      vi.advanceTimersByTime(1);
      expect(calls).toBe(1);
      expect(manager.attempt).toBe(0);
      manager.dispose();
    });

    it('spreads clients over the whole jitter window', () => {
      const delays = [0, 0.5, 0.999].map((r) => new ReconnectManager(() => undefined, { moveOnJitterMs: 1000, random: () => r }).scheduleSoon());
      expect(delays).toEqual([0, 500, 999]);
    });
  });

  describe('schedule()', () => {
    it('calls reconnect once after the delay, and only one timer runs at a time', () => {
      const reconnect = vi.fn();
      const manager = new ReconnectManager(reconnect, { minDelayMs: 100, random: () => 1 });
      expect(manager.schedule()).toBe(100);
      expect(manager.schedule()).toBe(0);
      vi.advanceTimersByTime(99);
      expect(reconnect).not.toHaveBeenCalled();
      vi.advanceTimersByTime(1);
      expect(reconnect).toHaveBeenCalledTimes(1);
      expect(manager.attempt).toBe(1);
    });

    it('starts from the minimum again after succeeded()', () => {
      const manager = new ReconnectManager(() => undefined, { minDelayMs: 100, random: () => 1 });
      manager.schedule();
      vi.runAllTimers();
      expect(manager.schedule()).toBe(200);
      vi.runAllTimers();
      manager.succeeded();
      expect(manager.schedule()).toBe(100);
    });

    it('waits for the online hint instead of a timer while offline', () => {
      const reconnect = vi.fn();
      const hints = fakeHints(false);
      const manager = new ReconnectManager(reconnect, { hints });
      manager.schedule();
      vi.advanceTimersByTime(120_000);
      expect(reconnect).not.toHaveBeenCalled();
      hints.emit('online');
      expect(reconnect).toHaveBeenCalledTimes(1);
    });

    it('cuts the wait short when the tab becomes visible', () => {
      const reconnect = vi.fn();
      const hints = fakeHints();
      const manager = new ReconnectManager(reconnect, { minDelayMs: 10_000, hints });
      manager.schedule();
      hints.emit('visible');
      expect(reconnect).toHaveBeenCalledTimes(1);
      vi.runAllTimers();
      expect(reconnect).toHaveBeenCalledTimes(1);
    });

    it('ignores hints when nothing is pending', () => {
      const reconnect = vi.fn();
      const hints = fakeHints();
      new ReconnectManager(reconnect, { hints });
      hints.emit('online');
      expect(reconnect).not.toHaveBeenCalled();
    });
  });

  describe('dispose()', () => {
    it('clears the timer and the hint listener, and is idempotent', () => {
      const reconnect = vi.fn();
      const hints = fakeHints();
      const manager = new ReconnectManager(reconnect, { hints });
      manager.schedule();
      manager.dispose();
      manager.dispose();
      vi.runAllTimers();
      expect(reconnect).not.toHaveBeenCalled();
      expect(hints.listeners).toBe(0);
      expect(manager.schedule()).toBe(0);
    });
  });
});
