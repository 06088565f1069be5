import type { DomainEvent } from '../domain/domainEvents.js';
import type { FanOut } from '../domain/ports.js';

/** Single-node fan-out: every published event reaches this process's subscribers, in order. */
export class InProcessFanOut implements FanOut {
  readonly #handlers = new Set<(event: DomainEvent) => void>();

  async publish(event: DomainEvent): Promise<void> {
    for (const handler of this.#handlers) handler(event);
  }

  subscribe(handler: (event: DomainEvent) => void): () => void {
    this.#handlers.add(handler);
    return () => this.#handlers.delete(handler);
  }

  async close(): Promise<void> {
    this.#handlers.clear();
  }
}
