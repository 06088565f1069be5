import { mkdtempSync, rmSync } from 'node:fs';
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
describeStore('SqliteStore on a WAL file', async () => new SqliteStore({ filename: join(dir, `db${++n}.sqlite`) }));

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
});
