import type { DomainEvent } from '../domain/domainEvents.js';
import type { FanOut } from '../domain/ports.js';

/**
 * Test double at the composition root (Config.fanOutTestHook): a fan-out that silently drops the
 * publishes `drop` picks, as a node that died between commit and publish would leave them.
 */
export class DroppingFanOut implements FanOut {
  constructor(private readonly inner: FanOut, private readonly drop: (event: DomainEvent) => boolean) {}

  async publish(event: DomainEvent): Promise<void> {
    if (!this.drop(event)) await this.inner.publish(event);
  }

  subscribe(handler: (event: DomainEvent) => void): () => void { return this.inner.subscribe(handler); }
  ready(): Promise<boolean> { return this.inner.ready(); }
  close(): Promise<void> { return this.inner.close(); }
}
