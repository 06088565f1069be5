/**
 * Raw PostgreSQL insert rate, the PostgreSQL counterpart of sqliteRaw.ts: the server's `events`
 * table shape and indexes, one row per committed transaction (what an acknowledged send_event
 * needs), from as many connections as a node's pool, so that concurrent commits share WAL flushes
 * (PostgreSQL's group commit) as the nodes' do. Bounded by time.
 */
import pg from 'pg';
import { createDatabase } from '../../src/testing/services/postgres.js';

export async function pgRawInsertRate(adminUrl: string, connections = 10, seconds = 2): Promise<{ rowsPerSec: number; connections: number }> {
  const db = await createDatabase(adminUrl);
  const pool = new pg.Pool({ connectionString: db.url, max: connections });
  // The database is dropped WITH (FORCE) right after: a connection still closing must not crash the bench.
  pool.on('error', () => undefined);
  try {
    await pool.query(`CREATE TABLE events (
      id text PRIMARY KEY, chat_id text NOT NULL, thread_id text NOT NULL, seq integer NOT NULL, created_at bigint NOT NULL,
      type text NOT NULL, author_id text, custom_id text, visibility text NOT NULL, body jsonb NOT NULL, properties jsonb NOT NULL);
      CREATE INDEX events_thread ON events (thread_id, seq);
      CREATE INDEX events_chat_type ON events (chat_id, type, created_at);`);
    const body = JSON.stringify({ text: 'x'.repeat(96) });
    const end = performance.now() + seconds * 1000;
    const t0 = performance.now();
    let n = 0;
    await Promise.all(Array.from({ length: connections }, async () => {
      const client = await pool.connect();
      try {
        while (performance.now() < end) {
          const i = n++;
          const chat = `CHAT${i % 1000}`;
          await client.query({ name: 'insert', text: 'INSERT INTO events (id, chat_id, thread_id, seq, created_at, type, author_id, custom_id, visibility, body, properties) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)', values: [`${chat}_T_${i}`, chat, `${chat}_T`, i, Date.now() * 1000, 'message', 'customer-id', null, 'all', body, '{}'] });
        }
      } finally { client.release(); }
    }));
    return { rowsPerSec: n / ((performance.now() - t0) / 1000), connections };
  } finally {
    await pool.end();
    await db.drop();
  }
}
