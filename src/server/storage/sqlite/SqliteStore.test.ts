import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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
});
