import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { backupSqlite, BackupError, restoreSqlite } from './backup.js';
import { MIGRATIONS } from './migrations.js';
import { SqliteStore } from './SqliteStore.js';

const dir = mkdtempSync(join(tmpdir(), 'switchboard-backup-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;

/** A store on a fresh WAL file holding `customers` customers. */
async function storeWith(customers: number): Promise<{ store: SqliteStore; file: string }> {
  const file = join(dir, `db${++n}.sqlite`);
  const store = new SqliteStore({ filename: file });
  await store.atomically(async (tx) => {
    await tx.insertLicense({ id: 1, organizationId: `org-${n}`, createdAt: 1 });
    for (let i = 0; i < customers; i++) await tx.insertCustomer({ id: `c${i}`, licenseId: 1, sessionFields: [], createdAt: i, visitsCount: 0, pageViewsCount: 0 });
  });
  return { store, file };
}

const countCustomers = (file: string): number => {
  const db = new Database(file, { readonly: true });
  try {
    return (db.prepare('SELECT COUNT(*) n FROM customers').get() as { n: number }).n;
  } finally {
    db.close();
  }
};

describe('backupSqlite', () => {
  describe('backupSqlite()', () => {
    it('writes one self-contained file with every committed row while the store stays open', async () => {
      const { store, file } = await storeWith(30);
      const target = join(dir, `backup${n}.db`);
      await backupSqlite(file, target);
      await store.atomically((tx) => tx.insertCustomer({ id: 'after', licenseId: 1, sessionFields: [], createdAt: 99, visitsCount: 0, pageViewsCount: 0 }));
      await store.close();
      expect(readdirSync(dir).filter((f) => f.startsWith(`backup${n}.db`))).toEqual([`backup${n}.db`]);
      expect(countCustomers(target)).toBe(30);
      const copy = new Database(target, { readonly: true });
      expect(copy.pragma('journal_mode', { simple: true })).toBe('delete');
      expect(copy.pragma('integrity_check', { simple: true })).toBe('ok');
      copy.close();
    });

    it('refuses to overwrite a file, to write over the database itself, or to copy a missing database', async () => {
      const { store, file } = await storeWith(1);
      const existing = join(dir, 'existing.db');
      writeFileSync(existing, 'keep me');
      await expect(backupSqlite(file, existing)).rejects.toThrow(BackupError);
      await expect(backupSqlite(file, file)).rejects.toThrow('must not be the database itself');
      await expect(backupSqlite(join(dir, 'nothing.db'), join(dir, 'x.db'))).rejects.toThrow('No database at');
      await expect(backupSqlite(file, join(dir, 'no-such-folder', 'x.db'))).rejects.toThrow('does not exist');
      await store.close();
    });
  });
});

describe('restoreSqlite', () => {
  describe('restoreSqlite()', () => {
    it('replaces a closed database with the backup and keeps the replaced one beside it', async () => {
      const from = await storeWith(5);
      const backup = join(dir, `restore-src${n}.db`);
      await backupSqlite(from.file, backup);
      await from.store.close();
      const into = await storeWith(2);
      await into.store.close();
      const { previous } = restoreSqlite(backup, into.file);
      expect(countCustomers(into.file)).toBe(5);
      expect(countCustomers(previous!)).toBe(2);
      expect(existsSync(`${into.file}.restoring`)).toBe(false);
      // The restored file opens as a store again, in WAL mode.
      const reopened = new SqliteStore({ filename: into.file });
      expect(reopened.db.pragma('journal_mode', { simple: true })).toBe('wal');
      expect((await reopened.read((tx) => tx.getLicense(1)))?.organizationId).toBe(`org-${n - 1}`);
      await reopened.close();
    });

    it('refuses while a store has the database open, and changes nothing', async () => {
      const from = await storeWith(3);
      const backup = join(dir, `busy-src${n}.db`);
      await backupSqlite(from.file, backup);
      await from.store.close();
      const running = await storeWith(1);
      expect(() => restoreSqlite(backup, running.file)).toThrow(/in use: a server .* is running on this DATA_DIR/);
      expect(await running.store.read((tx) => tx.getLicense(1))).toMatchObject({ organizationId: `org-${n}` });
      expect(readdirSync(dir).some((f) => f.includes('before-restore') && f.startsWith(`db${n}.`))).toBe(false);
      await running.store.close();
    });

    it('refuses a file that is not a Switchboard database, or one from a newer schema, and leaves the target alone', async () => {
      const target = await storeWith(1);
      await target.store.close();
      const garbage = join(dir, 'garbage.db');
      writeFileSync(garbage, 'not a database at all, just some text that is long enough to look like a header');
      expect(() => restoreSqlite(garbage, target.file)).toThrow(/not a usable SQLite database/);
      const empty = join(dir, 'empty.db');
      new Database(empty).close();
      expect(() => restoreSqlite(empty, target.file)).toThrow(/not a Switchboard database/);
      const newer = join(dir, 'newer.db');
      const db = new Database(newer);
      db.pragma(`user_version = ${MIGRATIONS.length + 1}`);
      db.close();
      expect(() => restoreSqlite(newer, target.file)).toThrow(/newer than this Switchboard/);
      expect(() => restoreSqlite(join(dir, 'missing.db'), target.file)).toThrow('No backup at');
      expect(countCustomers(target.file)).toBe(1);
    });
  });
});
