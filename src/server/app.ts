import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import fastifyCookie from '@fastify/cookie';
import fastifyCors from '@fastify/cors';
import fastifyMultipart from '@fastify/multipart';
import Fastify, { type FastifyInstance } from 'fastify';
import { agentRtmSurface, registerAgentWeb } from './api/agent/plugin.js';
import { registerCustomerWeb, customerRtmSurface } from './api/customer/plugin.js';
import { registerConfigurationWeb } from './api/configuration/plugin.js';
import { corsPolicy } from './api/browser/cors.js';
import { registerSecurityHeaders } from './api/browser/securityHeaders.js';
import { registerFileRoute, registerStaticSites, siteRoots } from './api/staticSites.js';
import { ConnectionRegistry } from './api/transport/connections.js';
import { KeyedRateLimiter } from './api/transport/rateLimiter.js';
import { RtmGateway } from './api/transport/rtmGateway.js';
import { bootstrap, loadTokenSecret, LICENSE_ID } from './bootstrap.js';
import type { Config } from './config.js';
import { AgentSessions } from './domain/agents/agentSessions.js';
import { MonotonicClock } from './domain/clock.js';
import { MAX_UPLOAD_BYTES } from './domain/conversations/files.js';
import { createPlatform, type Platform } from './domain/platform.js';
import type { FanOut, Store } from './domain/ports.js';
import { InProcessFanOut } from './fanout/InProcessFanOut.js';
import { LocalFileBlobs } from './storage/files/LocalFileBlobs.js';
import { SqliteStore } from './storage/sqlite/SqliteStore.js';
import { backupSqlite, restoreSqlite } from './storage/sqlite/backup.js';
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

const sqliteFile = (config: Config): string => config.sqliteFile ?? join(config.dataDir, 'switchboard.db');

function createStore(config: Config): Store {
  switch (config.storage) {
    case 'sqlite':
      return new SqliteStore({ filename: sqliteFile(config), synchronous: config.sqliteSynchronous });
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
  const { store, fanOut, platform } = await assemble(config, () => config.publicUrl ?? defaultPublicUrl(config.host, config.port));
  return {
    platform,
    async close() {
      await fanOut.close();
      await store.close();
    },
  };
}

/** `http://HOST:PORT` as a browser on this machine would write it (any-interface hosts become loopback). */
export function defaultPublicUrl(host: string, port: number): string {
  const name = host === '0.0.0.0' ? '127.0.0.1' : host === '::' ? '[::1]' : host.includes(':') ? `[${host}]` : host;
  return `http://${name}:${port}`;
}

/** Adapters chosen by config, the domain over them, and the first-start bootstrap. */
async function assemble(config: Config, publicUrl: () => string) {
  mkdirSync(config.dataDir, { recursive: true });
  const store = createStore(config);
  const fanOut = createFanOut(config);
  const platform = createPlatform({
    store, fanOut, blobs: new LocalFileBlobs(join(config.dataDir, 'files')), clock: new MonotonicClock(),
    tokenSecret: await loadTokenSecret(config.dataDir), customerTokenTtlSeconds: config.customerTokenTtlSeconds, publicUrl,
  });
  const { organizationId } = await bootstrap(platform, {
    dataDir: config.dataDir,
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
  // Unset PUBLIC_URL: the socket's own address, known once listening (tests listen on port 0).
  const publicUrl = () => {
    if (config.publicUrl) return config.publicUrl;
    const address = app.server.address();
    return defaultPublicUrl(config.host, address && typeof address === 'object' ? address.port : config.port);
  };
  const { store, fanOut, platform, organizationId } = await assemble(config, publicUrl);

  const app = Fastify({ logger: { level: config.logLevel }, bodyLimit: 1024 * 1024, forceCloseConnections: true, trustProxy: config.trustProxy });
  // Clients send JSON without (or with a wrong) content type; parse every body as text, then JSON.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'string' }, (_req, body, done) => done(null, body));
  await app.register(fastifyCookie);
  await app.register(fastifyCors, corsPolicy(platform, organizationId));
  registerSecurityHeaders(app, platform, organizationId);
  await app.register(fastifyMultipart, { limits: { fileSize: MAX_UPLOAD_BYTES + 1, files: 1, fields: 5 }, throwFileSizeLimit: false });

  const registry = new ConnectionRegistry();
  const unsubscribe = fanOut.subscribe((event) => registry.deliver(event));
  const webLimiter = new KeyedRateLimiter(config.webRequestsPerSecond, config.webRequestBurst);
  const agentSessions = new AgentSessions(platform.agents, platform.router, config.agentOfflineGraceMs);
  const gateway = new RtmGateway({ customer: customerRtmSurface(platform, registry) as never, agent: agentRtmSurface(platform, agentSessions, registry) as never }, registry, config.rtm, app.log);
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
  const webhooks = new WebhookDispatcher(store, { ...DEFAULT_WEBHOOK_DELIVERY, ...config.webhookDelivery }, app.log);
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
