import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import fastifyCookie from '@fastify/cookie';
import fastifyCors from '@fastify/cors';
import fastifyMultipart from '@fastify/multipart';
import Fastify, { type FastifyInstance } from 'fastify';
import { agentRtmSurface, registerAgentWeb } from './api/agent/plugin.js';
import { registerCustomerWeb, customerRtmSurface } from './api/customer/plugin.js';
import { registerConfigurationWeb } from './api/configuration/plugin.js';
import { registerFileRoute, registerStaticSites, siteRoots } from './api/staticSites.js';
import { ConnectionRegistry } from './api/transport/connections.js';
import { KeyedRateLimiter } from './api/transport/rateLimiter.js';
import { RtmGateway } from './api/transport/rtmGateway.js';
import { bootstrap, loadTokenSecret, writeCredentials, LICENSE_ID, type Credentials } from './bootstrap.js';
import type { Config } from './config.js';
import { AgentSessions } from './domain/agents/agentSessions.js';
import { MonotonicClock } from './domain/clock.js';
import { MAX_UPLOAD_BYTES } from './domain/conversations/files.js';
import { createPlatform, type Platform } from './domain/platform.js';
import type { FanOut, FileBlobs, Store } from './domain/ports.js';
import { InProcessFanOut } from './fanout/InProcessFanOut.js';
import { LocalFileBlobs } from './storage/files/LocalFileBlobs.js';
import { PostgresFileBlobs } from './storage/postgres/PostgresFileBlobs.js';
import { LOCKS, PostgresStore } from './storage/postgres/PostgresStore.js';
import { SqliteStore } from './storage/sqlite/SqliteStore.js';
import { DEFAULT_WEBHOOK_DELIVERY, WebhookDispatcher } from './webhooks/WebhookDispatcher.js';
import { webhookOutboxListener } from './webhooks/WebhookSubscriber.js';

export interface BuiltApp {
  app: FastifyInstance;
  platform: Platform;
  gateway: RtmGateway;
  registry: ConnectionRegistry;
  organizationId: string;
  /** Prefixes of the front ends found built. */
  sites: string[];
  /** Sends the webhook outbox. */
  webhooks: WebhookDispatcher;
  close(): Promise<void>;
}

/**
 * Where the durable state lives, chosen by config: the store, the uploaded bytes, the customer
 * token-signing secret, and how the first-start bootstrap runs. SQLite keeps the secret and
 * `credentials.json` in DATA_DIR; PostgreSQL keeps both in the database so that every node that
 * starts on it, at the same moment or later, signs and checks with the same secret and writes the
 * same credentials.
 */
interface Storage {
  store: Store;
  blobs: FileBlobs;
  tokenSecret(): Promise<string>;
  bootstrap(platform: Platform, owner: { ownerEmail?: string; ownerToken?: string }): Promise<{ organizationId: string }>;
}

async function createStorage(config: Config): Promise<Storage> {
  switch (config.storage) {
    case 'sqlite': {
      const store = new SqliteStore({ filename: config.sqliteFile ?? join(config.dataDir, 'switchboard.db'), synchronous: config.sqliteSynchronous });
      return {
        store, blobs: new LocalFileBlobs(join(config.dataDir, 'files')),
        tokenSecret: () => loadTokenSecret(config.dataDir),
        bootstrap: (platform, owner) => bootstrap(platform, { ...owner, dataDir: config.dataDir }),
      };
    }
    case 'postgres': {
      if (!config.databaseUrl) throw new Error('storage postgres needs DATABASE_URL');
      const store = await PostgresStore.open({ connectionString: config.databaseUrl });
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

function createFanOut(config: Config): FanOut {
  switch (config.fanOut) {
    case 'memory':
      return new InProcessFanOut();
    default:
      throw new Error(`Unknown fan-out ${String(config.fanOut)}`);
  }
}

/**
 * The domain over the configured store, without HTTP or sockets: for the admin CLI, which may run
 * next to a live server on the same DATA_DIR (SQLite WAL and busy_timeout let both write).
 * Bootstraps an empty data folder exactly as the server's first start would.
 */
export async function openPlatform(config: Config): Promise<{ platform: Platform; close(): Promise<void> }> {
  const { store, fanOut, platform } = await assemble(config);
  return {
    platform,
    async close() {
      await fanOut.close();
      await store.close();
    },
  };
}

/** Adapters chosen by config, the domain over them, and the first-start bootstrap. */
async function assemble(config: Config) {
  mkdirSync(config.dataDir, { recursive: true });
  const storage = await createStorage(config);
  const { store } = storage;
  const fanOut = createFanOut(config);
  const platform = createPlatform({
    store, fanOut, blobs: storage.blobs, clock: new MonotonicClock(),
    tokenSecret: await storage.tokenSecret(), customerTokenTtlSeconds: config.customerTokenTtlSeconds,
  });
  const { organizationId } = await storage.bootstrap(platform, {
    ...(config.ownerEmail ? { ownerEmail: config.ownerEmail } : {}),
    ...(config.ownerToken ? { ownerToken: config.ownerToken } : {}),
  });
  return { store, fanOut, platform, organizationId };
}

/**
 * The composition root: config → adapters → domain → API surfaces. Does not listen; `main.ts`
 * does, and tests call `app.listen({port: 0})` or `app.inject()`.
 */
export async function buildApp(config: Config): Promise<BuiltApp> {
  const { store, fanOut, platform, organizationId } = await assemble(config);

  const app = Fastify({ logger: { level: config.logLevel }, bodyLimit: 1024 * 1024, forceCloseConnections: true });
  // Clients send JSON without (or with a wrong) content type; parse every body as text, then JSON.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'string' }, (_req, body, done) => done(null, body));
  await app.register(fastifyCookie);
  await app.register(fastifyCors, {
    origin: true, credentials: true, methods: ['GET', 'POST', 'OPTIONS'],
    allowedHeaders: ['Authorization', 'Content-Type', 'X-API-Version', 'X-Region', 'X-Author-Id'], maxAge: 86_400,
  });
  await app.register(fastifyMultipart, { limits: { fileSize: MAX_UPLOAD_BYTES + 1, files: 1, fields: 5 }, throwFileSizeLimit: false });

  const registry = new ConnectionRegistry();
  const unsubscribe = fanOut.subscribe((event) => registry.deliver(event));
  const webLimiter = new KeyedRateLimiter(config.webRequestsPerSecond, config.webRequestBurst);
  const agentSessions = new AgentSessions(platform.agents, platform.router, config.agentOfflineGraceMs);
  const gateway = new RtmGateway({ customer: customerRtmSurface(platform) as never, agent: agentRtmSurface(platform, agentSessions) as never }, registry, config.rtm, app.log);
  app.server.on('upgrade', (req, socket, head) => {
    if (!gateway.handleUpgrade(req, socket, head)) socket.destroy();
  });

  registerCustomerWeb(app, platform, webLimiter, { secureCookies: config.secureCookies, perSecond: config.tokenRequestsPerSecond });
  registerAgentWeb(app, platform, agentSessions, webLimiter);
  registerConfigurationWeb(app, platform, webLimiter);
  registerFileRoute(app, platform);
  app.get('/widget-config.json', async () => ({ organization_id: organizationId, license_id: LICENSE_ID, client_id: 'switchboard-widget' }));
  app.get('/healthz', async () => ({ ok: true }));
  const sites = await registerStaticSites(app, siteRoots(config.distDir, config.publicDir));

  // Webhooks: the outbox is written inside each transaction; the dispatcher sends from it (and resumes it now).
  // A shared store: other nodes' rows are picked up within a second when their node cannot send them.
  const sharedOutbox = config.storage === 'postgres' ? { idlePollMs: 1_000 } : {};
  const webhooks = new WebhookDispatcher(store, { ...DEFAULT_WEBHOOK_DELIVERY, ...sharedOutbox, ...config.webhookDelivery }, app.log);
  const stopOutbox = platform.uow.addTransactionalListener(webhookOutboxListener({ now: Date.now, onEnqueued: () => webhooks.kick() }));
  webhooks.start();

  let closed = false;
  return {
    app, platform, gateway, registry, organizationId, sites, webhooks,
    async close() {
      if (closed) return;
      closed = true;
      await webhooks.close();
      await gateway.close();
      agentSessions.dispose();
      await app.close();
      unsubscribe();
      await fanOut.close();
      // Kept until here so that requests finishing during shutdown still enqueue their webhooks.
      stopOutbox();
      await store.close();
    },
  };
}
