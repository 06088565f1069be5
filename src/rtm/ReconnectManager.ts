/** A hint from the environment that the network may be usable again (or not). */
export type ConnectivityHint = 'online' | 'offline' | 'visible';

/** Port for environment hints; the browser adapter is `browserConnectivityHints()`. */
export interface ConnectivityHints {
  isOnline(): boolean;
  subscribe(listener: (hint: ConnectivityHint) => void): () => void;
}

export interface ReconnectOptions {
  /** First delay in ms (default 500). */
  minDelayMs?: number;
  /** Upper bound for the delay in ms (default 30 000). */
  maxDelayMs?: number;
  /** Multiplier per failed attempt (default 2). */
  factor?: number;
  /**
   * Upper bound of the random wait before reconnecting after a node said "move on" (close 1012 on
   * drain; default 1 000): spreads the clients of a restarting node over time and over nodes.
   */
  moveOnJitterMs?: number;
  /** Source of jitter in [0, 1) (default Math.random). */
  random?: () => number;
  hints?: ConnectivityHints;
}

/**
 * Owns every reconnect timer of one client: exponential backoff with jitter, and hints from the
 * environment (`online`, tab became visible) that cut a wait short. `dispose()` is idempotent and
 * leaves no timer or listener behind.
 * @example
 * const reconnects = new ReconnectManager(() => client.connect(), { hints: browserConnectivityHints() });
 * socket.onclose = () => reconnects.schedule();
 */
export class ReconnectManager {
  #attempt = 0;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #waiting = false;
  #disposed = false;
  readonly #reconnect: () => void;
  readonly #min: number;
  readonly #max: number;
  readonly #factor: number;
  readonly #random: () => number;
  readonly #moveOnJitter: number;
  readonly #hints: ConnectivityHints | undefined;
  readonly #unsubscribe: (() => void) | undefined;

  constructor(reconnect: () => void, options: ReconnectOptions = {}) {
    this.#reconnect = reconnect;
    this.#min = options.minDelayMs ?? 500;
    this.#max = options.maxDelayMs ?? 30_000;
    this.#factor = options.factor ?? 2;
    this.#random = options.random ?? Math.random;
    this.#moveOnJitter = options.moveOnJitterMs ?? 1_000;
    this.#hints = options.hints;
    this.#unsubscribe = this.#hints?.subscribe((hint) => this.#onHint(hint));
  }

  /** Failed attempts since the last success. */
  get attempt(): number {
    return this.#attempt;
  }

  /** True while a reconnect is pending (timer running or waiting for the network). */
  get waiting(): boolean {
    return this.#waiting;
  }

  /** Delay for the given attempt: half fixed, half random ("equal jitter"), capped at maxDelayMs. */
  delayFor(attempt: number): number {
    const base = Math.min(this.#max, this.#min * this.#factor ** attempt);
    return Math.round(base / 2 + (this.#random() * base) / 2);
  }

  /** Schedules one reconnect after the backoff delay; no-op if one is already pending. Returns the delay. */
  schedule(): number {
    if (this.#disposed || this.#waiting) return 0;
    this.#waiting = true;
    if (this.#hints && !this.#hints.isOnline()) return 0; // resumes on the `online` hint
    const delay = this.delayFor(this.#attempt);
    this.#attempt += 1;
    this.#timer = setTimeout(() => this.#fire(), delay);
    return delay;
  }

  /**
   * Schedules one reconnect after a random wait in [0, moveOnJitterMs): the server is going away on
   * purpose and another node (or this one restarted) takes the client now. Not a failure, so the
   * backoff does not grow. Returns the delay.
   */
  scheduleSoon(): number {
    if (this.#disposed || this.#waiting) return 0;
    this.#waiting = true;
    if (this.#hints && !this.#hints.isOnline()) return 0;
    const delay = Math.floor(this.#random() * this.#moveOnJitter);
    this.#timer = setTimeout(() => this.#fire(), delay);
    return delay;
  }

  /** Call when a connection succeeded (logged in): the next failure starts from the minimum delay. */
  succeeded(): void {
    this.#attempt = 0;
  }

  /** Reconnects now if a reconnect is pending. */
  retryNow(): void {
    if (this.#disposed || !this.#waiting) return;
    this.#fire();
  }

  /** Drops a pending reconnect. */
  cancel(): void {
    this.#clearTimer();
    this.#waiting = false;
  }

  dispose(): void {
    if (this.#disposed) return;
    this.#disposed = true;
    this.cancel();
    this.#unsubscribe?.();
  }

  #fire(): void {
    this.#clearTimer();
    this.#waiting = false;
    this.#reconnect();
  }

  #clearTimer(): void {
    if (this.#timer !== undefined) clearTimeout(this.#timer);
    this.#timer = undefined;
  }

  #onHint(hint: ConnectivityHint): void {
    if (!this.#waiting) return;
    if (hint === 'offline') {
      this.#clearTimer(); // NOTE: keeps #waiting so the `online` hint restarts it
      return;
    }
    this.#fire();
  }
}

/** Browser hints: window `online`/`offline` and document `visibilitychange` to visible. */
export function browserConnectivityHints(win: Window = window): ConnectivityHints {
  return {
    isOnline: () => win.navigator.onLine !== false,
    subscribe(listener) {
      const online = () => listener('online');
      const offline = () => listener('offline');
      const visible = () => {
        if (win.document.visibilityState === 'visible') listener('visible');
      };
      win.addEventListener('online', online);
      win.addEventListener('offline', offline);
      win.document.addEventListener('visibilitychange', visible);
      return () => {
        win.removeEventListener('online', online);
        win.removeEventListener('offline', offline);
        win.document.removeEventListener('visibilitychange', visible);
      };
    },
  };
}
