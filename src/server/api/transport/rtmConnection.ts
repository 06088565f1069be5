import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { RawData, WebSocket } from 'ws';
import { CLOSE_CODES, type PushFrame, type SuccessResponseFrame } from '../../../protocol/frames.js';
import { CURRENT_VERSION, isSupportedVersion } from '../../../protocol/version.js';
import { DomainError } from '../../domain/errors.js';
import { dispatch, type ActionContext } from './actionRouter.js';
import { readJson } from './boundedJson.js';
import type { ConnectionIdentity, ConnectionRegistry, PushTarget } from './connections.js';
import { asDomainError, rtmErrorFrame, type ErrorLogger } from './errorReply.js';
import { TokenBucket } from './rateLimiter.js';
import type { RtmLimits, RtmSurface } from './rtmGateway.js';

type State = 'awaiting_login' | 'logging_in' | 'logged_in' | 'closed';

/** One WebSocket: login state machine, limits, request dispatch and push delivery. */
export class RtmConnection<S> implements PushTarget {
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
    private readonly info: { query: URLSearchParams; headers: IncomingMessage['headers']; ip: string },
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

  /** Never rejects: whatever a frame makes throw is answered with `internal` under its request_id. */
  async #onMessage(data: RawData, isBinary: boolean): Promise<void> {
    let addressed: { action: string; requestId?: string } = { action: 'unknown' };
    try {
      const frame = this.#read(data, isBinary);
      if (!frame) return;
      addressed = addressOf(frame);
      await this.#handle(frame, addressed);
    } catch (err) {
      try {
        this.#send(rtmErrorFrame(addressed.action, asDomainError(err, this.log), addressed.requestId));
      } catch {
        this.ws.terminate();
      }
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
    const { value, error } = readJson(rawText(data), { maxDepth: this.limits.maxJsonDepth, maxChars: this.limits.maxFrameBytes }, 'Frame');
    const frame = value as Frame;
    const isObject = typeof frame === 'object' && frame !== null && !Array.isArray(frame);
    const { action, requestId } = isObject ? addressOf(frame) : { action: 'unknown', requestId: undefined };
    const refusal = error ?? (isObject ? undefined : new DomainError('validation', 'Frame must be a JSON object'));
    if (refusal) {
      this.#send(rtmErrorFrame(action, refusal, requestId));
      return undefined;
    }
    return frame;
  }

  async #handle(frame: Frame, { action: addressedAs, requestId }: { action: string; requestId?: string }): Promise<void> {
    const actionName = typeof frame.action === 'string' ? frame.action : '';
    const reply = (err: DomainError) => this.#send(rtmErrorFrame(addressedAs, err, requestId));
    if (!actionName) return reply(new DomainError('validation', 'action is required'));
    if (frame.version !== undefined && !(typeof frame.version === 'string' && isSupportedVersion(frame.version))) {
      return reply(new DomainError('unsupported_version', `Unsupported version ${typeof frame.version === 'string' ? JSON.stringify(frame.version.slice(0, 20)) : `of type ${typeof frame.version}`}`));
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
      const ctx: ActionContext = { transport: 'rtm', origin: { connectionId: this.id, ...(requestId !== undefined ? { requestId } : {}) }, ...(authorId ? { authorId } : {}) };
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
      if ((this.#state as State) === 'closed') return;
      if (result.identity.kind === 'customer' && this.registry.connectionsOf(result.identity.userId).length >= this.limits.socketsPerCustomer) {
        this.disconnect('too_many_connections', { limit: this.limits.socketsPerCustomer });
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

type Frame = { action?: unknown; payload?: unknown; request_id?: unknown; version?: unknown; author_id?: unknown };

/** Where the answer to a frame goes: its action name and request_id, when they are usable. */
function addressOf(frame: Frame): { action: string; requestId?: string } {
  const id = frame.request_id;
  const requestId = typeof id === 'string' || (typeof id === 'number' && Number.isFinite(id)) ? String(id) : undefined;
  const action = typeof frame.action === 'string' && frame.action ? frame.action.slice(0, 100) : 'unknown';
  return requestId === undefined ? { action } : { action, requestId };
}

/** ws hands a text frame over as a Buffer (or fragments); invalid UTF-8 is already refused by ws (1007). */
function rawText(data: RawData): string {
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8');
  return Buffer.from(data as Buffer).toString('utf8');
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

