import { mkdirSync } from 'node:fs';
import fastifyCookie from '@fastify/cookie';
import fastifyCors from '@fastify/cors';
import fastifyMultipart from '@fastify/multipart';
import Fastify, { type FastifyInstance } from 'fastify';
import { agentRtmSurface, registerAgentWeb } from './api/agent/plugin.js';
import { registerCustomerWeb, customerRtmSurface } from './api/customer/plugin.js';
import { VisitorSessions } from './domain/identity/visitorSessions.js';
import { registerConfigurationWeb } from './api/configuration/plugin.js';
import { corsPolicy } from './api/browser/cors.js';
import { websocketOriginPolicy } from './api/browser/websocketOrigin.js';
import { registerSecurityHeaders } from './api/browser/securityHeaders.js';
import { registerFileRoute, registerStaticSites, siteRoots } from './api/staticSites.js';
import { clientAddressOf } from './api/transport/clientAddress.js';
import { ConnectionRegistry } from './api/transport/connections.js';
import { frameworkErrorShape, registerHttpErrorShape } from './api/transport/httpErrors.js';
import { KeyedRateLimiter } from './api/transport/rateLimiter.js';
import { RtmGateway } from './api/transport/rtmGateway.js';
import { GroupStatusPushes } from './api/transport/groupStatusPushes.js';
import { LICENSE_ID } from './bootstrap.js';
import { createCoordination, createFanOut, createStorage } from './adapters.js';
import type { Config } from './config.js';
import { AgentSessions } from './domain/agents/agentSessions.js';
import { MonotonicClock } from './domain/clock.js';
import { MAX_UPLOAD_BYTES } from './domain/conversations/files.js';
import { createPlatform, type Platform } from './domain/platform.js';
import { HttpUrlPreviews } from './linkPreview/HttpUrlPreviews.js';
import { SmtpMailSender } from './mail/SmtpMailSender.js';
import { ReplyNotifier } from './domain/notifications/replyNotifier.js';
import type { Store, StoreCommitObserver } from './domain/ports.js';
import { HttpDrainGate, within } from './observability/drain.js';
import { SwitchboardMetrics } from './observability/metrics.js';
import { registerMetrics, registerMetricsOff } from './observability/metricsRoute.js';
import { Readiness, registerHealthRoutes } from './observability/readiness.js';
import { IGNORING_OBSERVER } from './api/transport/observer.js';
import { DEFAULT_WEBHOOK_DELIVERY, WebhookDispatcher } from './webhooks/WebhookDispatcher.js';
import { webhookOutboxListener } from './webhooks/WebhookSubscriber.js';
import { startOutboxSweep } from './webhooks/outboxSweep.js';

export interface BuiltApp {
  app: FastifyInstance;
  platform: Platform;
  gateway: RtmGateway;
  registry: ConnectionRegistry;
  /** Which agents are connected and accepting (cluster-wide with Redis). */
  agentSessions: AgentSessions;
  /** Web API rate limits (per identity, and per client address before authentication). */
  webLimiter: KeyedRateLimiter;
  organizationId: string;
  /** Prefixes of the front ends found built. */
  sites: string[];
  /** Sends the webhook outbox. */
  webhooks: WebhookDispatcher;
  /** Mails agents' replies to visitors who are away; present with `SMTP_URL`. */
  replyNotifier?: ReplyNotifier;
  readiness: Readiness;
  /** Present when metrics are on (METRICS=on or METRICS_TOKEN). */
  metrics?: SwitchboardMetrics;
  /**
   * Graceful drain (SIGTERM): not ready, no new sockets or HTTP requests, RTM clients told to
   * reconnect elsewhere once their in-flight requests are answered, in-flight HTTP requests finished;
   * bounded by `config.drainTimeoutMs`. Resolves false when the bound cut it short. `close()` follows.
   */
  drain(): Promise<boolean>;
  /** Pushes `groups_status_updated` to this node's connections. */
  groupStatuses: GroupStatusPushes;
  close(): Promise<void>;
}

export { storeBackups, type StoreBackups } from './adapters.js';

/**
 * The domain over the configured store, without HTTP or sockets: for the admin CLI, which may run
 * next to a live server on the same DATA_DIR (SQLite WAL and busy_timeout let both write).
 * Bootstraps an empty data folder exactly as the server's first start would.
 */
export async function openPlatform(config: Config): Promise<{ platform: Platform; close(): Promise<void> }> {
  const { store, fanOut, platform, mail } = await assemble(config, () => config.publicUrl ?? defaultPublicUrl(config.host, config.port));
  return {
    platform,
    async close() {
      mail?.close();
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
async function assemble(config: Config, publicUrl: () => string, storeObserver?: StoreCommitObserver) {
  mkdirSync(config.dataDir, { recursive: true });
  // The fan-out first: a Redis that cannot be reached fails the start before the store is opened.
  // Its recovery of missed chat pushes reads the store, which exists by the time pushes arrive.
  let opened: Store | undefined = undefined;
  const fanOut = await createFanOut(config, async (chatId, afterSeq, beforeSeq) =>
    opened ? opened.read((tx) => tx.listChatPushUnits(chatId, afterSeq, beforeSeq)) : []);
  const storage = await createStorage(config, storeObserver).catch(async (err: unknown) => { await fanOut.close(); throw err; });
  const { store } = storage;
  opened = store;
  const mail = config.smtp ? new SmtpMailSender(config.smtp.url, config.smtp.from) : undefined;
  const platform = createPlatform({
    store, fanOut, blobs: storage.blobs, clock: new MonotonicClock(), ...(mail ? { mail } : {}),
    tokenSecret: await storage.tokenSecret(), customerTokenTtlSeconds: config.customerTokenTtlSeconds, publicUrl,
    urlPreviews: new HttpUrlPreviews(config.linkPreview),
  });
  const { organizationId } = await storage.bootstrap(platform, {
    ...(config.ownerEmail ? { ownerEmail: config.ownerEmail } : {}),
    ...(config.ownerToken ? { ownerToken: config.ownerToken } : {}),
  });
  return { store, fanOut, platform, organizationId, mail };
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
  const metrics = config.metrics.enabled ? new SwitchboardMetrics(config.metrics.eventLoopResolutionMs) : undefined;
  const { store, fanOut, platform, organizationId, mail } = await assemble(config, publicUrl, metrics?.store);
  const { presence, visitorPresence, jobs } = await createCoordination(config).catch(async (err: unknown) => {
    await fanOut.close();
    await store.close();
    throw err;
  });

  const app = Fastify({
    logger: {
      level: config.logLevel,
      // Credentials never reach a log line, whatever a serializer or a handler adds.
      redact: { paths: ['req.headers.authorization', 'req.headers.cookie', 'headers.authorization', 'headers.cookie', 'res.headers["set-cookie"]', 'token', 'access_token', 'payload.token'], censor: '[redacted]' },
      ...(config.logStream ? { stream: config.logStream } : {}),
    },
    bodyLimit: 1024 * 1024, forceCloseConnections: true, trustProxy: config.trustProxy, frameworkErrors: frameworkErrorShape,
  });
  registerHttpErrorShape(app);
  const readiness = new Readiness({
    store: () => store.read(async (tx) => { await tx.getLicense(LICENSE_ID); return true; }),
    fanout: () => fanOut.ready(),
  });
  registerHealthRoutes(app, readiness);
  const httpGate = new HttpDrainGate(app, readiness);
  if (metrics) registerMetrics(app, metrics, config.metrics);
  else registerMetricsOff(app);
  // Clients send JSON without (or with a wrong) content type; parse every body as text, then JSON.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'string' }, (_req, body, done) => done(null, body));
  await app.register(fastifyCookie);
  await app.register(fastifyCors, corsPolicy(platform, organizationId));
  registerSecurityHeaders(app, platform, organizationId);
  await app.register(fastifyMultipart, { limits: { fileSize: MAX_UPLOAD_BYTES + 1, files: 1, fields: 5 }, throwFileSizeLimit: false });

  const registry = new ConnectionRegistry();
  const groupStatuses = new GroupStatusPushes((licenseId) => platform.licenses.availability(licenseId), registry, (err) => app.log.error({ err }, 'groups_status_updated failed'));
  await groupStatuses.prime(LICENSE_ID);
  const unsubscribe = fanOut.subscribe((event) => {
    registry.deliver(event);
    groupStatuses.observe(event);
  });
  const replyNotifier = mail ? new ReplyNotifier({
    uow: platform.uow, mail, publicUrl,
    isConnected: (customerId) => registry.connectionsOf(customerId).length > 0,
    onError: (error) => app.log.warn({ err: error }, 'reply e-mail not sent'),
  }) : undefined;
  const unsubscribeMail = replyNotifier ? fanOut.subscribe((event) => replyNotifier.handle(event)) : () => undefined;
  const webLimiter = new KeyedRateLimiter(config.webRequestsPerSecond, config.webRequestBurst);
  const agentSessions = new AgentSessions(platform.agents, platform.router, config.agentOfflineGraceMs, presence, jobs, { autoAwayMs: config.agentAutoAwayMs });
  const visitorSessions = new VisitorSessions(platform.visitors, visitorPresence);
  const customerRtm = { ...customerRtmSurface(platform, visitorSessions), admitsUpgrade: websocketOriginPolicy(platform, organizationId, publicUrl) };
  const gateway = new RtmGateway({ customer: customerRtm as never, agent: agentRtmSurface(platform, agentSessions, visitorSessions) as never }, registry, config.rtm, app.log, metrics?.transport ?? IGNORING_OBSERVER, clientAddressOf(config.trustProxy));
  app.server.on('upgrade', (req, socket, head) => {
    if (!gateway.handleUpgrade(req, socket, head)) socket.destroy();
  });

  registerCustomerWeb(app, platform, webLimiter, { secureCookies: config.secureCookies, perSecond: config.tokenRequestsPerSecond });
  registerAgentWeb(app, platform, agentSessions, webLimiter);
  registerConfigurationWeb(app, platform, webLimiter);
  registerFileRoute(app, platform);
  app.get('/widget-config.json', async () => ({ organization_id: organizationId, license_id: LICENSE_ID, client_id: 'switchboard-widget' }));
  const sites = await registerStaticSites(app, siteRoots(config.distDir, config.publicDir));

  // Webhooks: the outbox is written inside each transaction; the dispatcher sends from it (and resumes it now).
  // A shared store: other nodes' rows are picked up within a second when their node cannot send them.
  const sharedOutbox = config.storage === 'postgres' ? { idlePollMs: 1_000 } : {};
  const webhooks = new WebhookDispatcher(store, {
    ...DEFAULT_WEBHOOK_DELIVERY, ...sharedOutbox, ...config.webhookDelivery,
    ...(metrics ? { onFailure: (givenUp: boolean) => metrics.webhookFailed(givenUp) } : {}),
  }, app.log);
  const stopOutbox = platform.uow.addTransactionalListener(webhookOutboxListener({ now: Date.now, onEnqueued: () => webhooks.kick() }));
  webhooks.start();
  const stopSweep = startOutboxSweep(jobs, () => webhooks.kick(), config.webhookSweepMs);

  metrics?.readFrom({
    connections: () => registry.countByKind(),
    webhookOutboxDepth: () => store.read((tx) => tx.countPendingWebhookDeliveries()),
    ready: () => readiness.state === 'ready',
  });
  readiness.markReady();

  let closed = false;
  let drained: Promise<boolean> | undefined;
  return {
    app, platform, gateway, registry, agentSessions, webLimiter, organizationId, sites, webhooks, groupStatuses, readiness, ...(metrics ? { metrics } : {}), ...(replyNotifier ? { replyNotifier } : {}),
    drain() {
      drained ??= (async () => {
        readiness.markDraining();
        // Customers told to reconnect elsewhere did not leave: their presence expires with this node's.
        visitorSessions.draining();
        // Units whose requester is gone (a socket closed mid-request) are waited for too: they publish to other nodes' clients.
        const done = await within(config.drainTimeoutMs, Promise.all([gateway.drain(), httpGate.idle()]).then(() => platform.uow.idle()));
        app.log.info({ completed: done, timeout_ms: config.drainTimeoutMs }, 'drain finished');
        return done;
      })();
      return drained;
    },
    async close() {
      if (closed) return;
      closed = true;
      stopSweep();
      await webhooks.close();
      groupStatuses.close();
      await gateway.close();
      await agentSessions.close();
      await app.close();
      unsubscribe();
      await groupStatuses.idle();
      unsubscribeMail();
      await replyNotifier?.idle();
      mail?.close();
      // What closing the sockets started (an agent's routing status) commits and publishes before the fan-out and store go.
      await within(config.drainTimeoutMs, platform.uow.idle());
      await jobs.close();
      await presence.close();
      visitorSessions.close();
      await visitorPresence.close();
      await fanOut.close();
      // Kept until here so that requests finishing during shutdown still enqueue their webhooks.
      stopOutbox();
      await store.close();
    },
  };
}
