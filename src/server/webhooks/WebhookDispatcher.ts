import type { OutboxDelivery } from '../domain/configuration/configModel.js';
import type { Store } from '../domain/ports.js';

export interface WebhookDeliveryOptions {
  /** A receiver must answer within this (docs: ~10 s). */
  timeoutMs: number;
  /** Attempts in all, the first included (docs: 3 retries → 4). */
  maxAttempts: number;
  /** Delay before the first retry; doubles with each further retry up to `maxBackoffMs`. */
  backoffMs: number;
  maxBackoffMs: number;
  /** A delivery older than this is given up after its next failure (docs: ~1 minute). */
  maxAgeMs: number;
  /** Requests in flight at once, over all receivers. */
  concurrency: number;
  /** Told of every failed attempt; `givenUp` when it was the last one (metrics). */
  onFailure?: (givenUp: boolean) => void;
  /**
   * With a store shared by several nodes: look at the outbox this often even when nothing here
   * kicked it, to send rows that another node enqueued and could not send (it stopped or died).
   */
  idlePollMs?: number;
}

export const DEFAULT_WEBHOOK_DELIVERY: WebhookDeliveryOptions = {
  timeoutMs: 10_000, maxAttempts: 4, backoffMs: 5_000, maxBackoffMs: 30_000, maxAgeMs: 90_000, concurrency: 16,
};

/** A claimed row stays with its node this long past the request timeout before another node may retry it. */
const CLAIM_MARGIN_MS = 5_000;

export interface DispatcherLog {
  warn(obj: unknown, msg?: string): void;
}

type State = 'idle' | 'running' | 'closed';

/**
 * Sends what the outbox holds. At least once: a row leaves the outbox only after a 2xx answer or
 * when it is given up. In order per (webhook, chat): only the oldest pending row of an order key is
 * ever in flight. Never on the request path: services commit and return; this runs beside them,
 * with at most `concurrency` requests open, so a slow or dead receiver only delays its own rows.
 */
export class WebhookDispatcher {
  readonly #busyKeys = new Set<string>();
  readonly #inFlight = new Set<Promise<void>>();
  readonly #abort = new AbortController();
  #state: State = 'idle';
  #timer: NodeJS.Timeout | undefined;
  #pumping = false;
  #again = false;

  constructor(private readonly store: Store, private readonly options: WebhookDeliveryOptions, private readonly log: DispatcherLog, private readonly now: () => number = Date.now) {}

  /** Resumes whatever the outbox holds (after a restart too). */
  start(): void {
    if (this.#state !== 'idle') return;
    this.#state = 'running';
    this.kick();
  }

  /** Looks for due rows soon; called after commits that enqueued rows and after each attempt. */
  kick(): void {
    if (this.#state !== 'running') return;
    if (this.#pumping) {
      this.#again = true;
      return;
    }
    this.#pumping = true;
    void this.#pump().finally(() => {
      this.#pumping = false;
      if (this.#again) {
        this.#again = false;
        this.kick();
      }
    });
  }

  /** Resolves when nothing is in flight or due now (tests wait on it). */
  async idle(): Promise<void> {
    while (this.#inFlight.size > 0 || this.#pumping) await Promise.race([...this.#inFlight, new Promise((r) => setTimeout(r, 5))]);
  }

  /** Stops sending; requests in flight are aborted and stay in the outbox for the next start. Idempotent. */
  async close(): Promise<void> {
    if (this.#state === 'closed') return;
    this.#state = 'closed';
    clearTimeout(this.#timer);
    this.#abort.abort();
    await Promise.allSettled([...this.#inFlight]);
  }

  async #pump(): Promise<void> {
    try {
      const free = this.options.concurrency - this.#inFlight.size;
      if (free > 0) {
        // A claim (not a read): with several nodes on one store, each due row goes to one of them.
        const claimForMs = this.options.timeoutMs + CLAIM_MARGIN_MS;
        const due = await this.store.atomically((tx) => tx.dueWebhookDeliveries(this.now(), free, [...this.#busyKeys], claimForMs));
        for (const row of due) this.#start(row);
      }
      await this.#schedule();
    } catch (err) {
      if (this.#state === 'running') this.log.warn({ err }, 'webhook dispatcher: outbox read failed');
    }
  }

  /** One timer for the earliest retry; completions kick the pump themselves. */
  async #schedule(): Promise<void> {
    if (this.#state !== 'running') return;
    const next = await this.store.read((tx) => tx.nextWebhookAttemptAt());
    clearTimeout(this.#timer);
    const poll = this.options.idlePollMs;
    if (next === undefined) {
      if (poll !== undefined) this.#timer = setTimeout(() => this.kick(), poll).unref();
      return;
    }
    const wait = poll === undefined ? next - this.now() : Math.min(next - this.now(), poll);
    // Due rows held back by a busy key or a full pipe are picked up when an attempt completes.
    if (wait <= 0 && (this.#inFlight.size > 0)) return;
    this.#timer = setTimeout(() => this.kick(), Math.max(wait, 25));
    this.#timer.unref();
  }

  #start(row: OutboxDelivery): void {
    this.#busyKeys.add(row.orderKey);
    const p = this.#attempt(row).finally(() => {
      this.#busyKeys.delete(row.orderKey);
      this.#inFlight.delete(p);
      this.kick();
    });
    this.#inFlight.add(p);
  }

  /** Shutting down mid-request: the row is due again at once (for another node), this try uncounted. */
  async #handBack(row: OutboxDelivery): Promise<void> {
    await this.store.atomically((tx) => tx.retryWebhookDeliveryAt(row.seq, row.attempts, this.now(), 'interrupted by shutdown')).catch(() => undefined);
  }

  async #attempt(row: OutboxDelivery): Promise<void> {
    const attempts = row.attempts + 1;
    let error: string;
    try {
      const res = await fetch(row.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'user-agent': 'Switchboard-Webhooks/1' },
        body: row.body,
        redirect: 'manual',
        signal: AbortSignal.any([AbortSignal.timeout(this.options.timeoutMs), this.#abort.signal]),
      });
      await res.body?.cancel().catch(() => undefined);
      if (res.status >= 200 && res.status < 300) {
        await this.store.atomically((tx) => tx.finishWebhookDelivery(row.seq, {}));
        return;
      }
      error = `HTTP ${res.status}`;
    } catch (err) {
      if (this.#state === 'closed') return this.#handBack(row);
      error = (err as Error).name === 'TimeoutError' ? `no answer within ${this.options.timeoutMs} ms` : String((err as Error).cause ?? err);
    }
    if (this.#state === 'closed') return this.#handBack(row);
    const now = this.now();
    if (attempts >= this.options.maxAttempts || now - row.createdAt >= this.options.maxAgeMs) {
      this.options.onFailure?.(true);
      this.log.warn({ webhookId: row.webhookId, url: row.url, attempts, error }, 'webhook delivery given up');
      await this.store.atomically((tx) => tx.finishWebhookDelivery(row.seq, { failed: error }));
      return;
    }
    this.options.onFailure?.(false);
    const delay = Math.min(this.options.maxBackoffMs, this.options.backoffMs * 2 ** (attempts - 1));
    await this.store.atomically((tx) => tx.retryWebhookDeliveryAt(row.seq, attempts, now + delay, error));
  }
}
