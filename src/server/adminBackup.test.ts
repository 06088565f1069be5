import { execFile } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectCustomer, type TestCustomer } from '../testing/testClients.js';
import { startTestServer, type TestServer } from '../testing/testServer.js';

const run = promisify(execFile);
const scratch = mkdtempSync(join(tmpdir(), 'switchboard-admin-backup-'));
let server: TestServer;
beforeAll(async () => { server = await startTestServer(); });
afterAll(async () => {
  await server.close();
  rmSync(scratch, { recursive: true, force: true });
});

// Each run starts Node with tsx: seconds apiece on a busy machine.
const SLOW = 120_000;

/** `npm run admin -- …` on a DATA_DIR. */
async function admin(dataDir: string, ...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, ['--import', 'tsx', 'src/server/admin.ts', ...args], { env: { ...process.env, DATA_DIR: dataDir }, cwd: process.cwd() });
    return { code: 0, stdout: stdout.trim(), stderr };
  } catch (e) {
    const err = e as { code: number; stdout: string; stderr: string };
    return { code: err.code, stdout: err.stdout.trim(), stderr: err.stderr };
  }
}

/** Sends numbered messages one after the other until stopped; `acked` holds the acknowledged event ids in order. */
function sendStream(c: TestCustomer, chatId: string) {
  const acked: string[] = [];
  let stopped = false;
  const done = (async () => {
    for (let i = 0; !stopped; i++) {
      const { status, body } = await c.web<{ event_id: string }>('send_event', { chat_id: chatId, event: { type: 'message', text: `m${i}`, custom_id: `k${i}` } });
      // A request over the Web rate limit (429, #11) is refused, not acknowledged: only 200s count.
      if (status === 200) acked.push(body.event_id);
    }
  })();
  return { acked, stop: async () => { stopped = true; await done; } };
}

describe('admin CLI backup and restore', () => {
  describe('backup', () => {
    it('copies the database while the server is writing; the restored copy holds every event acknowledged before the backup started and serves again', async () => {
      const c = await connectCustomer(server);
      const { chat_id } = await c.rtm.call<{ chat_id: string }>('start_chat', { continuous: true });
      const stream = sendStream(c, chat_id);
      // Polled with a pause: acknowledgements wait for the WAL flush, pings do not, and back-to-back pings hit the RTM rate limit (#16).
      while (stream.acked.length < 50) await new Promise((resolve) => setTimeout(resolve, 10));
      const ackedBeforeBackup = [...stream.acked];
      const file = join(scratch, 'while-writing.db');
      const backup = await admin(server.dataDir, 'backup', file);
      const ackedDuringBackup = stream.acked.length - ackedBeforeBackup.length;
      await stream.stop();
      expect(backup.stderr).toBe('');
      expect(backup.code).toBe(0);
      expect(backup.stdout).toContain('integrity_check ok');
      // The server kept acknowledging writes while the copy ran.
      expect(ackedDuringBackup).toBeGreaterThan(0);

      const copy = new Database(file, { readonly: true });
      expect(copy.pragma('integrity_check', { simple: true })).toBe('ok');
      copy.close();

      // A fresh data folder: the database from the backup, the rest of DATA_DIR copied as documented.
      const fresh = mkdtempSync(join(scratch, 'fresh-'));
      for (const name of ['credentials.json', 'token-secret']) copyFileSync(join(server.dataDir, name), join(fresh, name));
      const restore = await admin(fresh, 'restore', file);
      expect(restore.code).toBe(0);
      expect(restore.stdout).toContain('restored');

      const restored = await startTestServer({}, fresh);
      try {
        const again = await connectCustomer(restored, { refreshToken: c.refreshToken });
        expect(again.id).toBe(c.id);
        const threads = await again.rtm.call<{ threads: { events: { id: string; type: string }[] }[] }>('list_threads', { chat_id });
        const kept = threads.threads[0]!.events.filter((e) => e.type === 'message').map((e) => e.id);
        expect(kept).toEqual(expect.arrayContaining(ackedBeforeBackup));
        // One committed state: a prefix of what was sent, without gaps.
        expect(kept).toEqual(stream.acked.slice(0, kept.length));
        again.rtm.close();
        const db = new Database(join(fresh, 'switchboard.db'), { readonly: true });
        expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
        db.close();
      } finally {
        await restored.close();
      }
      c.rtm.close();
    }, SLOW);
  });

  describe('restore', () => {
    it('is refused while a server runs on the DATA_DIR, says so, and leaves the database as it was', async () => {
      const file = join(scratch, 'for-refusal.db');
      expect((await admin(server.dataDir, 'backup', file)).code).toBe(0);
      const refused = await admin(server.dataDir, 'restore', file);
      expect(refused.code).toBe(1);
      expect(refused.stderr).toContain('a server (or another admin command) is running on this DATA_DIR');
      expect(readdirSync(server.dataDir).filter((f) => f.includes('restor'))).toEqual([]);
      // The server still writes to its own database.
      await server.built.platform.licenses.update(1, 'agent', { routing: { max_customer_chats_count: 7 } });
      expect((await server.built.platform.licenses.list(1, 'agent')).routing?.max_customer_chats_count).toBe(7);
    }, SLOW);

    it('answers a missing or unreadable backup with a message and exit code 1, and a missing argument with usage', async () => {
      const empty = mkdtempSync(join(scratch, 'empty-'));
      const missing = await admin(empty, 'restore', join(scratch, 'nope.db'));
      expect(missing.code).toBe(1);
      expect(missing.stderr).toContain('No backup at');
      expect(existsSync(join(empty, 'switchboard.db'))).toBe(false);
      expect((await admin(empty, 'backup')).code).toBe(2);
    }, SLOW);
  });
});
