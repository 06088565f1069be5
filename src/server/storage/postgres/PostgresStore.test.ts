import pg from 'pg';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { describeStore } from '../store.contract.js';
import { createDatabase } from '../../../testing/services/postgres.js';
import { PG_MIGRATIONS } from './migrations.js';
import { PostgresStore } from './PostgresStore.js';

const adminUrl = inject('postgresAdminUrl');
const drops: (() => Promise<void>)[] = [];
// Each DROP DATABASE waits for a checkpoint of a real, fsyncing server: a few dozen take a while.
afterAll(async () => { for (const drop of drops) await drop(); }, 120_000);

async function emptyDatabase(): Promise<string> {
  const db = await createDatabase(adminUrl);
  drops.push(db.drop);
  return db.url;
}

describeStore('PostgresStore', async () => PostgresStore.open({ connectionString: await emptyDatabase() }), {
  // A connection of its own (as another node has), giving up after a short lock wait.
  async writeFromAnotherConnection(store) {
    const other = await (store as PostgresStore).pool.connect();
    try {
      await other.query("SET lock_timeout = '200ms'");
      await other.query("INSERT INTO license_properties (license_id, namespace, name, value) VALUES (1, 'contract', 'other_connection', '1')");
    } finally {
      other.release(true);
    }
  },
});

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

    it('keys events by (thread_id, seq) from version 8, keeping every event and what a previous-version node writes (#16)', async () => {
      const url = await emptyDatabase();
      const setup = new pg.Client({ connectionString: url });
      await setup.connect();
      await setup.query('CREATE TABLE schema_versions (version integer PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())');
      for (const [i, sql] of PG_MIGRATIONS.slice(0, 7).entries()) { await setup.query(sql); await setup.query('INSERT INTO schema_versions (version) VALUES ($1)', [i + 1]); }
      const insertAsVersion7 = (id: string, thread: string, seq: number, text: string) => setup.query(
        `INSERT INTO events (id, chat_id, thread_id, seq, created_at, type, author_id, custom_id, visibility, body, properties)
         VALUES ($1, 'C1', $2, $3, 1, 'message', 'u1', NULL, 'all', $4, '{}')`, [id, thread, seq, JSON.stringify({ text })]);
      await insertAsVersion7('T1_1', 'T1', 1, 'before');

      const store = await PostgresStore.open({ connectionString: url, poolSize: 1 });
      // A node of the previous version, still running during a rolling upgrade, writes as before.
      await insertAsVersion7('T1_2', 'T1', 2, 'from an old node');
      const events = await store.read((tx) => tx.listThreadEvents('T1'));
      expect(events.map((e) => [e.id, e.body.text])).toEqual([['T1_1', 'before'], ['T1_2', 'from an old node']]);
      expect((await store.read((tx) => tx.getEvent('C1', 'T1_2')))?.body).toEqual({ text: 'from an old node' });
      expect(await store.read((tx) => tx.getEvent('C1', 'not-an-event-id'))).toBeUndefined();
      await expect(insertAsVersion7('T1_x', 'T1', 2, 'same place')).rejects.toThrow(/events_pkey/);
      await store.close();
      await setup.end();
    });
  });

  describe('commit observer', () => {
    it('reports each committed unit of work once, however often it was re-run', async () => {
      const commits: { durationMs: number; units: number }[] = [];
      const store = await PostgresStore.open({ connectionString: await emptyDatabase(), observer: { committed: (info) => commits.push(info) } });
      await store.atomically((tx) => tx.insertLicense({ id: 1, organizationId: 'org', createdAt: 1 }));
      await expect(store.atomically(async (tx) => { await tx.insertLicense({ id: 2, organizationId: 'org2', createdAt: 1 }); throw new Error('refused'); })).rejects.toThrow('refused');
      await Promise.all(Array.from({ length: 5 }, (_, i) => store.atomically((tx) => tx.insertCustomer({ id: `c${i}`, licenseId: 1, sessionFields: [], createdAt: i, visitsCount: 0, pageViewsCount: 0 }))));
      await store.close();
      // Units that wait together commit together (UnitBatcher): six committed units, each counted once.
      expect(commits.reduce((n, c) => n + c.units, 0)).toBe(6);
      expect(commits[0]!.units).toBe(1);
      expect(commits.every((c) => c.durationMs >= 0)).toBe(true);
    });
  });

  describe('read()', () => {
    it('runs a one-statement read without a transaction, and refuses a second statement in it', async () => {
      const store = await PostgresStore.open({ connectionString: await emptyDatabase() });
      try {
        await store.atomically((tx) => tx.insertLicense({ id: 1, organizationId: 'org', createdAt: 1 }));
        expect((await store.read((tx) => tx.getLicense(1), { oneStatement: true }))?.organizationId).toBe('org');
        await expect(store.read(async (tx) => { await tx.getLicense(1); return tx.getLicense(1); }, { oneStatement: true })).rejects.toThrow('needs a transaction');
        expect((await store.read((tx) => tx.getLicense(1)))?.id).toBe(1);
      } finally {
        await store.close();
      }
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

describe('PostgresStoreTx', () => {
  describe('text a client sent', () => {
    it('stores U+0000 and lone surrogates, which PostgreSQL text and jsonb refuse, as U+FFFD instead of failing the unit (#11, #12)', async () => {
      const store = await PostgresStore.open({ connectionString: await emptyDatabase() });
      try {
        const name = 'a\u0000b\udfffc';
        await store.atomically((tx) => tx.insertCustomer({ id: 'nul\u0000id', licenseId: 1, name, createdAt: 1 } as never));
        const stored = await store.read((tx) => tx.getCustomer(1, 'nul\ufffdid'));
        expect(stored?.name).toBe('a\ufffdb\ufffdc');
        expect(await store.read((tx) => tx.findAgentByPatHash('\u0000'))).toBeUndefined();
      } finally {
        await store.close();
      }
    });
  });
});

describe('PostgresStore', () => {
  describe('atomically()', () => {
    it('answers service_unavailable (retry) when a unit keeps losing serialization conflicts, not internal (#12)', async () => {
      const store = await PostgresStore.open({ connectionString: await emptyDatabase() });
      try {
        let attempts = 0;
        const conflict = Object.assign(new Error('could not serialize access'), { code: '40001' });
        await expect(store.atomically(async () => { attempts += 1; throw conflict; })).rejects.toMatchObject({ type: 'service_unavailable' });
        expect(attempts).toBe(60);
      } finally {
        await store.close();
      }
    });
  });

  describe('pruneChatPushUnits()', () => {
    it('deletes the recorded chat pushes past their retention and keeps the younger ones (#12)', async () => {
      const store = await PostgresStore.open({ connectionString: await emptyDatabase() });
      try {
        await store.atomically(async (tx) => {
          await tx.insertLicense({ id: 1, organizationId: 'org', createdAt: 1 });
          await tx.insertChat({ id: 'P', licenseId: 1, customerId: 'c', access: { group_ids: [0] }, properties: {}, createdAt: 1, lastThreadId: 'TP', lastThreadCreatedAt: 1, activeThreadId: null });
        });
        for (let i = 0; i < 3; i++) await store.atomically((tx) => tx.nextChatPushSeq!('P', []), { licenseId: 1, chatId: 'P' });
        await store.pool.query("UPDATE chat_push_units SET created_at = now() - interval '2 minutes' WHERE push_seq < 3");
        expect(await store.pruneChatPushUnits()).toBe(2);
        expect((await store.pool.query('SELECT push_seq FROM chat_push_units')).rows).toEqual([{ push_seq: 3 }]);
      } finally {
        await store.close();
      }
    });
  });
});
