import type { JobScheduler } from '../domain/ports.js';

export interface JobRunOptions {
  /** Delay before a job whose handler threw runs again. */
  retryMs: number;
}

/** Single-node timers: one unref'd setTimeout per key. */
export class InProcessJobScheduler implements JobScheduler {
  readonly #timers = new Map<string, NodeJS.Timeout>();
  readonly #handlers = new Map<string, (argument: string) => Promise<void>>();
  #closed = false;

  constructor(private readonly options: JobRunOptions = { retryMs: 1000 }) {}

  async schedule(key: string, delayMs: number): Promise<void> {
    if (this.#closed) return;
    this.#clear(key);
    const timer = setTimeout(() => {
      this.#timers.delete(key);
      void this.#run(key);
    }, Math.max(0, delayMs));
    timer.unref();
    this.#timers.set(key, timer);
  }

  async cancel(key: string): Promise<void> {
    this.#clear(key);
  }

  handle(kind: string, handler: (argument: string) => Promise<void>): () => void {
    this.#handlers.set(kind, handler);
    return () => this.#handlers.delete(kind);
  }

  async close(): Promise<void> {
    this.#closed = true;
    for (const key of [...this.#timers.keys()]) this.#clear(key);
  }

  async #run(key: string): Promise<void> {
    const i = key.indexOf(':');
    const handler = this.#handlers.get(i < 0 ? key : key.slice(0, i));
    if (!handler) return;
    try {
      await handler(i < 0 ? '' : key.slice(i + 1));
    } catch {
      if (!this.#timers.has(key)) await this.schedule(key, this.options.retryMs);
    }
  }

  #clear(key: string): void {
    const timer = this.#timers.get(key);
    if (timer === undefined) return;
    clearTimeout(timer);
    this.#timers.delete(key);
  }
}
