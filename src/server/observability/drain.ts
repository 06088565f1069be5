import type { FastifyInstance } from 'fastify';
import { HEALTH_PATHS, type Readiness } from './readiness.js';

/** Probes and scrapes keep working while a node drains. */
const ALWAYS_SERVED: ReadonlySet<string> = new Set([...HEALTH_PATHS, '/metrics']);

/**
 * The HTTP side of a drain: counts requests in flight, and once the node drains answers new ones
 * (except health probes) with 503 `service_unavailable` and `Connection: close`, so that a load
 * balancer or client retries them on another node.
 */
export class HttpDrainGate {
  #inFlight = 0;
  #idle: (() => void) | undefined;

  constructor(app: FastifyInstance, readiness: Readiness) {
    app.addHook('onRequest', async (req, reply) => {
      if (readiness.state === 'draining' && !ALWAYS_SERVED.has(req.url.split('?')[0]!)) {
        return reply.code(503).header('connection', 'close').header('retry-after', '1')
          .send({ error: { type: 'service_unavailable', message: 'This server is restarting; retry on another node' } });
      }
      this.#inFlight += 1;
      let done = false;
      // onResponse does not run for a request whose client went away: the raw close covers both.
      reply.raw.once('close', () => {
        if (done) return;
        done = true;
        this.#inFlight -= 1;
        if (this.#inFlight === 0) this.#idle?.();
      });
      return undefined;
    });
  }

  /** Resolves once no HTTP request is in flight. */
  idle(): Promise<void> {
    if (this.#inFlight === 0) return Promise.resolve();
    return new Promise((resolve) => {
      this.#idle = () => { this.#idle = undefined; resolve(); };
    });
  }
}

/** Resolves with false when `work` did not finish within `ms`. */
export async function within(ms: number, work: Promise<unknown>): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<boolean>((resolve) => { timer = setTimeout(() => resolve(false), ms); });
  try {
    return await Promise.race([work.then(() => true), timedOut]);
  } finally {
    clearTimeout(timer);
  }
}
