import type { FastifyInstance } from 'fastify';

/** `starting` until the composition root has opened the store (migrations included) and wired everything. */
export type ReadinessState = 'starting' | 'ready' | 'draining';

/** A dependency check: resolves true when the dependency answers. */
export type ReadinessCheck = () => Promise<boolean>;

export interface ReadinessReport {
  status: ReadinessState | 'not_ready';
  checks: Record<string, 'ok' | 'failing'>;
}

/** A check that hangs counts as failing after this long (a load balancer probe must get an answer). */
const CHECK_TIMEOUT_MS = 2_000;

/** The node's lifecycle as load balancers see it, and the dependency checks behind `/readyz`. */
export class Readiness {
  #state: ReadinessState = 'starting';

  constructor(private readonly checks: Record<string, ReadinessCheck>) {}

  get state(): ReadinessState {
    return this.#state;
  }

  markReady(): void {
    if (this.#state === 'starting') this.#state = 'ready';
  }

  markDraining(): void {
    this.#state = 'draining';
  }

  async report(): Promise<ReadinessReport> {
    const entries = await Promise.all(Object.entries(this.checks).map(async ([name, check]) => [name, (await withTimeout(check)) ? 'ok' : 'failing'] as const));
    const checks = Object.fromEntries(entries);
    const failing = entries.some(([, result]) => result === 'failing');
    return { status: this.#state !== 'ready' ? this.#state : failing ? 'not_ready' : 'ready', checks };
  }
}

async function withTimeout(check: ReadinessCheck): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<boolean>((resolve) => { timer = setTimeout(() => resolve(false), CHECK_TIMEOUT_MS); });
  try {
    return await Promise.race([check().catch(() => false), timedOut]);
  } finally {
    clearTimeout(timer);
  }
}

export const HEALTH_PATHS: ReadonlySet<string> = new Set(['/healthz', '/readyz']);

/** `/healthz`: the process answers. `/readyz`: 200 when ready to take traffic, else 503. No auth. */
export function registerHealthRoutes(app: FastifyInstance, readiness: Readiness): void {
  app.get('/healthz', async () => ({ status: 'ok' }));
  app.get('/readyz', async (_req, reply) => {
    const report = await readiness.report();
    return reply.code(report.status === 'ready' ? 200 : 503).header('cache-control', 'no-store').send(report);
  });
}
