import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { DomainEvent } from '../domain/domainEvents.js';
import type { FanOut } from '../domain/ports.js';

const push = (i: number): DomainEvent => ({ kind: 'license_push', licenseId: 1, name: 'routing_status_set', payload: { i } });
const payloadOf = (e: DomainEvent) => (e as { payload: unknown }).payload;

/** The behaviour every FanOut adapter must show; each adapter's test calls it with its factory. */
export function describeFanOut(name: string, make: () => Promise<FanOut>): void {
  describe(`${name} (FanOut contract)`, () => {
    let fanOut: FanOut;
    beforeEach(async () => { fanOut = await make(); });
    afterEach(async () => { await fanOut.close(); });

    describe('publish()', () => {
      it('delivers every published event to every subscriber, in publish order', async () => {
        const a: unknown[] = [];
        const b: unknown[] = [];
        fanOut.subscribe((e) => a.push(payloadOf(e)));
        fanOut.subscribe((e) => b.push(payloadOf(e)));
        for (let i = 0; i < 5; i++) await fanOut.publish(push(i));
        await vi.waitFor(() => expect(b).toHaveLength(5));
        expect(a).toEqual([0, 1, 2, 3, 4].map((i) => ({ i })));
        expect(b).toEqual(a);
      });

      it('keeps the order of events published without waiting (one chat\'s burst)', async () => {
        const got: unknown[] = [];
        fanOut.subscribe((e) => got.push(payloadOf(e)));
        await Promise.all(Array.from({ length: 200 }, (_, i) => fanOut.publish(push(i))));
        await vi.waitFor(() => expect(got).toHaveLength(200));
        expect(got).toEqual(Array.from({ length: 200 }, (_, i) => ({ i })));
      });

      it('carries every kind of domain event unchanged', async () => {
        const events: DomainEvent[] = [
          { kind: 'chat_push', licenseId: 1, chatId: 'C1', name: 'incoming_event', agentPayload: { a: [1, 'x', null] }, customerPayload: { c: true }, userIds: ['u', 'a@x'], agentGroups: [0, 2], excludeUserIds: ['u'], origin: { connectionId: 'k', requestId: 'r', clientId: 'cl' }, meta: { authorType: 'customer' } },
          { kind: 'user_push', licenseId: 2, userIds: ['u'], name: 'customer_updated', payload: { name: 'Zoë ✓' } },
          push(7),
          { kind: 'disconnect_user', licenseId: 1, userId: 'u', reason: 'customer_banned', data: { days: 1 } },
        ];
        const got: DomainEvent[] = [];
        fanOut.subscribe((e) => got.push(e));
        for (const e of events) await fanOut.publish(e);
        await vi.waitFor(() => expect(got).toHaveLength(events.length));
        expect(got).toEqual(events);
      });

      it('publishes with no subscriber without failing', async () => {
        await expect(fanOut.publish(push(1))).resolves.toBeUndefined();
      });
    });

    describe('subscribe()', () => {
      it('stops delivering to a subscriber that unsubscribed', async () => {
        const got: unknown[] = [];
        const witness: unknown[] = [];
        const off = fanOut.subscribe((e) => got.push(payloadOf(e)));
        fanOut.subscribe((e) => witness.push(payloadOf(e)));
        await fanOut.publish(push(1));
        await vi.waitFor(() => expect(got).toHaveLength(1));
        off();
        await fanOut.publish(push(2));
        await vi.waitFor(() => expect(witness).toHaveLength(2));
        expect(got).toEqual([{ i: 1 }]);
      });
    });

    describe('ready()', () => {
      it('reports ready while open', async () => {
        await expect(fanOut.ready()).resolves.toBe(true);
      });
    });

    describe('close()', () => {
      it('can be called twice', async () => {
        await fanOut.close();
        await expect(fanOut.close()).resolves.toBeUndefined();
      });
    });
  });
}
