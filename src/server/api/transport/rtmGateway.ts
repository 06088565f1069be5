import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import type { FastifyBaseLogger } from 'fastify';
import { WebSocketServer, type WebSocket } from 'ws';
import { CLOSE_CODES } from '../../../protocol/frames.js';
import { isSupportedVersion } from '../../../protocol/version.js';
import type { ActionTable } from './actionRouter.js';
import { MAX_JSON_DEPTH } from './boundedJson.js';
import type { ConnectionIdentity, ConnectionRegistry } from './connections.js';
import { IGNORING_OBSERVER, type TransportObserver } from './observer.js';
import { RtmConnection } from './rtmConnection.js';
import { SlicedSweep } from './slicedSweep.js';
import { SocketCounter } from './socketCounter.js';

export interface RtmLimits {
  maxFrameBytes: number;
  /** Deepest JSON nesting of a frame (see boundedJson.ts). */
  maxJsonDepth: number;
  requestsPerSecond: number;
  requestBurst: number;
  maxPendingRequests: number;
  requestTimeoutMs: number;
  loginTimeoutMs: number;
  /** Server WebSocket ping period; a connection silent for two periods is closed. */
  heartbeatMs: number;
  /**
   * Period of the sweep that closes connections whose token expired (`access_token_expired`) and
   * asks each logged-in session's surface whether its credentials were revoked by another process
   * (`RtmSurface.revoked`: one primary-key read per agent socket).
   */
  credentialCheckMs: number;
  /** Logged-in sockets of one customer on this node; one more is disconnected with `too_many_connections`. */
  socketsPerCustomer: number;
  /** Open sockets (logged in or not) from one client address; one more is disconnected with `too_many_connections`. */
  socketsPerAddress: number;
}

export const DEFAULT_RTM_LIMITS: RtmLimits = {
  maxFrameBytes: 256 * 1024,
  maxJsonDepth: MAX_JSON_DEPTH,
  requestsPerSecond: 20,
  requestBurst: 60,
  maxPendingRequests: 10,
  requestTimeoutMs: 15_000,
  loginTimeoutMs: 30_000,
  heartbeatMs: 15_000,
  credentialCheckMs: 2_000,
  socketsPerCustomer: 20,
  socketsPerAddress: 500,
};

export interface LoginResult<S> {
  session: S;
  identity: ConnectionIdentity;
  response: unknown;
  /** Microseconds; the connection is closed with `access_token_expired` by the next credential sweep after it. */
  expiresAt?: number;
  /** Sent to this connection right after the login response (agent `incoming_customers`). */
  pushesAfterLogin?: { name: string; payload: unknown }[];
}

/** One API surface over RTM (customer or agent). */
export interface RtmSurface<S> {
  kind: 'customer' | 'agent';
  table: ActionTable<S>;
  /**
   * Checked before the upgrade, after path and query: false refuses the socket with 403
   * `authorization` (a browser `Origin` the organization does not allow). Absent: every upgrade.
   */
  admitsUpgrade?(req: IncomingMessage): Promise<boolean>;
  login(payload: unknown, info: { query: URLSearchParams; headers: IncomingMessage['headers']; connectionId: string; ip: string }): Promise<LoginResult<S>>;
  /** Runs before every action (ban and token checks). */
  recheck?(session: S): Promise<void>;
  /**
   * Runs every `credentialCheckMs`: a disconnect reason when the session's credentials were revoked by a
   * writer this node did not hear (another process on the same database, e.g. the admin CLI).
   * Changes made through the domain close sockets at once through `disconnect_user` events.
   */
  revoked?(session: S): Promise<string | undefined>;
  /** A request other than `ping` arrived from a logged-in connection (a sign of activity). */
  onRequest?(session: S, action: string): void;
  /** After a logged-in connection closed; `remaining` = the user's other connections on this node. */
  onClosed?(session: S, remaining: number): void;
}

/**
 * WebSocket endpoints of the RTM APIs. Upgrades are checked (path, version, organization id for
 * customers, the surface's own admission such as the customer's `Origin`) before a socket exists; frames above `maxFrameBytes` close the socket with 1009.
 */
export class RtmGateway {
  readonly #wss: WebSocketServer;
  readonly #connections = new Set<RtmConnection<unknown>>();
  readonly #heartbeat: SlicedSweep<RtmConnection<unknown>>;
  readonly #credentialSweep: SlicedSweep<RtmConnection<unknown>>;
  #state: 'serving' | 'draining' | 'closed' = 'serving';
  readonly #perAddress: SocketCounter;

  constructor(
    private readonly surfaces: { customer?: RtmSurface<never>; agent?: RtmSurface<never> },
    private readonly registry: ConnectionRegistry,
    private readonly limits: RtmLimits,
    private readonly log: FastifyBaseLogger,
    private readonly observer: TransportObserver = IGNORING_OBSERVER,
    /** The client address of an upgrade request (proxy-aware in app.ts); keys the per-address cap. */
    private readonly clientAddress: (req: IncomingMessage) => string = (req) => req.socket.remoteAddress ?? '',
  ) {
    this.#perAddress = new SocketCounter(limits.socketsPerAddress);
    // No client tracking: the gateway keeps its own set, and ws's would cost a Set entry and a
    // close listener per socket (#16: bytes per idle connection).
    this.#wss = new WebSocketServer({ noServer: true, maxPayload: limits.maxFrameBytes, perMessageDeflate: false, clientTracking: false });
    this.#heartbeat = new SlicedSweep(() => this.#connections, (c, now) => c.heartbeat(now), limits.heartbeatMs);
    this.#credentialSweep = new SlicedSweep(() => this.#connections, (c, now) => c.checkCredentials(now), limits.credentialCheckMs);
  }

  get connectionCount(): number {
    return this.#connections.size;
  }

  /** Returns false when the request is not for an RTM path (someone else may take it). */
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): boolean {
    let url: URL;
    try {
      url = new URL(req.url ?? '/', 'http://localhost');
    } catch {
      return false;
    }
    const m = /^\/v(\d+\.\d+)\/(customer|agent)\/rtm\/ws\/?$/.exec(url.pathname);
    if (!m) return false;
    const refuse = (status: number, message: string) => {
      const type = status === 400 ? 'validation' : status === 403 ? 'authorization' : status === 503 ? 'service_unavailable' : 'not_found';
      socket.end(`HTTP/1.1 ${status} ${message}\r\nConnection: close\r\nContent-Type: application/json\r\n\r\n${JSON.stringify({ error: { type, message } })}`);
      return true;
    };
    if (this.#state !== 'serving') return refuse(503, 'Service Unavailable');
    if (!isSupportedVersion(m[1]!)) return refuse(400, 'Unsupported API version');
    const surface = this.surfaces[m[2] as 'customer' | 'agent'] as RtmSurface<unknown> | undefined;
    if (!surface) return refuse(404, 'Not found');
    if (surface.kind === 'customer' && !url.searchParams.get('organization_id') && !url.searchParams.get('license_id')) {
      return refuse(400, 'organization_id is required');
    }
    if (!surface.admitsUpgrade) {
      this.#upgrade(req, socket, head, surface, url);
      return true;
    }
    // Node leaves an upgrading socket without an error listener: a reset during the check must not throw.
    const onError = () => socket.destroy();
    socket.on('error', onError);
    surface.admitsUpgrade(req).then((admitted) => {
      if (socket.destroyed) return;
      if (this.#state !== 'serving') refuse(503, 'Service Unavailable');
      else if (!admitted) refuse(403, 'Origin not allowed');
      else {
        // ws attaches its own error handling from here on.
        socket.off('error', onError);
        this.#upgrade(req, socket, head, surface, url);
      }
    }, (err: unknown) => {
      this.log.error({ err }, 'upgrade admission failed');
      if (!socket.destroyed) refuse(503, 'Service Unavailable');
    });
    return true;
  }

  #upgrade(req: IncomingMessage, socket: Duplex, head: Buffer, surface: RtmSurface<unknown>, url: URL): void {
    const ip = this.clientAddress(req);
    const query = url.searchParams;
    const headers = req.headers;
    this.#wss.handleUpgrade(req, socket, head, (ws) => this.#accept(ws, socket, surface, { query, headers, ip }));
  }

  /**
   * Kept apart from handleUpgrade so that what a connection's listeners close over is the
   * connection and its address, never the upgrade request (#16: idle bytes per socket).
   */
  #accept(ws: WebSocket, socket: Duplex, surface: RtmSurface<unknown>, info: { query: URLSearchParams; headers: IncomingMessage['headers']; ip: string }): void {
    const ip = info.ip;
    let counted = false;
    // The connection's own close listener calls back here: one listener per socket, not two.
    const conn = new RtmConnection(ws, socket, surface, this.registry, this.limits, info, this.log, this.observer, () => {
      if (!counted) return;
      this.#connections.delete(conn);
      this.#perAddress.release(ip);
    });
    // Refused after the upgrade so that the client gets a reason it knows (and does not reconnect).
    if (!this.#perAddress.tryAcquire(ip)) {
      conn.disconnect('too_many_connections', { limit: this.limits.socketsPerAddress });
      return;
    }
    counted = true;
    this.#connections.add(conn);
  }

  /**
   * Refuses new sockets (503), lets each connection answer what is in flight, then tells its client
   * to reconnect elsewhere (1012). Resolves when every connection has been told.
   */
  async drain(): Promise<void> {
    if (this.#state !== 'serving') return;
    this.#state = 'draining';
    await Promise.all([...this.#connections].map((c) => c.drain()));
  }

  /** Closes every socket (going away) and stops the heartbeat. */
  async close(): Promise<void> {
    this.#state = 'closed';
    this.#heartbeat.close();
    this.#credentialSweep.close();
    for (const c of this.#connections) c.close(CLOSE_CODES.goingAway, 'server shutting down');
    this.#connections.clear();
    await new Promise<void>((resolve) => this.#wss.close(() => resolve()));
  }
}
