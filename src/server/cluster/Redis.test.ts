import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { describe, expect, inject, it, vi } from 'vitest';
import { describeJobScheduler } from './jobScheduler.contract.js';
import { describePresence } from './presence.contract.js';
import { RedisJobScheduler } from './RedisJobScheduler.js';
import { RedisPresence } from './RedisPresence.js';

const prefix = () => `test:${randomUUID()}:`;
const node = (p: string, id: string, ttlMs = 400) => RedisPresence.connect({ url: inject('redisUrl'), prefix: p, nodeId: id, ttlMs, heartbeatMs: ttlMs / 4 });
const scheduler = (p: string) => RedisJobScheduler.connect({ url: inject('redisUrl'), prefix: p, pollMs: 20, leaseMs: 30_000, retryMs: 20 });

describePresence('RedisPresence', () => node(prefix(), 'n1', 30_000));
describeJobScheduler('RedisJobScheduler', () => scheduler(prefix()));

describe('RedisPresence', () => {
  describe('across nodes', () => {
    it('keeps a user connected while any node holds one of its connections', async () => {
      const p = prefix();
      const [a, b] = await Promise.all([node(p, 'a', 30_000), node(p, 'b', 30_000)]);
      await a.connectionOpened(1, 'x@example.com');
      await b.connectionOpened(1, 'x@example.com');
      expect(await a.connectionClosed(1, 'x@example.com')).toBe(false);
      expect(await a.isConnected(1, 'x@example.com')).toBe(true);
      expect(await a.connectedUsers(1)).toEqual(['x@example.com']);
      expect(await b.connectionClosed(1, 'x@example.com')).toBe(true);
      expect(await a.isConnected(1, 'x@example.com')).toBe(false);
      await Promise.all([a.close(), b.close()]);
    });

    it('drops the users of a node that stopped heartbeating after the TTL and reports each to one node', async () => {
      const p = prefix();
      const [a, b, c] = await Promise.all([node(p, 'a'), node(p, 'b'), node(p, 'c')]);
      const lost: [string, number, string, number][] = [];
      b.onLost((lic, user, silentFor) => lost.push(['b', lic, user, silentFor]));
      c.onLost((lic, user, silentFor) => lost.push(['c', lic, user, silentFor]));
      await a.connectionOpened(1, 'gone@example.com');
      await b.connectionOpened(1, 'stays@example.com');
      await a.heartbeat();
      await a.close(); // the node dies: no close of its connections, no more heartbeats
      expect(await b.isConnected(1, 'gone@example.com')).toBe(true);
      await vi.waitFor(() => expect(lost).toHaveLength(1), { timeout: 5000 });
      expect(lost[0]!.slice(1, 3)).toEqual([1, 'gone@example.com']);
      expect(lost[0]![3]).toBeGreaterThanOrEqual(400);
      expect(await b.isConnected(1, 'gone@example.com')).toBe(false);
      expect(await c.connectedUsers(1)).toEqual(['stays@example.com']);
      await Promise.all([b.close(), c.close()]);
    });
  });
});

describe('RedisJobScheduler', () => {
  describe('across nodes', () => {
    it('runs each due job on exactly one of two nodes', async () => {
      const p = prefix();
      const [a, b] = await Promise.all([scheduler(p), scheduler(p)]);
      const ran: string[] = [];
      a.handle('job', async (arg) => { ran.push(`a:${arg}`); });
      b.handle('job', async (arg) => { ran.push(`b:${arg}`); });
      for (let i = 0; i < 40; i++) await (i % 2 ? a : b).schedule(`job:${i}`, i % 5);
      await vi.waitFor(() => expect(ran).toHaveLength(40));
      expect(new Set(ran.map((r) => r.slice(2))).size).toBe(40);
      await b.schedule('job:marker', 30);
      await vi.waitFor(() => expect(ran.some((r) => r.endsWith(':marker'))).toBe(true));
      expect(ran).toHaveLength(41);
      await Promise.all([a.close(), b.close()]);
    });

    it('runs a job after the node that scheduled it is gone', async () => {
      const p = prefix();
      const a = await scheduler(p);
      await a.schedule('job:orphan', 100);
      await a.close();
      const b = await scheduler(p);
      const ran: string[] = [];
      b.handle('job', async (arg) => { ran.push(arg); });
      await vi.waitFor(() => expect(ran).toEqual(['orphan']));
      await b.close();
    });

    it('runs again a job whose claiming node died before finishing it, once its lease ran out', async () => {
      const p = prefix();
      const raw = new Redis(inject('redisUrl'));
      // What a node leaves behind when it dies mid-run: the job claimed with a lease that has ended.
      await raw.zadd(`${p}jobs:claimed`, Date.now() - 1000, 'job:half-done');
      const b = await scheduler(p);
      const ran: string[] = [];
      b.handle('job', async (arg) => { ran.push(arg); });
      await vi.waitFor(() => expect(ran).toEqual(['half-done']));
      raw.disconnect();
      await b.close();
    });
  });
});
