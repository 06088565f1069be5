import { randomBytes, randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { bootstrap, loadTokenSecret, writeCredentials, type Credentials } from './bootstrap.js';
import type { Config, RedisConfig } from './config.js';
import { MAX_UPLOAD_BYTES } from './domain/conversations/files.js';
import type { Platform } from './domain/platform.js';
import type { FanOut, FileBlobs, JobScheduler, Presence, Store, StoreCommitObserver } from './domain/ports.js';
import { InProcessJobScheduler } from './cluster/InProcessJobScheduler.js';
import { InProcessPresence } from './cluster/InProcessPresence.js';
import { DroppingFanOut } from './fanout/DroppingFanOut.js';
import { InProcessFanOut } from './fanout/InProcessFanOut.js';
import type { RecoverChatPushes } from './fanout/chatPushOrder.js';
import { LocalFileBlobs } from './storage/files/LocalFileBlobs.js';
import { SqliteStore } from './storage/sqlite/SqliteStore.js';
import { backupSqlite, restoreSqlite } from './storage/sqlite/backup.js';

/*
 * Part of the composition root (app.ts): the one place that turns configuration into concrete
 * adapters, and throws on a value it does not know. Only app.ts imports this file. The PostgreSQL
 * and Redis adapters are imported when configured: pg and ioredis cost a node on SQLite 30 MiB.
 */

const sqliteFile = (config: Config): string => config.sqliteFile ?? join(config.dataDir, 'switchboard.db');

/**
 * Where the durable state lives, chosen by config: the store, the uploaded bytes, the customer
 * token-signing secret, and how the first-start bootstrap runs. SQLite keeps the secret and
 * `credentials.json` in DATA_DIR; PostgreSQL keeps both in the database so that every node that
 * starts on it, at the same moment or later, signs and checks with the same secret and writes the
 * same credentials.
 */
export interface Storage {
  store: Store;
  blobs: FileBlobs;
  tokenSecret(): Promise<string>;
  bootstrap(platform: Platform, owner: { ownerEmail?: string; ownerToken?: string }): Promise<{ organizationId: string }>;
}

export async function createStorage(config: Config, observer?: StoreCommitObserver): Promise<Storage> {
  switch (config.storage) {
    case 'sqlite': {
      const store = new SqliteStore({ filename: sqliteFile(config), synchronous: config.sqliteSynchronous, ...(observer ? { observer } : {}) });
      return {
        store, blobs: new LocalFileBlobs(join(config.dataDir, 'files')),
        tokenSecret: () => loadTokenSecret(config.dataDir),
        bootstrap: (platform, owner) => bootstrap(platform, { ...owner, dataDir: config.dataDir }),
      };
    }
    case 'postgres': {
      if (!config.databaseUrl) throw new Error('storage postgres needs DATABASE_URL');
      const [{ LOCKS, PostgresStore }, { PostgresFileBlobs }] = await Promise.all([
        import('./storage/postgres/PostgresStore.js'), import('./storage/postgres/PostgresFileBlobs.js'),
      ]);
      const store = await PostgresStore.open({ connectionString: config.databaseUrl, ...(observer ? { observer } : {}) });
      return {
        store, blobs: new PostgresFileBlobs(store.pool, MAX_UPLOAD_BYTES),
        tokenSecret: () => store.sharedSetting('token-signing-secret', () => randomBytes(32).toString('base64url')),
        // Under a cluster-wide lock: the first node creates and records the credentials, the others read them.
        bootstrap: (platform, owner) => store.exclusively(LOCKS.bootstrap, async () => {
          const result = await bootstrap(platform, owner);
          const credentials = result.credentials
            ? await store.sharedSetting('bootstrap-credentials', () => result.credentials!)
            : await store.getSetting<Credentials>('bootstrap-credentials');
          if (credentials) await writeCredentials(config.dataDir, credentials);
          return result;
        }),
      };
    }
    default:
      throw new Error(`Unknown storage ${String(config.storage)}`);
  }
}

/** Backup and restore of the configured store's database, for the admin CLI (no domain, no bootstrap). */
export interface StoreBackups {
  /** Writes a consistent copy to `file`, also while a server is writing. */
  backup(file: string): Promise<string>;
  /** Replaces the database with `file`; refused while anything has the database open. */
  restore(file: string): Promise<string>;
}

export function storeBackups(config: Config): StoreBackups {
  switch (config.storage) {
    case 'sqlite': {
      const database = sqliteFile(config);
      return {
        async backup(file) {
          const { pages } = await backupSqlite(database, file);
          return `backed up ${database} to ${file} (${pages} pages, integrity_check ok)`;
        },
        async restore(file) {
          const { previous } = restoreSqlite(file, database);
          return `restored ${database} from ${file}${previous ? ` (the database it replaced is kept as ${previous})` : ''}`;
        },
      };
    }
    default:
      throw new Error(`backup and restore cover the embedded SQLite store only; back up ${String(config.storage)} with its own tools (docs/operations.md)`);
  }
}

function redisOf(config: Config): RedisConfig {
  if (!config.redis) throw new Error('fan-out "redis" needs config.redis (REDIS_URL)');
  return config.redis;
}

/**
 * The fan-out, given how to read missed chat pushes back from the store (the store opens after the
 * fan-out, so `recover` is called only once pushes arrive).
 */
export async function createFanOut(config: Config, recover: RecoverChatPushes): Promise<FanOut> {
  const fanOut = await connectFanOut(config, recover);
  return config.fanOutTestHook ? new DroppingFanOut(fanOut, config.fanOutTestHook.dropPublish) : fanOut;
}

async function connectFanOut(config: Config, recover: RecoverChatPushes): Promise<FanOut> {
  switch (config.fanOut) {
    case 'memory':
      return new InProcessFanOut();
    case 'redis': {
      const { url, prefix } = redisOf(config);
      const { RedisFanOut } = await import('./fanout/RedisFanOut.js');
      return RedisFanOut.connect({ url, prefix, recoverChatPushes: recover });
    }
    default:
      throw new Error(`Unknown fan-out ${String(config.fanOut)}`);
  }
}

/**
 * Who is connected, and timers that must fire once: per process, or shared through Redis with the
 * fan-out. Agents and customers have a Presence each (customers' keys under `<prefix>visitors:`),
 * so that a lost customer is never taken for an agent.
 */
export async function createCoordination(config: Config): Promise<{ presence: Presence; visitorPresence: Presence; jobs: JobScheduler }> {
  switch (config.fanOut) {
    case 'memory':
      return { presence: new InProcessPresence(), visitorPresence: new InProcessPresence(), jobs: new InProcessJobScheduler() };
    case 'redis': {
      const r = redisOf(config);
      const [{ RedisPresence }, { RedisJobScheduler }] = await Promise.all([import('./cluster/RedisPresence.js'), import('./cluster/RedisJobScheduler.js')]);
      const nodeId = randomUUID();
      const presenceOf = (prefix: string) => RedisPresence.connect({ url: r.url, prefix, nodeId, ttlMs: r.presenceTtlMs, heartbeatMs: r.presenceHeartbeatMs });
      const [presence, visitorPresence, jobs] = await Promise.all([
        presenceOf(r.prefix), presenceOf(`${r.prefix}visitors:`),
        RedisJobScheduler.connect({ url: r.url, prefix: r.prefix, pollMs: r.jobPollMs, leaseMs: r.jobLeaseMs, retryMs: r.jobRetryMs }),
      ]);
      return { presence, visitorPresence, jobs };
    }
    default:
      throw new Error(`Unknown fan-out ${String(config.fanOut)}`);
  }
}
