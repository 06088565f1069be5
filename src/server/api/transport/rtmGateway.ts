import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import { CLOSE_CODES, type PushFrame, type SuccessResponseFrame } from '../../../protocol/frames.js';
import { CURRENT_VERSION, isSupportedVersion } from '../../../protocol/version.js';
import { DomainError } from '../../domain/errors.js';
import { dispatch, type ActionContext, type ActionTable } from './actionRouter.js';
import type { ConnectionIdentity, ConnectionRegistry, PushTarget } from './connections.js';
import { asDomainError, rtmErrorFrame, type ErrorLogger } from './errorReply.js';
import { TokenBucket } from './rateLimiter.js';

export interface RtmLimits {
  maxFrameBytes: number;
  requestsPerSecond: number;
  requestBurst: number;
  maxPendingRequests: number;
  requestTimeoutMs: number;
  loginTimeoutMs: number;
  /** Server WebSocket ping period; a connection silent for two periods is closed. */
  heartbeatMs: number;
}

export const DEFAULT_RTM_LIMITS: RtmLimits = {
  maxFrameBytes: 256 * 1024,
  requestsPerSecond: 20,
  requestBurst: 60,
  maxPendingRequests: 10,
  requestTimeoutMs: 15_000,
  loginTimeoutMs: 30_000,
  heartbeatMs: 15_000,
};

export interface LoginResult<S> {
  session: S;
  identity: ConnectionIdentity;
  response: unknown;
  /** Microseconds; the connection is closed with `access_token_expired` then. */
  expiresAt?: number;
}

/** One API surface over RTM (customer or agent). */
export interface RtmSurface<S> {
  kind: 'customer' | 'agent';
  table: ActionTable<S>;
  login(payload: unknown, info: { query: URLSearchParams; headers: IncomingMessage['headers']; connectionId: string; ip: string }): Promise<LoginResult<S>>;
  /** Runs before every action (ban and token checks). */
  recheck?(session: S): Promise<void>;
  /** After a logged-in connection closed; `remaining` = the user's other connections on this node. */
  onClosed?(session: S, remaining: number): void;
}

type State = 'awaiting_login' | 'logging_in' | 'logged_in' | 'closed';

/** One WebSocket: login state machine, limits, request dispatch and push delivery. */
class RtmConnection<S> implements PushTarget {
  readonly id = randomUUID();
  identity?: ConnectionIdentity;
  #state: State = 'awaiting_login';
  #session?: S;
  #pending = 0;
  #lastSeen = Date.now();
  #pushFilter: Set<string> | null = null;
  #pushVersion = CURRENT_VERSION as string;
  readonly #bucket: TokenBucket;
  readonly #timers = new Set<NodeJS.Timeout>();

  constructor(
    private readonly ws: WebSocket,
    private readonly surface: RtmSurface<S>,
    private readonly registry: ConnectionRegistry,
    private readonly limits: RtmLimits,
    private readonly info: { query: URLSearchParams; headers: IncomingMessage['headers']; ip: string; baseUrl: string },
    private readonly log: ErrorLogger,
  ) {
    this.#bucket = new TokenBucket(limits.requestsPerSecond, limits.requestBurst);
    this.#timer(() => {
      if (this.#state !== 'logged_in') this.disconnect('connection_timeout');
    }, limits.loginTimeoutMs);
    ws.on('message', (data, isBinary) => this.#onMessage(data, isBinary));
    ws.on('pong', () => { this.#lastSeen = Date.now(); });
    ws.on('close', () => this.#onClose());
    ws.on('error', () => ws.terminate());
  }

  /** Called by the gateway's heartbeat: ping, or close when silent too long. */
  heartbeat(now: number): void {
    if (this.#state === 'closed') return;
    if (now - this.#lastSeen > this.limits.heartbeatMs * 2) {
      this.disconnect('connection_timeout');
      return;
    }
    this.ws.ping();
  }

  push(name: string, payload: unknown, requestId?: string): void {
    if (this.#state !== 'logged_in') return;
    if (this.#pushFilter && !this.#pushFilter.has(name)) return;
    const frame: PushFrame = { version: this.#pushVersion, action: name, type: 'push', payload, ...(requestId !== undefined ? { request_id: requestId } : {}) };
    this.#send(frame);
  }

  disconnect(reason: string, data?: Record<string, unknown>): void {
    if (this.#state === 'closed') return;
    const name = this.surface.kind === 'customer' ? 'customer_disconnected' : 'agent_disconnected';
    this.#send({ version: this.#pushVersion, action: name, type: 'push', payload: { reason, ...(data ? { data } : {}) } } satisfies PushFrame);
    this.ws.close(CLOSE_CODES.disconnected, reason.slice(0, 120));
    this.#onClose();
  }

  close(code: number, reason: string): void {
    this.ws.close(code, reason);
    this.#onClose();
  }

  #send(frame: unknown): void {
    if (this.ws.readyState === this.ws.OPEN) this.ws.send(JSON.stringify(frame));
  }

  #timer(fn: () => void, ms: number): void {
    const t = setTimeout(() => { this.#timers.delete(t); fn(); }, ms);
    t.unref();
    this.#timers.add(t);
  }

  async #onMessage(data: RawData, isBinary: boolean): Promise<void> {
    this.#lastSeen = Date.now();
    if (this.#state === 'closed') return;
    if (isBinary) {
      this.close(CLOSE_CODES.unparsableFrame, 'binary frames are not supported');
      return;
    }
    let frame: { action?: unknown; payload?: unknown; request_id?: unknown; version?: unknown; author_id?: unknown };
    try {
      frame = JSON.parse(data.toString('utf8'));
    } catch {
      this.#send(rtmErrorFrame('unknown', new DomainError('validation', 'Frame is not valid JSON')));
      return;
    }
    if (typeof frame !== 'object' || frame === null || Array.isArray(frame)) {
      this.#send(rtmErrorFrame('unknown', new DomainError('validation', 'Frame must be a JSON object')));
      return;
    }
    const requestId = typeof frame.request_id === 'string' || typeof frame.request_id === 'number' ? String(frame.request_id) : undefined;
    const actionName = typeof frame.action === 'string' ? frame.action : '';
    const reply = (err: DomainError) => this.#send(rtmErrorFrame(actionName || 'unknown', err, requestId));
    if (!actionName) return reply(new DomainError('validation', 'action is required'));
    if (frame.version !== undefined && !(typeof frame.version === 'string' && isSupportedVersion(frame.version))) {
      return reply(new DomainError('unsupported_version', `Unsupported version ${JSON.stringify(frame.version)}`));
    }
    if (frame.payload !== undefined && (typeof frame.payload !== 'object' || frame.payload === null || Array.isArray(frame.payload))) {
      return reply(new DomainError('validation', 'payload must be an object'));
    }
    if (!this.#bucket.take()) return reply(new DomainError('too_many_requests', 'Too many requests; slow down'));
    if (this.#pending >= this.limits.maxPendingRequests) return reply(new DomainError('pending_requests_limit_reached'));

    if (actionName === 'ping') return this.#respond(actionName, requestId, {});
    if (actionName === 'login') return this.#login(frame.payload ?? {}, requestId);
    if (this.#state !== 'logged_in') return reply(new DomainError('authentication', 'Log in first: the first action must be login'));

    this.#pending += 1;
    let timedOut = false;
    const timeout = setTimeout(() => { timedOut = true; reply(new DomainError('request_timeout')); }, this.limits.requestTimeoutMs);
    try {
      const session = this.#session as S;
      if (this.surface.recheck) await this.surface.recheck(session);
      const authorId = typeof frame.author_id === 'string' ? frame.author_id
        : typeof (frame.payload as { author_id?: unknown } | undefined)?.author_id === 'string' ? (frame.payload as { author_id: string }).author_id : undefined;
      const ctx: ActionContext = { transport: 'rtm', origin: { connectionId: this.id, ...(requestId !== undefined ? { requestId } : {}) }, baseUrl: this.info.baseUrl, ...(authorId ? { authorId } : {}) };
      const payload = frame.payload && authorId && 'author_id' in (frame.payload as object) ? omit(frame.payload as Record<string, unknown>, 'author_id') : frame.payload;
      const result = await dispatch(this.surface.table, actionName, session, payload, ctx);
      if (!timedOut) this.#respond(actionName, requestId, result ?? {});
    } catch (err) {
      if (!timedOut) reply(asDomainError(err, this.log));
    } finally {
      clearTimeout(timeout);
      this.#pending -= 1;
    }
  }

  async #login(payload: unknown, requestId?: string): Promise<void> {
    if (this.#state === 'logged_in' || this.#state === 'logging_in') {
      this.#send(rtmErrorFrame('login', new DomainError('validation', 'Already logged in'), requestId));
      return;
    }
    this.#state = 'logging_in';
    try {
      const result = await this.surface.login(payload, { query: this.info.query, headers: this.info.headers, connectionId: this.id, ip: this.info.ip });
      if ((this.#state as State) === 'closed') {
        // Closed while logging in: the surface counted the session, so it hears of its end too.
        this.surface.onClosed?.(result.session, this.registry.connectionsOf(result.identity.userId).length);
        return;
      }
      this.#session = result.session;
      this.identity = result.identity;
      this.#pushFilter = pushFilter((payload as { pushes?: unknown }).pushes);
      const versions = (payload as { pushes?: Record<string, unknown> }).pushes;
      const v = versions && typeof versions === 'object' ? Object.keys(versions)[0] : undefined;
      if (v && isSupportedVersion(v)) this.#pushVersion = v;
      this.#state = 'logged_in';
      this.registry.add(this);
      if (result.expiresAt !== undefined) {
        this.#timer(() => this.disconnect('access_token_expired'), Math.max(0, Math.min(2 ** 31 - 1, (result.expiresAt - Date.now() * 1000) / 1000)));
      }
      this.#respond('login', requestId, result.response);
    } catch (err) {
      if ((this.#state as State) === 'closed') return;
      this.#state = 'awaiting_login';
      this.#send(rtmErrorFrame('login', asDomainError(err, this.log), requestId));
    }
  }

  #respond(action: string, requestId: string | undefined, payload: unknown): void {
    const frame: SuccessResponseFrame = { ...(requestId !== undefined ? { request_id: requestId } : {}), action, type: 'response', success: true, payload };
    this.#send(frame);
  }

  #onClose(): void {
    if (this.#state === 'closed') return;
    const wasLoggedIn = this.#state === 'logged_in';
    this.#state = 'closed';
    for (const t of this.#timers) clearTimeout(t);
    this.#timers.clear();
    if (wasLoggedIn) {
      this.registry.remove(this);
      const remaining = this.registry.connectionsOf(this.identity!.userId).length;
      this.surface.onClosed?.(this.#session as S, remaining);
    }
  }
}

function omit(o: Record<string, unknown>, key: string): Record<string, unknown> {
  const { [key]: _drop, ...rest } = o;
  return rest;
}

function pushFilter(pushes: unknown): Set<string> | null {
  if (!pushes || typeof pushes !== 'object') return null;
  const names = Object.values(pushes as Record<string, unknown>).flatMap((v) => (Array.isArray(v) ? v : []));
  if (names.length === 0 || names.includes('all')) return null;
  return new Set([...names.map(String), 'customer_disconnected', 'agent_disconnected']);
}

/**
 * WebSocket endpoints of the RTM APIs. Upgrades are checked (path, version, organization id for
 * customers) before a socket exists; frames above `maxFrameBytes` close the socket with 1009.
 */
export class RtmGateway {
  readonly #wss: WebSocketServer;
  readonly #connections = new Set<RtmConnection<unknown>>();
  readonly #heartbeat: NodeJS.Timeout;

  constructor(
    private readonly surfaces: { customer?: RtmSurface<never>; agent?: RtmSurface<never> },
    private readonly registry: ConnectionRegistry,
    private readonly limits: RtmLimits,
    private readonly log: ErrorLogger,
  ) {
    this.#wss = new WebSocketServer({ noServer: true, maxPayload: limits.maxFrameBytes, perMessageDeflate: false });
    this.#heartbeat = setInterval(() => {
      const now = Date.now();
      for (const c of this.#connections) c.heartbeat(now);
    }, limits.heartbeatMs);
    this.#heartbeat.unref();
  }

  get connectionCount(): number {
    return this.#connections.size;
  }

  /** Returns false when the request is not for an RTM path (someone else may take it). */
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): boolean {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const m = /^\/v(\d+\.\d+)\/(customer|agent)\/rtm\/ws\/?$/.exec(url.pathname);
    if (!m) return false;
    const refuse = (status: number, message: string) => {
      socket.end(`HTTP/1.1 ${status} ${message}\r\nConnection: close\r\nContent-Type: application/json\r\n\r\n${JSON.stringify({ error: { type: status === 400 ? 'validation' : 'not_found', message } })}`);
      return true;
    };
    if (!isSupportedVersion(m[1]!)) return refuse(400, 'Unsupported API version');
    const surface = this.surfaces[m[2] as 'customer' | 'agent'] as RtmSurface<unknown> | undefined;
    if (!surface) return refuse(404, 'Not found');
    if (surface.kind === 'customer' && !url.searchParams.get('organization_id') && !url.searchParams.get('license_id')) {
      return refuse(400, 'organization_id is required');
    }
    const host = req.headers['x-forwarded-host'] ?? req.headers.host ?? 'localhost';
    const proto = req.headers['x-forwarded-proto'] === 'https' ? 'https' : 'http';
    this.#wss.handleUpgrade(req, socket, head, (ws) => {
      const conn = new RtmConnection(ws, surface, this.registry, this.limits, {
        query: url.searchParams, headers: req.headers, ip: req.socket.remoteAddress ?? '', baseUrl: `${proto}://${host}`,
      }, this.log);
      this.#connections.add(conn);
      ws.on('close', () => this.#connections.delete(conn));
    });
    return true;
  }

  /** Closes every socket (going away) and stops the heartbeat. */
  async close(): Promise<void> {
    clearInterval(this.#heartbeat);
    for (const c of this.#connections) c.close(CLOSE_CODES.goingAway, 'server shutting down');
    this.#connections.clear();
    await new Promise<void>((resolve) => this.#wss.close(() => resolve()));
  }
}
