/**
 * Raw SQLite insert rate: the same `events` table shape and indexes as the server's migration, the
 * same pragmas (WAL, synchronous FULL or NORMAL), one row per committed transaction (what an
 * acknowledged send_event needs), bounded by time and count.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';

export function rawInsertRate(synchronous: 'full' | 'normal', seconds = 2, maxRows = 200_000): { rowsPerSec: number; rows: number } {
  const dir = mkdtempSync(join(tmpdir(), 'sb-bench-sqlite-'));
  try {
    const db = new Database(join(dir, 'raw.db'));
    db.pragma('journal_mode = WAL');
    db.pragma(`synchronous = ${synchronous === 'normal' ? 'NORMAL' : 'FULL'}`);
    db.exec(`CREATE TABLE events (
      id TEXT PRIMARY KEY, chat_id TEXT NOT NULL, thread_id TEXT NOT NULL, seq INTEGER NOT NULL,
      created_at INTEGER NOT NULL, type TEXT NOT NULL, author_id TEXT, custom_id TEXT,
      visibility TEXT NOT NULL, body TEXT NOT NULL, properties TEXT NOT NULL);
      CREATE INDEX events_thread ON events (thread_id, seq);
      CREATE INDEX events_chat_type ON events (chat_id, type, created_at);`);
    const insert = db.prepare('INSERT INTO events (id, chat_id, thread_id, seq, created_at, type, author_id, custom_id, visibility, body, properties) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)');
    const body = JSON.stringify({ text: 'x'.repeat(96) });
    const t0 = performance.now();
    const end = t0 + seconds * 1000;
    let n = 0;
    while (n < maxRows && performance.now() < end) {
      const chat = `CHAT${n % 1000}`;
      insert.run(`${chat}_T_${n}`, chat, `${chat}_T`, n, Date.now() * 1000, 'message', 'customer-id', null, 'all', body, '{}');
      n++;
    }
    const s = (performance.now() - t0) / 1000;
    db.close();
    return { rowsPerSec: n / s, rows: n };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
