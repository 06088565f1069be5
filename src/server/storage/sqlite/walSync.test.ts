import { fdatasync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { SqliteStore } from './SqliteStore.js';
import { WalSync } from './walSync.js';

const dir = mkdtempSync(join(tmpdir(), 'switchboard-walsync-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A store on a real file plus a WalSync on its WAL whose real fdatasync calls are counted. */
async function walOfStore(name: string) {
  const file = join(dir, name);
  const store = new SqliteStore({ filename: file });
  const log: string[] = [];
  const sync = new WalSync(file, (fd, done) => {
    const n = log.filter((l) => l.startsWith('start')).length + 1;
    log.push(`start ${n}`);
    fdatasync(fd, (err) => { log.push(`end ${n}`); done(err); });
  });
  return { store, sync, log };
}

describe('WalSync', () => {
  describe('durable()', () => {
    it('starts a flush for each commit while a slot is free, and lets the commits made while every slot is busy share the next (#16)', async () => {
      const { store, sync, log } = await walOfStore('share.sqlite');
      const first = sync.durable().then(() => log.push('first durable'));
      // Flush 1 may have begun before this commit: it gets a flush of its own at once (slot 2).
      const second = sync.durable().then(() => log.push('second durable'));
      // Both slots busy: these two share the flush that starts when one of them ends.
      const third = sync.durable().then(() => log.push('third durable'));
      const fourth = sync.durable().then(() => log.push('fourth durable'));
      await Promise.all([first, second, third, fourth]);
      expect(log.filter((l) => l.startsWith('start'))).toEqual(['start 1', 'start 2', 'start 3']);
      expect(log.filter((l) => l.endsWith('durable'))).toEqual(['first durable', 'second durable', 'third durable', 'fourth durable']);
      // The third flush began only after one of the first two ended.
      expect(log.indexOf('start 3')).toBeGreaterThan(Math.min(log.indexOf('end 1'), log.indexOf('end 2')));
      await sync.close();
      await store.close();
    });

    it('answers in call order when a later flush ends first: its end covers the calls before it too (#16)', async () => {
      const file = join(dir, 'order.sqlite');
      const store = new SqliteStore({ filename: file });
      const held: (() => void)[] = [];
      const sync = new WalSync(file, (fd, done) => { held.push(() => fdatasync(fd, done)); });
      const answered: string[] = [];
      const first = sync.durable().then(() => answered.push('first'));
      const second = sync.durable().then(() => answered.push('second'));
      expect(held).toHaveLength(2);
      held[1]!();
      await second;
      expect(answered).toEqual(['first', 'second']);
      held[0]!();
      await first;
      await sync.close();
      await store.close();
    });

    it('rejects when the flush fails, and flushes again for the next commit', async () => {
      const file = join(dir, 'fails.sqlite');
      const store = new SqliteStore({ filename: file });
      let failNext = true;
      const sync = new WalSync(file, (fd, done) => {
        if (failNext) { failNext = false; done(Object.assign(new Error('EIO: i/o error'), { code: 'EIO' })); return; }
        fdatasync(fd, done);
      });
      await expect(sync.durable()).rejects.toThrow('EIO');
      await expect(sync.durable()).resolves.toBeUndefined();
      await sync.close();
      await store.close();
    });
  });
});

describe('SqliteStore', () => {
  describe('constructor()', () => {
    it('commits a full-durability file store without syncing inside COMMIT (WalSync flushes it), and keeps FULL in memory (#16)', async () => {
      const onFile = new SqliteStore({ filename: join(dir, 'mode.sqlite'), synchronous: 'full' });
      expect(onFile.db.pragma('synchronous', { simple: true })).toBe(1);
      await onFile.atomically((tx) => tx.insertLicense({ id: 1, organizationId: 'o', createdAt: 1 }));
      await onFile.close();
      const inMemory = new SqliteStore({ filename: ':memory:', synchronous: 'full' });
      expect(inMemory.db.pragma('synchronous', { simple: true })).toBe(2);
      await inMemory.close();
    });
  });
});

describe('SqliteStore (group commit beside the WAL flushes)', () => {
  describe('atomically()', () => {
    it('lets the units of every turn that arrive while a WAL flush runs share one COMMIT, acknowledged after the next flush, while that flush is not slow (#16)', async () => {
      const held: (() => void)[] = [];
      const commits: number[] = [];
      const store = new SqliteStore({
        filename: join(dir, 'behind-flush.sqlite'),
        observer: { committed: ({ units }) => commits.push(units) },
        flushWal: (fd, done) => { held.push(() => fdatasync(fd, done)); },
        flushHedgeMs: 60_000,
      });
      const acked: string[] = [];
      const first = store.atomically((tx) => tx.insertLicense({ id: 1, organizationId: 'o1', createdAt: 1 })).then(() => acked.push('first'));
      while (held.length === 0) await new Promise((resolve) => setImmediate(resolve));
      // Flush 1 is running: two more units, each in its own turn of the event loop.
      const second = store.atomically((tx) => tx.insertLicense({ id: 2, organizationId: 'o2', createdAt: 1 })).then(() => acked.push('second'));
      // Past the turn whose end would have committed the second unit alone.
      for (let i = 0; i < 3; i++) await new Promise((resolve) => setImmediate(resolve));
      const third = store.atomically((tx) => tx.insertLicense({ id: 3, organizationId: 'o3', createdAt: 1 })).then(() => acked.push('third'));
      await new Promise((resolve) => setImmediate(resolve));
      expect(acked).toEqual([]);
      held.shift()!();
      await first;
      while (held.length === 0) await new Promise((resolve) => setImmediate(resolve));
      expect(acked).toEqual(['first']);
      held.shift()!();
      await Promise.all([second, third]);
      expect(commits).toEqual([1, 2]);
      expect(await store.read(async (tx) => [await tx.getLicense(2), await tx.getLicense(3)])).toEqual([
        { id: 2, organizationId: 'o2', createdAt: 1 }, { id: 3, organizationId: 'o3', createdAt: 1 },
      ]);
      const closing = store.close();
      while (held.length > 0) held.shift()!();
      await closing;
    });
    it('commits a unit that arrives once the running WAL flush is slow and flushes it beside, acknowledging both units when either flush ends (#16)', async () => {
      const held: (() => void)[] = [];
      const store = new SqliteStore({
        filename: join(dir, 'beside-flush.sqlite'),
        flushWal: (fd, done) => { held.push(() => fdatasync(fd, done)); },
        flushHedgeMs: 5,
      });
      const acked: string[] = [];
      const first = store.atomically((tx) => tx.insertLicense({ id: 1, organizationId: 'o1', createdAt: 1 })).then(() => acked.push('first'));
      while (held.length === 0) await new Promise((resolve) => setImmediate(resolve));
      const second = store.atomically((tx) => tx.insertLicense({ id: 2, organizationId: 'o2', createdAt: 1 })).then(() => acked.push('second'));
      while (held.length === 1) await new Promise((resolve) => setImmediate(resolve));
      expect(acked).toEqual([]);
      // The second flush began after both commits: its end makes both durable, the first flush still running.
      held[1]!();
      await Promise.all([first, second]);
      expect(acked).toEqual(['first', 'second']);
      held[0]!();
      await store.close();
    });

    it('lets the units of every turn that arrive while every flush slot is busy share one COMMIT, acknowledged after the next flush (#16)', async () => {
      const held: (() => void)[] = [];
      const commits: number[] = [];
      const store = new SqliteStore({
        filename: join(dir, 'slots-busy.sqlite'),
        observer: { committed: ({ units }) => commits.push(units) },
        flushWal: (fd, done) => { held.push(() => fdatasync(fd, done)); },
        flushHedgeMs: 0,
      });
      const acked: string[] = [];
      const unit = (id: number, name: string) => store.atomically((tx) => tx.insertLicense({ id, organizationId: `o${id}`, createdAt: 1 })).then(() => acked.push(name));
      const first = unit(1, 'first');
      while (held.length === 0) await new Promise((resolve) => setImmediate(resolve));
      const second = unit(2, 'second');
      while (held.length === 1) await new Promise((resolve) => setImmediate(resolve));
      // Both slots busy: two more units, each in its own turn of the event loop.
      const third = unit(3, 'third');
      // Past the turn whose end would have committed the third unit alone.
      for (let i = 0; i < 3; i++) await new Promise((resolve) => setImmediate(resolve));
      const fourth = unit(4, 'fourth');
      await new Promise((resolve) => setImmediate(resolve));
      expect(held).toHaveLength(2);
      held.shift()!();
      await first;
      while (held.length < 2) await new Promise((resolve) => setImmediate(resolve));
      expect(acked).toEqual(['first']);
      held.shift()!();
      await second;
      held.shift()!();
      await Promise.all([third, fourth]);
      expect(acked).toEqual(['first', 'second', 'third', 'fourth']);
      expect(commits).toEqual([1, 1, 2]);
      expect(await store.read(async (tx) => [await tx.getLicense(3), await tx.getLicense(4)])).toEqual([
        { id: 3, organizationId: 'o3', createdAt: 1 }, { id: 4, organizationId: 'o4', createdAt: 1 },
      ]);
      const closing = store.close();
      while (held.length > 0) held.shift()!();
      await closing;
    });
  });
});
