import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import type { FastifyBaseLogger } from 'fastify';
import type { RawData, WebSocket } from 'ws';
import { CLOSE_CODES, type PushFrame } from '../../../protocol/frames.js';
import { CURRENT_VERSION, isSupportedVersion } from '../../../protocol/version.js';
import { DomainError } from '../../domain/errors.js';
import { dispatch, type ActionContext } from './actionRouter.js';
import { readJson } from './boundedJson.js';
import type { ConnectionIdentity, ConnectionRegistry, PushTarget } from './connections.js';
import { asDomainError, rtmErrorFrame } from './errorReply.js';
import { objectFrame, pushFrame, responseFrame, sharedPushFrame } from './frameBytes.js';
import { FrameWriter } from './frameWriter.js';
import { addressOf, frameJsonLimits, rawText, UNADDRESSED, type Addressed, type Frame } from './inboundFrame.js';
import { actionLabel, type TransportObserver } from './observer.js';
import { TokenBucket } from './rateLimiter.js';
import type { RtmLimits, RtmSurface } from './rtmGateway.js';

type State = 'awaiting_login' | 'logging_in' | 'logged_in' | 'closed';

/** The reason pushed to clients of a draining node (documented "reconnect" reason of the platform). */
export const DRAIN_REASON = 'service_temporarily_unavailable';

/** One WebSocket: login state machine, limits, request dispatch and push delivery. */
export class RtmConnection<S> implements PushTarget {
  readonly id = randomUUID();
  identity?: ConnectionIdentity;
  deliveryMark = 0;
  #state: State = 'awaiting_login';
  #session?: S;
  #pending = 0;
  #lastSeen = Date.now();
  #checkingCredentials = false;
  #pushFilter: Set<string> | null = null;
  #pushVersion = CURRENT_VERSION as string;
  /** Set while the node drains: resolves once no request of this connection is in flight. */
  #drained: (() => void) | undefined;
  readonly #openedAt = Date.now();
  readonly #bucket: TokenBucket;
  #loginTimer: NodeJS.Timeout | undefined;
  /**
   * When the login's credentials expire (microseconds). Checked by the gateway's credential sweep,
   * not by a timer per connection (#16: bytes per idle connection): a connection outlives its
   * token by at most `credentialCheckMs`.
   */
  #expiresAt: number | undefined;
  #log: FastifyBaseLogger | undefined;
  /** What the login needs of the upgrade request; dropped once logged in (#16: idle bytes per socket). */
  #info: { query: URLSearchParams; headers: IncomingMessage['headers']; ip: string } | undefined;
  readonly #out: FrameWriter;

  constructor(
    private readonly ws: WebSocket,
    /** The upgraded TCP socket under `ws` (corked per turn by the FrameWriter). */
    socket: Pick<Duplex, 'cork' | 'uncork' | 'write'>,
    private readonly surface: RtmSurface<S>,
    private readonly registry: ConnectionRegistry,
    private readonly limits: RtmLimits,
    info: { query: URLSearchParams; headers: IncomingMessage['headers']; ip: string },
    private readonly parentLog: FastifyBaseLogger,
    private readonly observer: TransportObserver,
    /** Once the WebSocket has closed (the gateway's bookkeeping). */
    onSocketClosed: () => void = () => undefined,
  ) {
    this.#info = info;
    this.#out = new FrameWriter(ws, socket);
    this.#logInfo({ ip: info.ip }, 'rtm connection opened');
    this.#bucket = new TokenBucket(limits.requestsPerSecond, limits.requestBurst);
    this.#loginTimer = setTimeout(() => {
      this.#loginTimer = undefined;
      if (this.#state !== 'logged_in') this.disconnect('connection_timeout');
    }, limits.loginTimeoutMs);
    this.#loginTimer.unref();
    ws.on('message', (data, isBinary) => this.#onMessage(data, isBinary));
    ws.on('pong', () => { this.#lastSeen = Date.now(); });
    ws.on('close', (code, reason) => {
      this.#logInfo({ code, reason: reason.toString('utf8'), duration_ms: Date.now() - this.#openedAt, logged_in: this.identity !== undefined }, 'rtm connection closed');
      this.#onClose();
      onSocketClosed();
    });
    ws.on('error', () => { this.#out.flush(); ws.terminate(); });
  }

  /** Info lines are off by default (LOG_LEVEL warn): then no child logger is made for them. */
  #logInfo(obj: object, msg: string): void {
    const enabled = (this.parentLog as { isLevelEnabled?: (level: string) => boolean }).isLevelEnabled?.('info') ?? true;
    if (enabled) this.log.info(obj, msg);
  }

  /** This connection's logger, made on first use (most connections never log). */
  get log(): FastifyBaseLogger {
    return this.#log ??= this.parentLog.child({ connection_id: this.id, surface: this.surface.kind });
  }

  /**
   * Stops taking requests, waits for the ones in flight to be answered (their commits done), then
   * tells the client to reconnect elsewhere and closes with 1012.
   */
  async drain(): Promise<void> {
    if (this.#state === 'closed') return;
    if (this.#pending > 0) await new Promise<void>((resolve) => { this.#drained = resolve; });
    this.disconnect(DRAIN_REASON, undefined, CLOSE_CODES.serviceRestart);
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

  /** Called by the gateway's credential sweep: closes the connection when its credentials expired or were revoked elsewhere. */
  checkCredentials(now: number = Date.now()): void {
    if (this.#state !== 'logged_in') return;
    if (this.#expiresAt !== undefined && this.#expiresAt <= now * 1000) {
      this.disconnect('access_token_expired');
      return;
    }
    if (!this.surface.revoked || this.#checkingCredentials) return;
    this.#checkingCredentials = true;
    void this.#revalidate(this.surface.revoked).finally(() => { this.#checkingCredentials = false; });
  }

  async #revalidate(revoked: (session: S) => Promise<string | undefined>): Promise<void> {
    const reason = await revoked(this.#session as S).catch(() => undefined);
    if (reason) this.disconnect(reason);
  }

  push(name: string, payload: unknown, requestId?: string, payloadJson?: string): void {
    if (this.#state !== 'logged_in') return;
    if (this.#pushFilter && !this.#pushFilter.has(name)) return;
    const json = payloadJson ?? (JSON.stringify(payload) as string | undefined);
    const sent = json === undefined
      ? this.#send({ version: this.#pushVersion, action: name, type: 'push', payload, ...(requestId !== undefined ? { request_id: requestId } : {}) } satisfies PushFrame)
      : this.#out.send(requestId === undefined ? sharedPushFrame(this.#pushVersion, name, json) : pushFrame(this.#pushVersion, name, json, requestId));
    if (sent) this.observer.pushed(name);
  }

  disconnect(reason: string, data?: Record<string, unknown>, code: number = CLOSE_CODES.disconnected): void {
    if (this.#state === 'closed') return;
    const name = this.surface.kind === 'customer' ? 'customer_disconnected' : 'agent_disconnected';
    if (this.#send({ version: this.#pushVersion, action: name, type: 'push', payload: { reason, ...(data ? { data } : {}) } } satisfies PushFrame)) this.observer.pushed(name);
    this.ws.close(code, reason.slice(0, 120));
    this.#onClose();
  }

  close(code: number, reason: string): void {
    this.ws.close(code, reason);
    this.#onClose();
  }

  #send(frame: unknown): boolean {
    return this.#out.open && this.#out.send(objectFrame(frame));
  }

  /**
   * Never throws nor rejects: whatever a frame makes throw is answered with `internal` under its
   * request_id. NOTE: a request runs in one async function that never rejects (#request), rather
   * than in one whose rejection is caught with a closure per frame (#16, allocation per send_event).
   */
  #onMessage(data: RawData, isBinary: boolean): void {
    const started = performance.now();
    let addressed = UNADDRESSED;
    try {
      const frame = this.#read(data, isBinary);
      if (!frame) return;
      addressed = addressOf(frame);
      this.#handle(frame, addressed, started);
    } catch (err) {
      this.#answerThrown(err, addressed);
    }
  }

  #answerThrown(err: unknown, addressed: Addressed): void {
    try {
      this.#send(rtmErrorFrame(addressed.action, asDomainError(err, this.log), addressed.requestId));
    } catch {
      this.#out.flush();
      this.ws.terminate();
    }
  }

  /** The frame as an object, or undefined when it was refused (and answered) here. */
  #read(data: RawData, isBinary: boolean): Frame | undefined {
    this.#lastSeen = Date.now();
    if (this.#state === 'closed') return undefined;
    if (isBinary) {
      this.close(CLOSE_CODES.unparsableFrame, 'binary frames are not supported');
      return undefined;
    }
    const { value, error } = readJson(rawText(data), frameJsonLimits(this.limits), 'Frame');
    const frame = value as Frame;
    const isObject = typeof frame === 'object' && frame !== null && !Array.isArray(frame);
    const refusal = error ?? (isObject ? undefined : new DomainError('validation', 'Frame must be a JSON object'));
    if (refusal) {
      const { action, requestId } = isObject ? addressOf(frame) : UNADDRESSED;
      this.#send(rtmErrorFrame(action, refusal, requestId));
      return undefined;
    }
    return frame;
  }

  /** The request's outcome as metrics see it. */
  #observe(action: string, outcome: string, started: number): void {
    this.observer.request({ surface: this.surface.kind, transport: 'rtm', action, outcome, durationMs: performance.now() - started });
  }

  /** Answers a request with `err` (`action`: its metric label). */
  #refuse(err: DomainError, addressed: Addressed, action: string, started: number): void {
    this.#logInfo({ request_id: addressed.requestId, action, error_type: err.type }, 'rtm request refused');
    this.#observe(action, err.type, started);
    this.#send(rtmErrorFrame(addressed.action, err, addressed.requestId));
  }

  /** Checks a frame, then answers it here (refusals, ping) or starts its login or request. */
  #handle(frame: Frame, addressed: Addressed, started: number): void {
    const actionName = typeof frame.action === 'string' ? frame.action : '';
    const action = actionLabel(this.surface.table, actionName);
    const refusal = this.#refusal(frame, actionName);
    if (refusal) return this.#refuse(refusal, addressed, action, started);

    if (actionName === 'ping') {
      this.#observe(action, 'success', started);
      return this.#respond(actionName, addressed.requestId, {});
    }
    if (actionName === 'login') {
      this.#loginRequest(frame, addressed, started).catch((err: unknown) => this.#answerThrown(err, addressed));
      return;
    }
    if (this.#state !== 'logged_in') return this.#refuse(new DomainError('authentication', 'Log in first: the first action must be login'), addressed, action, started);
    // The sweep closes an expired connection within credentialCheckMs; nothing is done for it meanwhile.
    if (this.#expiresAt !== undefined && this.#expiresAt <= Date.now() * 1000) {
      this.#observe(action, 'access_token_expired', started);
      this.disconnect('access_token_expired');
      return;
    }
    void this.#request(frame, actionName, action, addressed, started);
  }

  /** Why a frame is refused before anything runs for it, if it is. */
  #refusal(frame: Frame, actionName: string): DomainError | undefined {
    if (!actionName) return new DomainError('validation', 'action is required');
    if (frame.version !== undefined && !(typeof frame.version === 'string' && isSupportedVersion(frame.version))) {
      return new DomainError('unsupported_version', `Unsupported version ${typeof frame.version === 'string' ? JSON.stringify(frame.version.slice(0, 20)) : `of type ${typeof frame.version}`}`);
    }
    if (frame.payload !== undefined && (typeof frame.payload !== 'object' || frame.payload === null || Array.isArray(frame.payload))) {
      return new DomainError('validation', 'payload must be an object');
    }
    if (!this.#bucket.take()) return new DomainError('too_many_requests', 'Too many requests; slow down');
    if (this.#pending >= this.limits.maxPendingRequests) return new DomainError('pending_requests_limit_reached');
    if (this.#drained) return new DomainError('service_unavailable', 'This server is restarting; reconnect');
    return undefined;
  }

  async #loginRequest(frame: Frame, addressed: Addressed, started: number): Promise<void> {
    this.#pending += 1;
    try {
      const error = await this.#login(frame.payload ?? {}, addressed.requestId);
      if (error) this.#logInfo({ request_id: addressed.requestId, action: 'login', error_type: error.type }, 'rtm request refused');
      this.#observe('login', error?.type ?? 'success', started);
    } finally {
      this.#settled();
    }
  }

  /** Runs one request of a logged-in connection and answers it. Never rejects: see #onMessage. */
  async #request(frame: Frame, actionName: string, action: string, addressed: Addressed, started: number): Promise<void> {
    const { requestId } = addressed;
    this.#pending += 1;
    let timedOut = false;
    const timeout = setTimeout(() => { timedOut = true; this.#refuse(new DomainError('request_timeout'), addressed, action, started); }, this.limits.requestTimeoutMs);
    try {
      const session = this.#session as S;
      if (this.surface.recheck) await this.surface.recheck(session);
      this.surface.onRequest?.(session, actionName);
      const authorId = typeof frame.author_id === 'string' ? frame.author_id
        : typeof (frame.payload as { author_id?: unknown } | undefined)?.author_id === 'string' ? (frame.payload as { author_id: string }).author_id : undefined;
      const origin = requestId !== undefined ? { connectionId: this.id, requestId } : { connectionId: this.id };
      const ctx: ActionContext = authorId ? { transport: 'rtm', origin, authorId } : { transport: 'rtm', origin };
      const payload = frame.payload && authorId && 'author_id' in (frame.payload as object) ? omit(frame.payload as Record<string, unknown>, 'author_id') : frame.payload;
      const result = await dispatch(this.surface.table, actionName, session, payload, ctx);
      if (!timedOut) {
        this.#observe(action, 'success', started);
        this.#respond(actionName, requestId, result ?? {});
      }
    } catch (err) {
      try {
        // An internal error's log line carries the request it broke, like the refusal line does.
        const error = asDomainError(err, { error: (obj, msg) => this.log.error({ ...(obj as object), request_id: requestId, action }, msg) });
        if (!timedOut) this.#refuse(error, addressed, action, started);
      } catch (unanswerable) {
        this.#answerThrown(unanswerable, addressed);
      }
    } finally {
      clearTimeout(timeout);
      this.#settled();
    }
  }

  #settled(): void {
    this.#pending -= 1;
    if (this.#pending === 0) this.#drained?.();
  }

  /** Returns the error the login was refused with, if it was. */
  async #login(payload: unknown, requestId?: string): Promise<{ type: string } | undefined> {
    if (this.#state === 'logged_in' || this.#state === 'logging_in') {
      const error = new DomainError('validation', 'Already logged in');
      this.#send(rtmErrorFrame('login', error, requestId));
      return error;
    }
    this.#state = 'logging_in';
    try {
      const info = this.#info!;
      const result = await this.surface.login(payload, { query: info.query, headers: info.headers, connectionId: this.id, ip: info.ip });
      if ((this.#state as State) === 'closed') {
        // Closed while logging in: the surface counted the session, so it hears of its end too.
        this.surface.onClosed?.(result.session, this.registry.connectionsOf(result.identity.userId).length);
        return undefined;
      }
      if (result.identity.kind === 'customer' && this.registry.connectionsOf(result.identity.userId).length >= this.limits.socketsPerCustomer) {
        // The surface counted this session too: it hears of its end (customer presence).
        this.surface.onClosed?.(result.session, this.registry.connectionsOf(result.identity.userId).length);
        this.disconnect('too_many_connections', { limit: this.limits.socketsPerCustomer });
        return { type: 'too_many_connections' };
      }
      this.#session = result.session;
      this.identity = result.identity;
      this.#pushFilter = pushFilter((payload as { pushes?: unknown }).pushes);
      const versions = (payload as { pushes?: Record<string, unknown> }).pushes;
      const v = versions && typeof versions === 'object' ? Object.keys(versions)[0] : undefined;
      if (v && isSupportedVersion(v)) this.#pushVersion = v;
      this.#state = 'logged_in';
      this.#info = undefined;
      this.#clearLoginTimer();
      this.registry.add(this);
      this.#expiresAt = result.expiresAt;
      this.#logInfo({ request_id: requestId, user_kind: result.identity.kind }, 'rtm login');
      this.#respond('login', requestId, result.response);
      for (const p of result.pushesAfterLogin ?? []) this.push(p.name, p.payload);
      return undefined;
    } catch (err) {
      if ((this.#state as State) === 'closed') return undefined;
      this.#state = 'awaiting_login';
      const error = asDomainError(err, this.log);
      this.#send(rtmErrorFrame('login', error, requestId));
      return error;
    }
  }

  #clearLoginTimer(): void {
    if (this.#loginTimer === undefined) return;
    clearTimeout(this.#loginTimer);
    this.#loginTimer = undefined;
  }

  /** Same bytes as `JSON.stringify` of the SuccessResponseFrame, built without the frame object (#16: one pass per response). */
  #respond(action: string, requestId: string | undefined, payload: unknown): void {
    this.#out.send(responseFrame(action, requestId, JSON.stringify(payload) as string | undefined));
  }

  #onClose(): void {
    if (this.#state === 'closed') return;
    const wasLoggedIn = this.#state === 'logged_in';
    this.#state = 'closed';
    this.#clearLoginTimer();
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
