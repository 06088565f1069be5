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
    it('answers a commit only with a flush that began after it, and lets the commits of one flush share the next (#16)', async () => {
      const { store, sync, log } = await walOfStore('share.sqlite');
      const first = sync.durable().then(() => log.push('first durable'));
      // Both arrive while flush 1 runs: it may have begun before their commits, so they wait for flush 2.
      const second = sync.durable().then(() => log.push('second durable'));
      const third = sync.durable().then(() => log.push('third durable'));
      await Promise.all([first, second, third]);
      expect(log).toEqual(['start 1', 'end 1', 'first durable', 'start 2', 'end 2', 'second durable', 'third durable']);
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

describe('SqliteStore (group commit behind the WAL flush)', () => {
  describe('atomically()', () => {
    it('lets the units of every turn that arrive while a WAL flush runs share one COMMIT, acknowledged after the next flush (#16)', async () => {
      const held: (() => void)[] = [];
      const commits: number[] = [];
      const store = new SqliteStore({
        filename: join(dir, 'behind-flush.sqlite'),
        observer: { committed: ({ units }) => commits.push(units) },
        flushWal: (fd, done) => { held.push(() => fdatasync(fd, done)); },
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
  });
});
