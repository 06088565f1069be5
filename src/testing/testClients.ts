import WebSocket from 'ws';
import type { TestServer } from './testServer.js';

/** What the clients need of a server: its addresses and credentials (a TestServer, or a node started some other way). */
export type ServerAddress = Pick<TestServer, 'url' | 'wsUrl' | 'credentials'>;

type Frame = { request_id?: string; action: string; type: 'response' | 'push'; success?: boolean; payload: Record<string, unknown> & { error?: { type: string; message: string } } };

/** A raw RTM test client over `ws`: sends frames, collects every frame it receives. */
export class RawRtm {
  readonly frames: Frame[] = [];
  #n = 0;
  #waiters: { match: (f: Frame) => boolean; resolve: (f: Frame) => void }[] = [];
  closed: Promise<{ code: number; reason: string }>;

  private constructor(readonly ws: WebSocket) {
    ws.on('message', (data) => {
      const f = JSON.parse(data.toString()) as Frame;
      this.frames.push(f);
      this.#waiters = this.#waiters.filter((w) => (w.match(f) ? (w.resolve(f), false) : true));
    });
    this.closed = new Promise((resolve) => ws.on('close', (code, reason) => resolve({ code, reason: reason.toString() })));
  }

  static async open(url: string): Promise<RawRtm> {
    const ws = new WebSocket(url);
    await new Promise<void>((resolve, reject) => { ws.once('open', () => resolve()); ws.once('error', reject); });
    return new RawRtm(ws);
  }

  sendRaw(data: string | Buffer): void {
    this.ws.send(data);
  }

  /** Sends a request and resolves with its response frame (success or not). */
  request(action: string, payload: unknown = {}, extra: Record<string, unknown> = {}): Promise<Frame> {
    const request_id = `r${++this.#n}`;
    const p = this.next((f) => f.type === 'response' && f.request_id === request_id, 15_000);
    this.ws.send(JSON.stringify({ action, payload, request_id, ...extra }));
    return p;
  }

  /** Sends a request and returns its payload, throwing on an error response. */
  async call<T = Record<string, unknown>>(action: string, payload: unknown = {}, extra: Record<string, unknown> = {}): Promise<T> {
    const f = await this.request(action, payload, extra);
    if (!f.success) throw new Error(`${action} failed: ${JSON.stringify(f.payload.error)}`);
    return f.payload as T;
  }

  /** The first frame, already received or coming, that matches. */
  next(match: (f: Frame) => boolean, timeoutMs = 10_000, from = 0): Promise<Frame> {
    const seen = this.frames.slice(from).find(match);
    if (seen) return Promise.resolve(seen);
    return new Promise((resolve, reject) => {
      const t = setTimeout(() => reject(new Error(`timed out waiting for a frame; got ${JSON.stringify(this.frames.slice(-5))}`)), timeoutMs);
      this.#waiters.push({ match, resolve: (f) => { clearTimeout(t); resolve(f); } });
    });
  }

  push(name: string, pred: (p: Record<string, unknown>) => boolean = () => true, timeoutMs = 10_000): Promise<Frame> {
    return this.next((f) => f.type === 'push' && f.action === name && pred(f.payload), timeoutMs);
  }

  pushes(name: string): Frame[] {
    return this.frames.filter((f) => f.type === 'push' && f.action === name);
  }

  close(): void {
    this.ws.close();
  }
}

export interface TestCustomer {
  id: string;
  token: string;
  refreshToken: string;
  rtm: RawRtm;
  /** Opens one more logged-in connection (another tab). */
  connect(): Promise<RawRtm>;
  web<T = Record<string, unknown>>(action: string, payload?: unknown): Promise<{ status: number; body: T }>;
}

export async function customerToken(server: ServerAddress, refreshToken?: string) {
  const res = await fetch(`${server.url}/v2/customer/token`, {
    method: 'POST',
    body: JSON.stringify({ grant_type: 'cookie', organization_id: server.credentials.organization_id, client_id: 'test', ...(refreshToken ? { refresh_token: refreshToken } : {}) }),
  });
  if (res.status !== 200) throw new Error(`token: ${res.status} ${await res.text()}`);
  return (await res.json()) as { access_token: string; entity_id: string; refresh_token: string; expires_in: number };
}

/** A new customer with a token and one logged-in RTM connection. */
export async function connectCustomer(server: ServerAddress, opts: { refreshToken?: string; login?: Record<string, unknown> } = {}): Promise<TestCustomer> {
  const t = await customerToken(server, opts.refreshToken);
  const connect = async () => {
    const rtm = await RawRtm.open(`${server.wsUrl}/v3.5/customer/rtm/ws?organization_id=${server.credentials.organization_id}`);
    await rtm.call('login', { token: `Bearer ${t.access_token}`, ...opts.login });
    return rtm;
  };
  return {
    id: t.entity_id, token: t.access_token, refreshToken: t.refresh_token, rtm: await connect(), connect,
    async web(action, payload = {}) {
      const res = await fetch(`${server.url}/v3.5/customer/action/${action}?organization_id=${server.credentials.organization_id}`, {
        method: 'POST', headers: { authorization: `Bearer ${t.access_token}`, 'content-type': 'application/json' }, body: JSON.stringify(payload),
      });
      return { status: res.status, body: (await res.json()) as never };
    },
  };
}

/** Agent Web API call with the owner's (or given) credentials. */
export async function agentWeb<T = Record<string, unknown>>(server: ServerAddress, action: string, payload: unknown = {}, opts: { auth?: string; authorId?: string; api?: 'agent' | 'configuration' } = {}): Promise<{ status: number; body: T }> {
  const auth = opts.auth ?? `Basic ${Buffer.from(`${server.credentials.owner.id}:${server.credentials.owner.personal_access_token}`).toString('base64')}`;
  const res = await fetch(`${server.url}/v3.5/${opts.api ?? 'agent'}/action/${action}`, {
    method: 'POST',
    headers: { authorization: auth, 'content-type': 'application/json', ...(opts.authorId ? { 'x-author-id': opts.authorId } : {}) },
    body: JSON.stringify(payload),
  });
  const text = await res.text();
  return { status: res.status, body: (text ? JSON.parse(text) : {}) as T };
}

export interface TestAgent {
  id: string;
  token: string;
  /** `Basic base64(id:token)`. */
  basic: string;
  /** Agent Web API call as this agent (optionally as one of its license's bots). */
  web<T = Record<string, unknown>>(action: string, payload?: unknown, opts?: { authorId?: string }): Promise<{ status: number; body: T }>;
  /** Opens a logged-in Agent Chat RTM connection (Basic unless `bearer`). */
  connect(opts?: { bearer?: boolean }): Promise<RawRtm>;
}

/** Wraps existing credentials as a test agent. */
export function agentFor(server: ServerAddress, id: string, token: string): TestAgent {
  const basic = `Basic ${Buffer.from(`${id}:${token}`).toString('base64')}`;
  return {
    id, token, basic,
    web: (action, payload = {}, opts = {}) => agentWeb(server, action, payload, { auth: basic, ...(opts.authorId ? { authorId: opts.authorId } : {}) }),
    async connect(opts = {}) {
      const rtm = await RawRtm.open(`${server.wsUrl}/v3.5/agent/rtm/ws`);
      await rtm.call('login', { token: opts.bearer ? `Bearer ${token}` : basic });
      return rtm;
    },
  };
}

/** Creates an agent in license 1 (or `licenseId`) through the domain and returns it as a test agent. */
export async function createTestAgent(server: TestServer, id: string, opts: { name?: string; maxChats?: number; licenseId?: number; role?: 'owner' | 'administrator' | 'normal' } = {}): Promise<TestAgent> {
  const { token } = await server.built.platform.agents.create(opts.licenseId ?? 1, { id, name: opts.name ?? id, maxChats: opts.maxChats ?? 6, ...(opts.role ? { role: opts.role } : {}) });
  return agentFor(server, id, token);
}

/** The owner from credentials.json as a test agent. */
export const ownerAgent = (server: ServerAddress): TestAgent => agentFor(server, server.credentials.owner.id, server.credentials.owner.personal_access_token);
