import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { describeStore } from '../store.contract.js';
import { SqliteStore } from './SqliteStore.js';
import { MIGRATIONS } from './migrations.js';

describeStore('SqliteStore in memory', async () => new SqliteStore({ filename: ':memory:' }));

const dir = mkdtempSync(join(tmpdir(), 'switchboard-sqlite-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;
describeStore('SqliteStore on a WAL file', async () => new SqliteStore({ filename: join(dir, `db${++n}.sqlite`) }), {
  // A second better-sqlite3 handle on the same file, as the admin CLI opens, with a short lock wait.
  async writeFromAnotherConnection(store) {
    const other = new Database((store as SqliteStore).db.name, { timeout: 200 });
    try {
      other.prepare('INSERT INTO license_properties (license_id, namespace, name, value) VALUES (1, ?, ?, ?)').run('contract', 'other_connection', '1');
    } finally {
      other.close();
    }
  },
});

describe('SqliteStore', () => {
  describe('migrations', () => {
    it('apply every version once and record it in user_version', async () => {
      const file = join(dir, 'migrate.sqlite');
      const a = new SqliteStore({ filename: file });
      expect(a.db.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length);
      expect(a.db.pragma('journal_mode', { simple: true })).toBe('wal');
      await a.close();
      const b = new SqliteStore({ filename: file });
      expect(b.db.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length);
      await b.close();
    });

    it('keep every event, its id and its order when the events table loses its id key (#16)', async () => {
      const file = join(dir, 'events-v5.sqlite');
      const old = new Database(file);
      for (const sql of MIGRATIONS.slice(0, 5)) old.exec(sql);
      old.pragma('user_version = 5');
      const insert = old.prepare(`INSERT INTO events (id, chat_id, thread_id, seq, created_at, type, author_id, custom_id, visibility, body, properties)
        VALUES (?, 'C1', ?, ?, ?, 'message', 'u1', ?, 'all', ?, '{}')`);
      insert.run('T1_1', 'T1', 1, 100, 'k1', JSON.stringify({ text: 'first' }));
      insert.run('T1_2', 'T1', 2, 101, null, JSON.stringify({ text: 'second' }));
      insert.run('T2_1', 'T2', 1, 102, null, JSON.stringify({ text: 'third' }));
      old.close();

      const store = new SqliteStore({ filename: file });
      const events = await store.read(async (tx) => [...(await tx.listThreadEvents('T1')), ...(await tx.listThreadEvents('T2'))]);
      expect(events.map((e) => [e.id, e.body.text, e.customId])).toEqual([['T1_1', 'first', 'k1'], ['T1_2', 'second', undefined], ['T2_1', 'third', undefined]]);
      expect((await store.read((tx) => tx.getEvent('C1', 'T1_2')))?.body).toEqual({ text: 'second' });
      expect((await store.read((tx) => tx.findEventByCustomId('C1', 'u1', 'k1')))?.id).toBe('T1_1');
      // The (thread, seq) pair is the key now: a second event at the same place is refused.
      expect(() => store.db.prepare(`INSERT INTO events (chat_id, thread_id, seq, created_at, type, visibility, body, properties)
        VALUES ('C1', 'T1', 2, 1, 'message', 'all', '{}', '{}')`).run()).toThrow(/UNIQUE/);
      await store.close();
    });
  });

  describe('group commit', () => {
    it('resolves each unit only once its writes are visible to another connection, and isolates a failing unit', async () => {
      const file = join(dir, 'group.sqlite');
      const store = new SqliteStore({ filename: file });
      await store.atomically((tx) => tx.insertLicense({ id: 1, organizationId: 'org', createdAt: 1 }));
      const other = new Database(file, { readonly: true });
      const count = () => (other.prepare('SELECT COUNT(*) n FROM customers').get() as { n: number }).n;
      const insert = (i: number) => store.atomically(async (tx) => {
        await tx.insertCustomer({ id: `c${i}`, licenseId: 1, sessionFields: [], createdAt: i, visitsCount: 0, pageViewsCount: 0 });
        if (i === 13) throw new Error('unlucky');
      });
      const seenAtResolve: number[] = [];
      const results = await Promise.allSettled(Array.from({ length: 30 }, (_, i) => insert(i).then(() => { seenAtResolve.push(count()); })));
      expect(results.filter((r) => r.status === 'rejected')).toHaveLength(1);
      // Every acknowledged unit was already committed when it was acknowledged.
      expect(Math.min(...seenAtResolve)).toBe(29);
      expect(count()).toBe(29);
      expect(other.prepare("SELECT 1 FROM customers WHERE id = 'c13'").get()).toBeUndefined();
      other.close();
      await store.close();
    });
  });

  describe('commit observer', () => {
    it('reports one commit per group, with the number of units it made durable', async () => {
      const commits: { durationMs: number; units: number }[] = [];
      const store = new SqliteStore({ filename: join(dir, 'observed.sqlite'), observer: { committed: (info) => commits.push(info) } });
      await store.atomically((tx) => tx.insertLicense({ id: 1, organizationId: 'org', createdAt: 1 }));
      await Promise.all(Array.from({ length: 5 }, (_, i) => store.atomically((tx) => tx.insertCustomer({ id: `c${i}`, licenseId: 1, sessionFields: [], createdAt: i, visitsCount: 0, pageViewsCount: 0 }))));
      await store.close();
      expect(commits.map((c) => c.units)).toEqual([1, 5]);
      expect(commits.every((c) => c.durationMs >= 0)).toBe(true);
    });
  });

  describe('background checkpoints', () => {
    it('copy the WAL into the database file off the main thread, and close it truncated', async () => {
      const file = join(dir, 'checkpoint.sqlite');
      const store = new SqliteStore({ filename: file, checkpointEveryMs: 20 });
      await store.atomically((tx) => tx.insertLicense({ id: 1, organizationId: 'org', createdAt: 1 }));
      for (let i = 0; i < 50; i++) {
        await store.atomically((tx) => tx.insertCustomer({ id: `c${i}`, licenseId: 1, sessionFields: [], createdAt: i, visitsCount: 0, pageViewsCount: 0 }));
      }
      expect(store.db.pragma('wal_autocheckpoint', { simple: true })).toBe(0);
      await new Promise((r) => setTimeout(r, 200));
      // Nothing left for a checkpoint to copy: the worker already did it.
      const [state] = store.db.pragma('wal_checkpoint(PASSIVE)') as { log: number; checkpointed: number }[];
      expect(state!.checkpointed).toBe(state!.log);
      await store.close();
      expect(statSync(`${file}-wal`, { throwIfNoEntry: false })?.size ?? 0).toBe(0);
      const reopened = new Database(file, { readonly: true });
      expect((reopened.prepare('SELECT COUNT(*) n FROM customers').get() as { n: number }).n).toBe(50);
      reopened.close();
    });
  });
});
