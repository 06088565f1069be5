import type { CustomerActions, CustomerDisconnectReason, CustomerLoginRequest, CustomerLoginResponse, CustomerPushes } from '../protocol/customer.js';
import { CLOSE_CODES, type PushFrame, type ServerFrame } from '../protocol/frames.js';
import { CURRENT_VERSION } from '../protocol/version.js';
import { ReconnectManager, type ReconnectOptions } from './ReconnectManager.js';
import { RtmError } from './RtmError.js';
import { SOCKET_STATE, type SocketFactory, type SocketLike } from './socket.js';

/**
 * Named connection states. `disconnected` means the server told us not to come back on our own
 * (banned, logged out remotely, …); `closed` means `dispose()` was called.
 */
export const CONNECTION_STATES = ['idle', 'connecting', 'logging_in', 'connected', 'reconnecting', 'disconnected', 'closed'] as const;
export type ConnectionState = (typeof CONNECTION_STATES)[number];

/** The part of an identity provider the client needs: a bearer token, and a way to drop a stale one. */
export interface TokenSource {
  getAccessToken(): Promise<string>;
  invalidate(): void;
}

/**
 * The wire types of one API the client speaks. The customer flavour is the default everywhere, so
 * customer code never names it; the agent flavour lives in `agentFlavour.ts`.
 */
export interface RtmFlavour {
  actions: object;
  pushes: object;
  loginRequest: { token: string };
  loginResponse: unknown;
}

export interface CustomerFlavour {
  actions: CustomerActions;
  pushes: CustomerPushes;
  loginRequest: CustomerLoginRequest;
  loginResponse: CustomerLoginResponse;
}

/**
 * What differs at run time between flavours: the disconnect push, the reasons after which the
 * client must not reconnect by itself, and how a token is written into `login`.
 */
export interface RtmDialect {
  disconnectPush: string;
  finalReasons: ReadonlySet<string>;
  finalLoginErrors: ReadonlySet<string>;
  /** Turns the identity's token into the `login` token field, e.g. `Bearer <token>`. */
  loginToken(token: string): string;
}

type Field<M, A, K extends 'request' | 'response'> = A extends keyof M ? (M[A] extends Record<K, infer T> ? T : never) : never;

/** Requests the client sends over RTM (`upload_file` is Web only, `login` is the client's own). */
export type RtmAction<F extends RtmFlavour = CustomerFlavour> = Exclude<keyof F['actions'] & string, 'login' | 'upload_file'>;
export type RtmRequest<A extends RtmAction<F>, F extends RtmFlavour = CustomerFlavour> = Field<F['actions'], A, 'request'>;
export type RtmResponse<A extends RtmAction<F>, F extends RtmFlavour = CustomerFlavour> = Field<F['actions'], A, 'response'>;
export type RtmPush<F extends RtmFlavour = CustomerFlavour> = keyof F['pushes'] & string;
export interface PushMeta { requestId: string | undefined }
export type PushListener<P extends RtmPush<F>, F extends RtmFlavour = CustomerFlavour> = (payload: F['pushes'][P], meta: PushMeta) => void;
export interface StateInfo { reason?: CustomerDisconnectReason | string; attempt: number }

export interface RtmClientOptions<F extends RtmFlavour = CustomerFlavour> {
  /** Full RTM URL, e.g. `ws://host/v3.5/customer/rtm/ws?organization_id=…`. */
  url: string;
  socketFactory: SocketFactory;
  identity: TokenSource;
  /** Extra login fields (customer, customer_page, …), read at every login. */
  loginPayload?: () => Omit<F['loginRequest'], 'token'>;
  /** Per-request timeout in ms (default 15 000, the server's own limit). */
  requestTimeoutMs?: number;
  /** Protocol ping interval once logged in (default 15 000). */
  pingIntervalMs?: number;
  reconnect?: ReconnectOptions;
  /** Run-time differences of the API spoken (default: the Customer Chat API). */
  dialect?: RtmDialect;
}

/** Reasons after which the docs say not to reconnect automatically (protocol customer-chat-api §5). */
const FINAL_REASONS: ReadonlySet<string> = new Set([
  'too_many_connections', 'license_not_found', 'license_expired', 'unsupported_version', 'misdirected_connection',
  'logged_out_remotely', 'customer_temporarily_blocked', 'customer_banned', 'inactivity_timeout', 'product_version_changed',
]);
/** A draining server's reason (sent with close 1012): reconnect at once, with jitter, not after a backoff. */
const DRAIN_REASON = 'service_temporarily_unavailable';
const FINAL_LOGIN_ERRORS: ReadonlySet<string> = new Set(['customer_banned', 'license_expired', 'license_not_found', 'wrong_product_version', 'unsupported_version']);

export const CUSTOMER_DIALECT: RtmDialect = {
  disconnectPush: 'customer_disconnected',
  finalReasons: FINAL_REASONS,
  finalLoginErrors: FINAL_LOGIN_ERRORS,
  loginToken: (token) => `Bearer ${token}`,
};

interface Pending {
  resolve: (payload: unknown) => void;
  reject: (error: RtmError) => void;
  timer: ReturnType<typeof setTimeout>;
}

/**
 * Typed Customer Chat RTM client: one socket at a time, login with a token from the identity
 * provider, request/response correlation by `request_id`, per-request timeouts, typed pushes,
 * protocol ping keepalive and reconnect with backoff. Framework-free; runs in browsers and Node.
 * @example
 * const client = new RtmClient({ url, socketFactory: browserSocketFactory, identity });
 * client.onPush('incoming_event', ({ chat_id, event }) => …);
 * client.connect();
 * const { chats_summary } = await client.request('list_chats', { limit: 25 });
 */
export class RtmClient<F extends RtmFlavour = CustomerFlavour> {
  #state: ConnectionState = 'idle';
  #reason: string | undefined;
  #socket: SocketLike | undefined;
  #pending = new Map<string, Pending>();
  #nextId = 1;
  #pingTimer: ReturnType<typeof setInterval> | undefined;
  #pushListeners = new Map<string, Set<(payload: unknown, meta: PushMeta) => void>>();
  #stateListeners = new Set<(state: ConnectionState, info: StateInfo) => void>();
  #loginListeners = new Set<(response: F['loginResponse']) => void>();
  readonly #options: RtmClientOptions<F>;
  readonly #dialect: RtmDialect;
  readonly #reconnects: ReconnectManager;
  readonly #timeoutMs: number;

  constructor(options: RtmClientOptions<F>) {
    this.#options = options;
    this.#dialect = options.dialect ?? CUSTOMER_DIALECT;
    this.#timeoutMs = options.requestTimeoutMs ?? 15_000;
    this.#reconnects = new ReconnectManager(() => this.#open(), options.reconnect);
  }

  get state(): ConnectionState {
    return this.#state;
  }

  /** Why the connection is `disconnected`/`reconnecting`, when the server said so. */
  get reason(): string | undefined {
    return this.#reason;
  }

  /** Opens the connection. Also valid from `disconnected` (a manual "reconnect" by the user). */
  connect(): void {
    if (this.#state === 'closed') throw new RtmError('client_closed', 'The client was disposed');
    if (this.#state !== 'idle' && this.#state !== 'disconnected' && this.#state !== 'reconnecting') return;
    this.#reconnects.cancel();
    this.#open();
  }

  /** Sends one request; resolves with the response payload or rejects with an `RtmError`. */
  request<A extends RtmAction<F>>(action: A, payload: RtmRequest<A, F>, options: { timeoutMs?: number } = {}): Promise<RtmResponse<A, F>> {
    if (this.#state !== 'connected' || !this.#socket) {
      return Promise.reject(new RtmError('not_connected', `Cannot send ${action}: not connected`));
    }
    return this.#send(this.#socket, action, payload, options.timeoutMs) as Promise<RtmResponse<A, F>>;
  }

  /** Listens to one push type; returns the unsubscribe function. */
  onPush<P extends RtmPush<F>>(action: P, listener: PushListener<P, F>): () => void {
    let set = this.#pushListeners.get(action);
    if (!set) this.#pushListeners.set(action, (set = new Set()));
    const entry = listener as (payload: unknown, meta: PushMeta) => void;
    set.add(entry);
    return () => void set.delete(entry);
  }

  onStateChange(listener: (state: ConnectionState, info: StateInfo) => void): () => void {
    this.#stateListeners.add(listener);
    return () => void this.#stateListeners.delete(listener);
  }

  /** Called after every successful login (first connect and every reconnect): the place to resync. */
  onLogin(listener: (response: F['loginResponse']) => void): () => void {
    this.#loginListeners.add(listener);
    return () => void this.#loginListeners.delete(listener);
  }

  /** Drops the current socket as if the network failed; the usual reconnect follows. */
  dropConnection(): void {
    if (this.#socket) this.#handleClose(this.#socket, 'connection_lost');
  }

  /** Closes the socket, rejects pending requests and stops every timer. Idempotent. */
  dispose(): void {
    if (this.#state === 'closed') return;
    this.#reconnects.dispose();
    const socket = this.#socket;
    this.#detach();
    socket?.close(1000, 'client closed');
    this.#rejectAll(new RtmError('client_closed', 'The client was disposed'));
    this.#setState('closed');
  }

  #open(): void {
    this.#reason = undefined;
    const socket = this.#options.socketFactory(this.#options.url);
    this.#socket = socket;
    this.#setState('connecting');
    socket.onopen = () => void this.#login(socket, true);
    socket.onmessage = (event) => this.#onFrame(socket, event.data);
    socket.onclose = (event) => this.#handleClose(socket, 'connection_lost', event?.code);
    socket.onerror = () => undefined; // a close event always follows
  }

  async #login(socket: SocketLike, mayRetry: boolean): Promise<void> {
    if (socket !== this.#socket) return;
    this.#setState('logging_in');
    try {
      const token = await this.#options.identity.getAccessToken();
      if (socket !== this.#socket) return;
      const payload = { ...this.#options.loginPayload?.(), token: this.#dialect.loginToken(token) };
      const response = (await this.#send(socket, 'login', payload)) as F['loginResponse'];
      if (socket !== this.#socket) return;
      this.#reconnects.succeeded();
      this.#setState('connected');
      this.#startPing(socket);
      for (const listener of [...this.#loginListeners]) listener(response);
    } catch (error) {
      if (socket !== this.#socket) return;
      const type = error instanceof RtmError ? error.type : 'internal';
      if (type === 'authentication') this.#options.identity.invalidate();
      if (type === 'authentication' && mayRetry) return this.#login(socket, false);
      if (this.#dialect.finalLoginErrors.has(type)) this.#reason = type;
      this.#handleClose(socket, type);
    }
  }

  #send(socket: SocketLike, action: string, payload: unknown, timeoutMs = this.#timeoutMs): Promise<unknown> {
    const requestId = `sb-${this.#nextId++}`;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.#pending.delete(requestId);
        reject(new RtmError('request_timeout', `${action} was not answered within ${timeoutMs} ms`));
      }, timeoutMs);
      this.#pending.set(requestId, { resolve, reject, timer });
      try {
        socket.send(JSON.stringify({ request_id: requestId, action, payload, version: CURRENT_VERSION }));
      } catch (cause) {
        clearTimeout(timer);
        this.#pending.delete(requestId);
        reject(new RtmError('connection_lost', `Could not send ${action}`, undefined, { cause }));
      }
    });
  }

  #onFrame(socket: SocketLike, data: unknown): void {
    if (socket !== this.#socket || typeof data !== 'string') return;
    let frame: ServerFrame;
    try {
      frame = JSON.parse(data) as ServerFrame;
    } catch {
      return; // NOTE: a broken frame is dropped; the request it answers times out
    }
    if (frame.type === 'response') {
      const pending = frame.request_id === undefined ? undefined : this.#pending.get(frame.request_id);
      if (!pending || frame.request_id === undefined) return;
      this.#pending.delete(frame.request_id);
      clearTimeout(pending.timer);
      if (frame.success) pending.resolve(frame.payload);
      else pending.reject(RtmError.fromBody(frame.payload.error));
      return;
    }
    if (frame.type === 'push') this.#onPush(frame);
  }

  #onPush(frame: PushFrame): void {
    if (frame.action === this.#dialect.disconnectPush) {
      const { reason } = frame.payload as { reason: string };
      this.#reason = reason;
      if (reason === 'access_token_expired' || reason === 'access_token_revoked') this.#options.identity.invalidate();
    }
    const listeners = this.#pushListeners.get(frame.action);
    if (!listeners) return;
    const meta: PushMeta = { requestId: frame.request_id };
    for (const listener of [...listeners]) listener(frame.payload, meta);
  }

  #startPing(socket: SocketLike): void {
    const interval = this.#options.pingIntervalMs ?? 15_000;
    this.#pingTimer = setInterval(() => {
      if (socket !== this.#socket || socket.readyState !== SOCKET_STATE.open) return;
      this.#send(socket, 'ping', {}).catch((error: unknown) => {
        if (error instanceof RtmError && error.type === 'request_timeout') this.#handleClose(socket, 'connection_lost');
      });
    }, interval);
  }

  #handleClose(socket: SocketLike, cause: string, closeCode?: number): void {
    if (socket !== this.#socket) return;
    this.#detach();
    if (socket.readyState === SOCKET_STATE.open || socket.readyState === SOCKET_STATE.connecting) socket.close(4000, cause);
    this.#rejectAll(new RtmError('connection_lost', `Connection lost (${cause})`));
    if (this.#reason !== undefined && (this.#dialect.finalReasons.has(this.#reason) || this.#dialect.finalLoginErrors.has(this.#reason))) {
      this.#setState('disconnected');
      return;
    }
    this.#setState('reconnecting');
    if (closeCode === CLOSE_CODES.serviceRestart || this.#reason === DRAIN_REASON) this.#reconnects.scheduleSoon();
    else this.#reconnects.schedule();
  }

  #detach(): void {
    if (this.#pingTimer !== undefined) clearInterval(this.#pingTimer);
    this.#pingTimer = undefined;
    const socket = this.#socket;
    if (socket) {
      socket.onopen = null;
      socket.onmessage = null;
      socket.onclose = null;
      socket.onerror = null;
    }
    this.#socket = undefined;
  }

  #rejectAll(error: RtmError): void {
    const pending = [...this.#pending.values()];
    this.#pending.clear();
    for (const entry of pending) {
      clearTimeout(entry.timer);
      entry.reject(error);
    }
  }

  #setState(state: ConnectionState): void {
    if (this.#state === state && state !== 'reconnecting') return;
    this.#state = state;
    const info: StateInfo = { attempt: this.#reconnects.attempt };
    if (this.#reason !== undefined) info.reason = this.#reason;
    for (const listener of [...this.#stateListeners]) listener(state, info);
  }
}
