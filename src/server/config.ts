import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEFAULT_RTM_LIMITS, type RtmLimits } from './api/transport/rtmGateway.js';
import type { DomainEvent } from './domain/domainEvents.js';
import type { MetricsSettings } from './observability/metricsRoute.js';
import type { WebhookDeliveryOptions } from './webhooks/WebhookDispatcher.js';
import type { LinkPreviewLimits } from './linkPreview/HttpUrlPreviews.js';
import { MIN_IDLE_SECONDS } from './process/idleHeapRelease.js';

export interface Config {
  host: string;
  port: number;
  dataDir: string;
  /** `sqlite` (embedded, default) or `postgres` (shared by several nodes; DATABASE_URL). */
  storage: 'sqlite' | 'postgres';
  /** `postgres://…` when storage is `postgres`. */
  databaseUrl?: string;
  /** `:memory:` for tests, else `DATA_DIR/switchboard.db`. */
  sqliteFile?: string;
  sqliteSynchronous: 'full' | 'normal';
  /** `memory`: one node; `redis` (REDIS_URL): pushes, presence and timers shared through Redis. */
  fanOut: 'memory' | 'redis';
  redis?: RedisConfig;
  ownerEmail?: string;
  ownerToken?: string;
  customerTokenTtlSeconds: number;
  rtm: RtmLimits;
  /** How long a human agent stays available after its last RTM connection dropped. */
  agentOfflineGraceMs: number;
  /** Auto-away: an agent connection without a request for this long counts as away; 0 = off. */
  agentAutoAwayMs: number;
  webRequestsPerSecond: number;
  webRequestBurst: number;
  /** New customer identities per second per client address (token endpoint). */
  tokenRequestsPerSecond: number;
  /**
   * The origin browsers reach this server at (`PUBLIC_URL`, e.g. `https://chat.example.com`):
   * file URLs are built from it. Unset: `http://HOST:PORT` of the listening socket.
   */
  publicUrl?: string;
  /** Fastify `trustProxy`: whether (and which) proxies' X-Forwarded-For/Host/Proto are believed. Off by default. */
  trustProxy: boolean | string;
  /** Identity cookies with `Secure; SameSite=None` (needs HTTPS in front). */
  secureCookies: boolean;
  /** Where built front-end bundles are served from. */
  distDir: string;
  publicDir: string;
  logLevel: string;
  /** Where log lines go (default stdout); tests capture them. */
  logStream?: { write(line: string): void };
  metrics: MetricsSettings;
  /** On SIGTERM: how long in-flight requests may take before sockets are closed anyway. */
  drainTimeoutMs: number;
  /** `IDLE_HEAP_RELEASE_SECONDS`: idle seconds after which the node gives its young generation back (0 = never; src/server/process/idleHeapRelease.ts). */
  idleHeapReleaseSeconds: number;
  /** How often some node of the cluster looks at the webhook outbox for rows nobody waits for. */
  webhookSweepMs: number;
  /** Webhook timeouts, retries and concurrency; defaults in webhooks/WebhookDispatcher.ts (tests shorten them). */
  webhookDelivery?: Partial<WebhookDeliveryOptions>;
  /** `get_url_info` limits; defaults in linkPreview/HttpUrlPreviews.ts (tests allow loopback and inject a resolver). */
  linkPreview?: Partial<LinkPreviewLimits>;
  /** `SMTP_URL`: mail visitors agents' replies and transcripts; unset = the server sends no e-mail. */
  smtp?: { url: string; from: string };
  /**
   * Test hook, never set from the environment: events for which `dropPublish` returns true are not
   * published, as if this node died between a unit's commit and its publish (recovery tests).
   */
  fanOutTestHook?: { dropPublish(event: DomainEvent): boolean };
}

export interface RedisConfig {
  url: string;
  /** Prepended to every Redis key and channel (REDIS_PREFIX); deployments sharing one Redis differ by it. */
  prefix: string;
  /** A node's presence outlives its last heartbeat by this long (then its agents count as gone). */
  presenceTtlMs: number;
  presenceHeartbeatMs: number;
  /** How often each node looks for due cluster-wide jobs. */
  jobPollMs: number;
  /** A job claimed by a node that died mid-run becomes due again after this long. */
  jobLeaseMs: number;
  jobRetryMs: number;
}

export const REDIS_DEFAULTS: Omit<RedisConfig, 'url' | 'prefix'> = {
  presenceTtlMs: 10_000, presenceHeartbeatMs: 2_000, jobPollMs: 250, jobLeaseMs: 30_000, jobRetryMs: 5_000,
};

function redisConfig(env: NodeJS.ProcessEnv): RedisConfig | undefined {
  const url = env.REDIS_URL;
  if (!url) return undefined;
  if (!/^rediss?:\/\/[^/]/.test(url)) throw new Error(`REDIS_URL must be a redis:// or rediss:// URL, got ${JSON.stringify(url)}`);
  const presenceTtlMs = int('PRESENCE_TTL_MS', env.PRESENCE_TTL_MS, REDIS_DEFAULTS.presenceTtlMs);
  const presenceHeartbeatMs = int('PRESENCE_HEARTBEAT_MS', env.PRESENCE_HEARTBEAT_MS, REDIS_DEFAULTS.presenceHeartbeatMs);
  if (presenceHeartbeatMs <= 0 || presenceHeartbeatMs * 2 > presenceTtlMs) throw new Error('PRESENCE_HEARTBEAT_MS must be positive and at most half of PRESENCE_TTL_MS');
  return { url, prefix: env.REDIS_PREFIX || 'switchboard:', ...REDIS_DEFAULTS, presenceTtlMs, presenceHeartbeatMs };
}

function int(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new Error(`${name} must be a non-negative integer, got ${JSON.stringify(value)}`);
  return n;
}

/** `IDLE_HEAP_RELEASE_SECONDS`: 0 (off) or at least MIN_IDLE_SECONDS; default 8. */
function idleHeapRelease(value: string | undefined): number {
  const seconds = int('IDLE_HEAP_RELEASE_SECONDS', value, 8);
  if (seconds !== 0 && seconds < MIN_IDLE_SECONDS) throw new Error(`IDLE_HEAP_RELEASE_SECONDS must be 0 (off) or at least ${MIN_IDLE_SECONDS}, got ${seconds}`);
  return seconds;
}

/** `METRICS_LOOP_RESOLUTION_MS`: how often the event-loop delay is sampled, 1–1000 ms (prom-client's default 10). */
function loopResolution(value: string | undefined): number {
  const ms = int('METRICS_LOOP_RESOLUTION_MS', value, 10);
  if (ms < 1 || ms > 1000) throw new Error(`METRICS_LOOP_RESOLUTION_MS must be between 1 and 1000, got ${ms}`);
  return ms;
}

/** `PUBLIC_URL`: an http(s) origin (no path, query or credentials); a trailing slash is dropped. */
function publicUrl(value: string | undefined): string | undefined {
  if (!value) return undefined;
  let parsed: URL;
  try {
    parsed = new URL(value);
  } catch {
    throw new Error(`PUBLIC_URL must be an absolute http(s) URL, got ${JSON.stringify(value)}`);
  }
  if ((parsed.protocol !== 'http:' && parsed.protocol !== 'https:') || parsed.username || parsed.password || parsed.search || parsed.hash || parsed.pathname !== '/') {
    throw new Error(`PUBLIC_URL must be an http(s) origin such as https://chat.example.com (no path), got ${JSON.stringify(value)}`);
  }
  return parsed.origin;
}

/**
 * `TRUST_PROXY`: unset = trust no proxy; `true` = every hop (only when nothing else can reach
 * the port); else the proxies' addresses/CIDRs, comma-separated (`127.0.0.1,10.0.0.0/8`, `loopback`).
 */
function trustProxy(value: string | undefined): boolean | string {
  if (!value || value === 'false' || value === '0') return false;
  if (value === 'true' || value === '1') return true;
  return value;
}

/** `SMTP_URL` (smtp:// or smtps://, credentials in the URL) and `SMTP_FROM` (default `Switchboard <switchboard@localhost>`). */
function smtp(url: string | undefined, from: string | undefined): Config['smtp'] {
  if (!url) return undefined;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new Error('SMTP_URL must be a URL such as smtp://user:password@mail.example.com:587');
  }
  if (parsed.protocol !== 'smtp:' && parsed.protocol !== 'smtps:') throw new Error(`SMTP_URL must start with smtp:// or smtps://, got ${parsed.protocol}//`);
  return { url, from: from || 'Switchboard <switchboard@localhost>' };
}

/**
 * The folder holding dist/ and public/: two levels above this code both when it runs from source
 * (src/server/config.ts) and when it runs built (dist/server/*.js, chunks included), so the static
 * sites are found wherever the server is started from. DATA_DIR stays relative to the working folder.
 */
// A string, not a URL object: under jsdom (console tests that start a real server) `URL` is jsdom's, which Node's fileURLToPath refuses.
const installRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** Environment → validated Config; throws on anything it does not understand. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const databaseUrl = env.DATABASE_URL || undefined;
  if (databaseUrl && !/^postgres(ql)?:\/\//.test(databaseUrl)) throw new Error('DATABASE_URL must be a postgres:// or postgresql:// URL');
  const redis = redisConfig(env);
  const sync = env.SQLITE_SYNCHRONOUS ?? 'full';
  const metricsSwitch = env.METRICS ?? '';
  if (!['', 'on', 'off'].includes(metricsSwitch)) throw new Error('METRICS must be on or off');
  if (sync !== 'full' && sync !== 'normal') throw new Error('SQLITE_SYNCHRONOUS must be full or normal');
  return {
    host: env.HOST || '127.0.0.1',
    port: int('PORT', env.PORT, 8080),
    dataDir: resolve(env.DATA_DIR || './data'),
    storage: databaseUrl ? 'postgres' : 'sqlite',
    ...(databaseUrl ? { databaseUrl } : {}),
    sqliteSynchronous: sync,
    ...(redis ? { fanOut: 'redis' as const, redis } : { fanOut: 'memory' as const }),
    ...(env.OWNER_EMAIL ? { ownerEmail: env.OWNER_EMAIL } : {}),
    ...(env.OWNER_TOKEN ? { ownerToken: env.OWNER_TOKEN } : {}),
    customerTokenTtlSeconds: int('CUSTOMER_TOKEN_TTL', env.CUSTOMER_TOKEN_TTL, 28_800),
    // RTM_RATE_PER_SECOND / RTM_RATE_BURST: per-connection request limit (the load bench raises it).
    rtm: {
      ...DEFAULT_RTM_LIMITS,
      requestsPerSecond: int('RTM_RATE_PER_SECOND', env.RTM_RATE_PER_SECOND, DEFAULT_RTM_LIMITS.requestsPerSecond),
      requestBurst: int('RTM_RATE_BURST', env.RTM_RATE_BURST, DEFAULT_RTM_LIMITS.requestBurst),
      socketsPerCustomer: int('RTM_SOCKETS_PER_CUSTOMER', env.RTM_SOCKETS_PER_CUSTOMER, DEFAULT_RTM_LIMITS.socketsPerCustomer),
      socketsPerAddress: int('RTM_SOCKETS_PER_ADDRESS', env.RTM_SOCKETS_PER_ADDRESS, DEFAULT_RTM_LIMITS.socketsPerAddress),
    },
    agentOfflineGraceMs: int('AGENT_OFFLINE_GRACE_MS', env.AGENT_OFFLINE_GRACE_MS, 15_000),
    agentAutoAwayMs: int('AGENT_AUTO_AWAY_SECONDS', env.AGENT_AUTO_AWAY_SECONDS, 0) * 1000,
    webRequestsPerSecond: int('WEB_RATE_PER_SECOND', env.WEB_RATE_PER_SECOND, 50),
    webRequestBurst: int('WEB_RATE_BURST', env.WEB_RATE_BURST, 200),
    tokenRequestsPerSecond: int('TOKEN_RATE_PER_SECOND', env.TOKEN_RATE_PER_SECOND, 10),
    ...(env.PUBLIC_URL ? { publicUrl: publicUrl(env.PUBLIC_URL) } : {}),
    trustProxy: trustProxy(env.TRUST_PROXY),
    secureCookies: env.SECURE_COOKIES === '1',
    distDir: env.DIST_DIR ? resolve(env.DIST_DIR) : resolve(installRoot, 'dist'),
    publicDir: resolve(installRoot, 'public'),
    logLevel: env.LOG_LEVEL || 'warn',
    metrics: {
      enabled: metricsSwitch === 'on' || !!env.METRICS_TOKEN, ...(env.METRICS_TOKEN ? { token: env.METRICS_TOKEN } : {}),
      eventLoopResolutionMs: loopResolution(env.METRICS_LOOP_RESOLUTION_MS),
    },
    drainTimeoutMs: int('DRAIN_TIMEOUT_MS', env.DRAIN_TIMEOUT_MS, 10_000),
    idleHeapReleaseSeconds: idleHeapRelease(env.IDLE_HEAP_RELEASE_SECONDS),
    ...(env.SMTP_URL ? { smtp: smtp(env.SMTP_URL, env.SMTP_FROM) } : {}),
    webhookSweepMs: 5_000,
  };
}
