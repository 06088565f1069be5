import type { DomainEvent } from '../domain/domainEvents.js';
import type { FanOut } from '../domain/ports.js';

/** Single-node fan-out: every published event reaches this process's subscribers, in order. */
export class InProcessFanOut implements FanOut {
  readonly #handlers = new Set<(event: DomainEvent) => void>();
  #closed = false;

  async publish(event: DomainEvent): Promise<void> {
    for (const handler of this.#handlers) handler(event);
  }

  subscribe(handler: (event: DomainEvent) => void): () => void {
    this.#handlers.add(handler);
    return () => this.#handlers.delete(handler);
  }

  /** In-process delivery needs no connection: ready until closed. */
  async ready(): Promise<boolean> {
    return !this.#closed;
  }

  async close(): Promise<void> {
    this.#closed = true;
    this.#handlers.clear();
  }
}
