import { timingSafeEqual } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { webOutcomeOf } from '../api/transport/webActions.js';
import type { SwitchboardMetrics } from './metrics.js';

export interface MetricsSettings {
  /** `METRICS=on` or a token: /metrics is served; otherwise it answers 404. */
  enabled: boolean;
  /** `METRICS_TOKEN`: when set, a scrape must send `Authorization: Bearer <token>`. */
  token?: string;
  /**
   * `METRICS_LOOP_RESOLUTION_MS` (default 10): the event-loop delay sampling period. A stall reads
   * short by up to one period; 1 ms (what the bench uses) costs about 1.5–2 % of a core, 10 ms 0.3 %.
   */
  eventLoopResolutionMs?: number;
}

function bearerMatches(header: string | undefined, token: string): boolean {
  const given = Buffer.from(header ?? '');
  const expected = Buffer.from(`Bearer ${token}`);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/** `/metrics` while metrics are off: a documented 404. */
export function registerMetricsOff(app: FastifyInstance): void {
  app.get('/metrics', async (_req, reply) => reply.code(404).send({ error: { type: 'not_found', message: 'Metrics are off: set METRICS=on or METRICS_TOKEN' } }));
}

/** Serves `/metrics` (Prometheus text format) and feeds Web request outcomes to the metrics. */
export function registerMetrics(app: FastifyInstance, metrics: SwitchboardMetrics, settings: MetricsSettings): void {
  app.addHook('onResponse', async (req, reply) => {
    const outcome = webOutcomeOf(req);
    if (outcome) metrics.transport.request({ ...outcome, transport: 'web', durationMs: reply.elapsedTime });
  });
  app.get('/metrics', async (req, reply) => {
    if (settings.token !== undefined && !bearerMatches(req.headers.authorization, settings.token)) {
      return reply.code(401).header('www-authenticate', 'Bearer').send({ error: { type: 'authentication', message: 'Send Authorization: Bearer <METRICS_TOKEN>' } });
    }
    return reply.type(metrics.registry.contentType).send(await metrics.registry.metrics());
  });
}
