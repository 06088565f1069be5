import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { buildApp, type BuiltApp } from '../server/app.js';
import type { Credentials } from '../server/bootstrap.js';
import { loadConfig, type Config } from '../server/config.js';
import { createDatabase } from './services/postgres.js';
import { PG_TEMPLATE } from './services/pgTemplate.js';

export interface TestServer {
  built: BuiltApp;
  url: string;
  wsUrl: string;
  dataDir: string;
  credentials: Credentials;
  config: Config;
  /** Makes the owner accept chats (with room for `maxChats`), so that start_chat is routed. */
  ownerAcceptsChats(maxChats?: number): Promise<void>;
  /** Stops this server; the data folder stays for a restart. */
  stop(): Promise<void>;
  /** Starts a new server on the same data folder (and the same port when `samePort`). */
  restart(opts?: { samePort?: boolean }): Promise<TestServer>;
  /** Stops the server and deletes its data folder. */
  close(): Promise<void>;
}

/**
 * Which store test servers use: a real SQLite file in the temp folder (default), or, with
 * SWITCHBOARD_TEST_STORAGE=postgres (the `node-pg` vitest project), a fresh database per server on
 * the run's PostgreSQL (SWITCHBOARD_TEST_PG_URL, set by src/testing/services/postgresGlobalSetup.ts).
 */
async function testDatabase(): Promise<{ url: string; drop(): Promise<void> } | undefined> {
  const storage = process.env.SWITCHBOARD_TEST_STORAGE ?? 'sqlite';
  if (storage === 'sqlite') return undefined;
  if (storage !== 'postgres') throw new Error(`SWITCHBOARD_TEST_STORAGE must be sqlite or postgres, got ${storage}`);
  const adminUrl = process.env.SWITCHBOARD_TEST_PG_URL;
  if (!adminUrl) throw new Error('SWITCHBOARD_TEST_STORAGE=postgres needs SWITCHBOARD_TEST_PG_URL (vitest globalSetup sets it)');
  return createDatabase(adminUrl, PG_TEMPLATE);
}

/** A real server on a loopback port, over a real SQLite file in a temp folder or a real PostgreSQL database. */
export async function startTestServer(overrides: Partial<Config> = {}, dataDir?: string, port = 0, database?: { url: string; drop(): Promise<void> }): Promise<TestServer> {
  const dir = dataDir ?? mkdtempSync(join(tmpdir(), 'switchboard-test-'));
  const db = database ?? await testDatabase();
  const env = { DATA_DIR: dir, LOG_LEVEL: 'silent', ...(db ? { DATABASE_URL: db.url } : {}) };
  const config: Config = { ...loadConfig(env), ...overrides };
  const built = await buildApp(config);
  await built.app.listen({ host: '127.0.0.1', port });
  const { port: actual } = built.app.server.address() as AddressInfo;
  const credentials = JSON.parse(readFileSync(join(dir, 'credentials.json'), 'utf8')) as Credentials;
  let stopped = false;
  const server: TestServer = {
    built, dataDir: dir, credentials, config,
    url: `http://127.0.0.1:${actual}`,
    wsUrl: `ws://127.0.0.1:${actual}`,
    async ownerAcceptsChats(maxChats = 1000) {
      const { agents, router } = built.platform;
      await agents.setMaxChats(1, credentials.owner.id, maxChats, router);
      await agents.setRoutingStatus(1, credentials.owner.id, 'accepting_chats', router);
    },
    async stop() {
      if (stopped) return;
      stopped = true;
      await built.close();
    },
    async restart(opts) {
      await server.stop();
      return startTestServer(overrides, dir, opts?.samePort ? actual : 0, db);
    },
    async close() {
      await server.stop();
      rmSync(dir, { recursive: true, force: true });
      await db?.drop();
    },
  };
  return server;
}
