import { afterAll, describe, expect, inject, it } from 'vitest';
import { describeStore } from '../store.contract.js';
import { createDatabase } from '../../../testing/services/postgres.js';
import { PG_MIGRATIONS } from './migrations.js';
import { PostgresStore } from './PostgresStore.js';

const adminUrl = inject('postgresAdminUrl');
const drops: (() => Promise<void>)[] = [];
afterAll(async () => { for (const drop of drops) await drop(); });

async function emptyDatabase(): Promise<string> {
  const db = await createDatabase(adminUrl);
  drops.push(db.drop);
  return db.url;
}

describeStore('PostgresStore', async () => PostgresStore.open({ connectionString: await emptyDatabase() }));

describe('PostgresStore', () => {
  describe('open()', () => {
    it('migrates an empty database once when three nodes start at the same moment', async () => {
      const url = await emptyDatabase();
      const stores = await Promise.all([1, 2, 3].map(() => PostgresStore.open({ connectionString: url, poolSize: 2 })));
      const { rows } = await stores[0]!.pool.query<{ version: number }>('SELECT version FROM schema_versions ORDER BY version');
      expect(rows.map((r) => r.version)).toEqual(PG_MIGRATIONS.map((_, i) => i + 1));
      await Promise.all(stores.map((s) => s.close()));
      const again = await PostgresStore.open({ connectionString: url, poolSize: 1 });
      expect((await again.pool.query('SELECT COUNT(*)::int n FROM schema_versions')).rows[0].n).toBe(PG_MIGRATIONS.length);
      await again.close();
    });
  });

  describe('sharedSetting()', () => {
    it('keeps the first value stored and gives it to every node', async () => {
      const url = await emptyDatabase();
      const [a, b] = await Promise.all([PostgresStore.open({ connectionString: url }), PostgresStore.open({ connectionString: url })]);
      const values = await Promise.all([a!.sharedSetting('secret', () => 'from-a'), b!.sharedSetting('secret', () => 'from-b')]);
      expect(values[0]).toBe(values[1]);
      expect(await b!.sharedSetting('secret', () => 'later')).toBe(values[0]);
      await a!.close(); await b!.close();
    });
  });
});
