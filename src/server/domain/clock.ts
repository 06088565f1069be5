import type { Clock } from './ports.js';

/** Wall clock in microseconds that never returns the same value twice (event order relies on it). */
export class MonotonicClock implements Clock {
  #last = 0;
  constructor(private readonly source: () => number = () => Date.now() * 1000) {}

  now(): number {
    const t = Math.max(Math.floor(this.source()), this.#last + 1);
    this.#last = t;
    return t;
  }
}
