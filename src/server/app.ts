import { randomUUID } from 'node:crypto';
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
import { bootstrap, loadTokenSecret, LICENSE_ID } from './bootstrap.js';
import type { Config, RedisConfig } from './config.js';
import { AgentSessions } from './domain/agents/agentSessions.js';
import { MonotonicClock } from './domain/clock.js';
import { MAX_UPLOAD_BYTES } from './domain/conversations/files.js';
import { createPlatform, type Platform } from './domain/platform.js';
import type { FanOut, JobScheduler, Presence, Store } from './domain/ports.js';
import { InProcessJobScheduler } from './cluster/InProcessJobScheduler.js';
import { InProcessPresence } from './cluster/InProcessPresence.js';
import { RedisJobScheduler } from './cluster/RedisJobScheduler.js';
import { RedisPresence } from './cluster/RedisPresence.js';
import { InProcessFanOut } from './fanout/InProcessFanOut.js';
import { RedisFanOut } from './fanout/RedisFanOut.js';
import { LocalFileBlobs } from './storage/files/LocalFileBlobs.js';
import { SqliteStore } from './storage/sqlite/SqliteStore.js';
import { DEFAULT_WEBHOOK_DELIVERY, WebhookDispatcher } from './webhooks/WebhookDispatcher.js';
import { webhookOutboxListener } from './webhooks/WebhookSubscriber.js';
import { startOutboxSweep } from './webhooks/outboxSweep.js';

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

function createStore(config: Config): Store {
  switch (config.storage) {
    case 'sqlite':
      return new SqliteStore({ filename: config.sqliteFile ?? join(config.dataDir, 'switchboard.db'), synchronous: config.sqliteSynchronous });
    default:
      throw new Error(`Unknown storage ${String(config.storage)}`);
  }
}

function redisOf(config: Config): RedisConfig {
  if (!config.redis) throw new Error('fan-out "redis" needs config.redis (REDIS_URL)');
  return config.redis;
}

async function createFanOut(config: Config): Promise<FanOut> {
  switch (config.fanOut) {
    case 'memory':
      return new InProcessFanOut();
    case 'redis': {
      const { url, prefix } = redisOf(config);
      return RedisFanOut.connect({ url, prefix });
    }
    default:
      throw new Error(`Unknown fan-out ${String(config.fanOut)}`);
  }
}

/** Who is connected, and timers that must fire once: per process, or shared through Redis with the fan-out. */
async function createCoordination(config: Config): Promise<{ presence: Presence; jobs: JobScheduler }> {
  switch (config.fanOut) {
    case 'memory':
      return { presence: new InProcessPresence(), jobs: new InProcessJobScheduler() };
    case 'redis': {
      const r = redisOf(config);
      const [presence, jobs] = await Promise.all([
        RedisPresence.connect({ url: r.url, prefix: r.prefix, nodeId: randomUUID(), ttlMs: r.presenceTtlMs, heartbeatMs: r.presenceHeartbeatMs }),
        RedisJobScheduler.connect({ url: r.url, prefix: r.prefix, pollMs: r.jobPollMs, leaseMs: r.jobLeaseMs, retryMs: r.jobRetryMs }),
      ]);
      return { presence, jobs };
    }
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
  // The fan-out first: a Redis that cannot be reached fails the start before the store is opened.
  const fanOut = await createFanOut(config);
  const store = createStore(config);
  const platform = createPlatform({
    store, fanOut, blobs: new LocalFileBlobs(join(config.dataDir, 'files')), clock: new MonotonicClock(),
    tokenSecret: await loadTokenSecret(config.dataDir), customerTokenTtlSeconds: config.customerTokenTtlSeconds,
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
  const { store, fanOut, platform, organizationId } = await assemble(config);
  const { presence, jobs } = await createCoordination(config).catch(async (err: unknown) => {
    await fanOut.close();
    await store.close();
    throw err;
  });

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
  const agentSessions = new AgentSessions(platform.agents, platform.router, config.agentOfflineGraceMs, presence, jobs);
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
  const webhooks = new WebhookDispatcher(store, { ...DEFAULT_WEBHOOK_DELIVERY, ...config.webhookDelivery }, app.log);
  const stopOutbox = platform.uow.addTransactionalListener(webhookOutboxListener({ now: Date.now, onEnqueued: () => webhooks.kick() }));
  webhooks.start();
  const stopSweep = startOutboxSweep(jobs, () => webhooks.kick(), config.webhookSweepMs);

  let closed = false;
  return {
    app, platform, gateway, registry, organizationId, sites, webhooks,
    async close() {
      if (closed) return;
      closed = true;
      stopSweep();
      await webhooks.close();
      await gateway.close();
      await agentSessions.close();
      await app.close();
      unsubscribe();
      await jobs.close();
      await presence.close();
      await fanOut.close();
      // Kept until here so that requests finishing during shutdown still enqueue their webhooks.
      stopOutbox();
      await store.close();
    },
  };
}
