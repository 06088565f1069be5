import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DomainEvent } from '../domain/domainEvents.js';
import type { FanOut } from '../domain/ports.js';

/** The behaviour every FanOut adapter must show (in-process now; Redis joins with its own factory). */
export function describeFanOut(name: string, make: () => Promise<FanOut>): void {
  describe(`${name} (FanOut contract)`, () => {
    let fanOut: FanOut;
    beforeEach(async () => { fanOut = await make(); });
    afterEach(async () => { await fanOut.close(); });

    const push = (i: number): DomainEvent => ({ kind: 'license_push', licenseId: 1, name: 'routing_status_set', payload: { i } });
    const settle = () => new Promise((r) => setTimeout(r, 50));

    it('delivers every published event to every subscriber, in publish order', async () => {
      const a: unknown[] = [];
      const b: unknown[] = [];
      fanOut.subscribe((e) => a.push((e as { payload: unknown }).payload));
      fanOut.subscribe((e) => b.push((e as { payload: unknown }).payload));
      for (let i = 0; i < 5; i++) await fanOut.publish(push(i));
      await settle();
      expect(a).toEqual([0, 1, 2, 3, 4].map((i) => ({ i })));
      expect(b).toEqual(a);
    });

    it('stops delivering to a subscriber that unsubscribed', async () => {
      const got: unknown[] = [];
      const off = fanOut.subscribe((e) => got.push(e));
      await fanOut.publish(push(1));
      await settle();
      off();
      await fanOut.publish(push(2));
      await settle();
      expect(got).toHaveLength(1);
    });

    it('reports ready while open', async () => {
      await expect(fanOut.ready()).resolves.toBe(true);
    });

    it('publishes with no subscriber without failing', async () => {
      await expect(fanOut.publish(push(1))).resolves.toBeUndefined();
    });
  });
}
