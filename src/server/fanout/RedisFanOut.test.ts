import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it, vi } from 'vitest';
import { Redis } from 'ioredis';
import { startRedisServer, type RedisServer } from '../../testing/services/redis.js';
import type { DomainEvent } from '../domain/domainEvents.js';
import { describeFanOut } from './fanOut.contract.js';
import { RedisFanOut } from './RedisFanOut.js';
import { FANOUT_WIRE_VERSION } from './wireEncoding.js';

const prefix = () => `test:${randomUUID()}:`;
const push = (i: number): DomainEvent => ({ kind: 'user_push', licenseId: 1, userIds: ['u'], name: 'incoming_event', payload: { i } });
const iOf = (e: DomainEvent) => ((e as { payload: { i: number } }).payload).i;

describeFanOut('RedisFanOut', () => RedisFanOut.connect({ url: inject('redisUrl'), prefix: prefix() }));

describe('RedisFanOut', () => {
  describe('connect()', () => {
    it('fails with a clear error when Redis is unreachable', async () => {
      await expect(RedisFanOut.connect({ url: 'redis://127.0.0.1:1', prefix: prefix() })).rejects.toThrow(/unreachable/);
    });
  });

  describe('publish()', () => {
    it('reaches the subscribers of another node on the same Redis, and not of another prefix', async () => {
      const p = prefix();
      const a = await RedisFanOut.connect({ url: inject('redisUrl'), prefix: p });
      const b = await RedisFanOut.connect({ url: inject('redisUrl'), prefix: p });
      const other = await RedisFanOut.connect({ url: inject('redisUrl'), prefix: prefix() });
      const onB: number[] = [];
      const onOther: number[] = [];
      b.subscribe((e) => onB.push(iOf(e)));
      other.subscribe((e) => onOther.push(iOf(e)));
      for (let i = 0; i < 20; i++) await a.publish(push(i));
      await vi.waitFor(() => expect(onB).toHaveLength(20));
      expect(onB).toEqual(Array.from({ length: 20 }, (_, i) => i));
      expect(onOther).toEqual([]);
      await Promise.all([a.close(), b.close(), other.close()]);
    });

    it('hands the node its own events once, as it publishes them, not again when Redis echoes them', async () => {
      const p = prefix();
      const a = await RedisFanOut.connect({ url: inject('redisUrl'), prefix: p });
      const b = await RedisFanOut.connect({ url: inject('redisUrl'), prefix: p });
      const onA: number[] = [];
      const onB: number[] = [];
      a.subscribe((e) => onA.push(iOf(e)));
      b.subscribe((e) => onB.push(iOf(e)));
      const published = Promise.all(Array.from({ length: 5 }, (_, i) => a.publish(push(i))));
      expect(onA).toEqual([0, 1, 2, 3, 4]);
      await published;
      // b publishes after a's frames went through Redis: once b's event is on a, a's echoes were too.
      await b.publish(push(5));
      await vi.waitFor(() => expect(onA).toHaveLength(6));
      expect(onA).toEqual([0, 1, 2, 3, 4, 5]);
      await vi.waitFor(() => expect(onB).toHaveLength(6));
      expect([...onB].sort()).toEqual([0, 1, 2, 3, 4, 5]);
      await Promise.all([a.close(), b.close()]);
    });
  });

  describe('subscribe()', () => {
    it('drops frames of an unknown wire version and reports them', async () => {
      const p = prefix();
      const dropped: string[] = [];
      const fanOut = await RedisFanOut.connect({ url: inject('redisUrl'), prefix: p, onDropped: (r) => dropped.push(r) });
      const got: number[] = [];
      fanOut.subscribe((e) => got.push(iOf(e)));
      const raw = new Redis(inject('redisUrl'));
      await raw.publish(`${p}events`, JSON.stringify({ v: FANOUT_WIRE_VERSION + 1, event: push(0) }));
      await raw.publish(`${p}events`, 'not json');
      await fanOut.publish(push(1));
      // A node hands its own event over as it publishes it, possibly before Redis delivered the raw frames sent ahead of it.
      await vi.waitFor(() => expect(dropped).toEqual([`unknown wire version ${FANOUT_WIRE_VERSION + 1}`, 'not JSON']));
      expect(got).toEqual([1]);
      raw.disconnect();
      await fanOut.close();
    });
  });

  describe('after a Redis restart', () => {
    let redis: RedisServer;
    beforeAll(async () => { redis = await startRedisServer(); });
    afterAll(async () => { await redis.stop(); });

    it('reconnects, resubscribes and delivers what is published from then on, in order', async () => {
      const p = prefix();
      const a = await RedisFanOut.connect({ url: redis.url, prefix: p });
      const b = await RedisFanOut.connect({ url: redis.url, prefix: p });
      const onB: number[] = [];
      b.subscribe((e) => onB.push(iOf(e)));
      await a.publish(push(0));
      await vi.waitFor(() => expect(onB).toEqual([0]));

      await redis.kill();
      // Published while Redis is down: queued by the client, sent once it is back.
      const queued = a.publish(push(1));
      await redis.start();
      await queued;
      // Poll until b's subscription is back: publish markers until one arrives.
      let marker = 1000;
      await vi.waitFor(async () => {
        await a.publish(push(marker++));
        expect(onB.some((i) => i >= 1000)).toBe(true);
      }, { timeout: 10_000, interval: 100 });
      for (let i = 2; i < 12; i++) await a.publish(push(i));
      // Markers published by the last polls may still arrive in between: compare the events 2…11 only.
      const afterReconnect = () => onB.filter((i) => i >= 2 && i < 1000);
      await vi.waitFor(() => expect(afterReconnect()).toHaveLength(10));
      expect(afterReconnect()).toEqual(Array.from({ length: 10 }, (_, i) => i + 2));
      await Promise.all([a.close(), b.close()]);
    });

    it('reports not ready while Redis is away, and ready again once it is back', async () => {
      const fanOut = await RedisFanOut.connect({ url: redis.url, prefix: prefix() });
      expect(await fanOut.ready()).toBe(true);
      await redis.kill();
      await vi.waitFor(async () => expect(await fanOut.ready()).toBe(false));
      await redis.start();
      await vi.waitFor(async () => expect(await fanOut.ready()).toBe(true), { timeout: 10_000, interval: 100 });
      await fanOut.close();
      expect(await fanOut.ready()).toBe(false);
    });
  });
});
