import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedWebhook {
  webhook_id: string;
  secret_key: string;
  action: string;
  organization_id: string;
  payload: Record<string, unknown> & { chat_id?: string; event?: { text?: string; author_id?: string; type?: string } };
  additional_data?: Record<string, unknown>;
}

/** How the receiver answers one request: a status, after an optional delay (or never). */
export type Behaviour = { status: number; delayMs?: number } | 'hang';

/**
 * A real HTTP webhook receiver on a loopback port. `respond` decides each answer, so tests can
 * make it slow, failing, or recover; `received` keeps every body that reached it, in arrival order.
 */
export class WebhookReceiver {
  readonly received: ReceivedWebhook[] = [];
  /** Bodies answered with 2xx, in order. */
  readonly accepted: ReceivedWebhook[] = [];
  respond: (body: ReceivedWebhook, attempt: number) => Behaviour = () => ({ status: 200 });
  #server: Server;
  #hanging: ServerResponse[] = [];
  #waiters: { pred: () => boolean; resolve: () => void }[] = [];

  private constructor(server: Server, readonly url: string) {
    this.#server = server;
  }

  static async start(port = 0): Promise<WebhookReceiver> {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
    const { port: actual } = server.address() as AddressInfo;
    const self = new WebhookReceiver(server, `http://127.0.0.1:${actual}/hook`);
    server.on('request', (req, res) => void self.#handle(req, res));
    return self;
  }

  get port(): number {
    return Number(new URL(this.url).port);
  }

  /** Resolves once `pred` holds (checked on every arrival), or rejects after `timeoutMs`. */
  until(pred: () => boolean, timeoutMs = 8000): Promise<void> {
    if (pred()) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const t = setTimeout(() => reject(new Error(`receiver: condition not met; got ${JSON.stringify(this.received.map((r) => r.action))}`)), timeoutMs);
      this.#waiters.push({ pred, resolve: () => { clearTimeout(t); resolve(); } });
    });
  }

  of(action: string): ReceivedWebhook[] {
    return this.accepted.filter((r) => r.action === action);
  }

  async close(): Promise<void> {
    for (const res of this.#hanging) res.destroy();
    this.#server.closeAllConnections();
    await new Promise<void>((resolve) => this.#server.close(() => resolve()));
  }

  async #handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as ReceivedWebhook;
    this.received.push(body);
    const attempt = this.received.filter((r) => JSON.stringify(r) === JSON.stringify(body)).length;
    const how = this.respond(body, attempt);
    if (how === 'hang') {
      this.#hanging.push(res);
      this.#notify();
      return;
    }
    if (how.delayMs) await new Promise((r) => setTimeout(r, how.delayMs));
    // A sender that gave up (timeout) has closed the connection: that attempt did not succeed.
    if (res.destroyed) return this.#notify();
    if (how.status >= 200 && how.status < 300) this.accepted.push(body);
    res.writeHead(how.status, { 'content-type': 'text/plain' }).end('ok');
    this.#notify();
  }

  #notify(): void {
    this.#waiters = this.#waiters.filter((w) => (w.pred() ? (w.resolve(), false) : true));
  }
}
