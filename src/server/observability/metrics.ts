import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { RequestOutcome, TransportObserver } from '../api/transport/observer.js';
import type { StoreCommitObserver } from '../domain/ports.js';

const PREFIX = 'switchboard_';

/** Where the gauges read their values when Prometheus scrapes. */
export interface MetricSources {
  connections(): { customer: number; agent: number };
  webhookOutboxDepth(): Promise<number>;
  ready(): boolean;
}

/**
 * Every Switchboard metric in one registry of its own (so that two apps in one process, as in the
 * tests, never share counters), plus the observers the transports, the store and the webhook
 * dispatcher report to.
 */
export class SwitchboardMetrics {
  readonly registry = new Registry();
  readonly transport: TransportObserver;
  readonly store: StoreCommitObserver;
  readonly #requests: Counter<'surface' | 'transport' | 'action' | 'outcome'>;
  readonly #latency: Histogram<'surface' | 'transport' | 'action'>;
  readonly #commitSeconds: Histogram;
  readonly #commitUnits: Histogram;
  readonly #webhookFailures: Counter<'final'>;
  #sources: MetricSources | undefined;

  constructor(eventLoopResolutionMs = 10) {
    const registers = [this.registry];
    // A coarser sampling period under-reads a stall by up to the period (#16: the bench watches for
    // stalls over 10 ms at 1 ms). Each scrape reports the delays seen since the previous scrape
    // (prom-client resets the histogram when it reads it).
    collectDefaultMetrics({ register: this.registry, prefix: PREFIX, eventLoopMonitoringPrecision: eventLoopResolutionMs });
    const sources = () => this.#sources;
    new Gauge({
      name: `${PREFIX}rtm_connections`, help: 'Logged-in RTM connections on this node, by surface', labelNames: ['surface'], registers,
      collect() {
        const counts = sources()?.connections() ?? { customer: 0, agent: 0 };
        this.set({ surface: 'customer' }, counts.customer);
        this.set({ surface: 'agent' }, counts.agent);
      },
    });
    new Gauge({
      name: `${PREFIX}webhook_outbox_depth`, help: 'Webhook deliveries waiting in the durable outbox', registers,
      async collect() {
        const source = sources();
        if (source) this.set(await source.webhookOutboxDepth().catch(() => Number.NaN));
      },
    });
    new Gauge({
      name: `${PREFIX}ready`, help: '1 while the node reports ready (/readyz), 0 while starting or draining', registers,
      collect() { this.set(sources()?.ready() ? 1 : 0); },
    });
    this.#requests = new Counter({ name: `${PREFIX}requests_total`, help: 'Answered API requests by surface, transport (rtm/web), action and outcome (success or error type)', labelNames: ['surface', 'transport', 'action', 'outcome'], registers });
    this.#latency = new Histogram({
      name: `${PREFIX}request_duration_seconds`, help: 'Time from receiving a request to answering it', labelNames: ['surface', 'transport', 'action'], registers,
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 15],
    });
    // Pushes are counted in a plain map and handed to prom-client when it collects: a labelled inc()
    // hashes its label object, and a new chat alone is pushed to every agent of its group (#16).
    const uncountedPushes = new Map<string, number>();
    new Counter({
      name: `${PREFIX}pushes_total`, help: 'RTM push frames written to sockets, by push name', labelNames: ['push'], registers,
      collect() {
        for (const [push, n] of uncountedPushes) {
          if (n === 0) continue;
          this.inc({ push }, n);
          uncountedPushes.set(push, 0);
        }
      },
    });
    this.#commitSeconds = new Histogram({
      name: `${PREFIX}store_commit_duration_seconds`, help: 'Time a store transaction was open, from its first unit of work to its durable commit', registers,
      buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1],
    });
    this.#commitUnits = new Histogram({ name: `${PREFIX}store_commit_batch_size`, help: 'Units of work made durable by one (group) commit', registers, buckets: [1, 2, 4, 8, 16, 32, 64, 128, 256, 512] });
    this.#webhookFailures = new Counter({ name: `${PREFIX}webhook_delivery_failures_total`, help: 'Failed webhook delivery attempts; final="true" when the delivery was given up', labelNames: ['final'], registers });

    this.transport = {
      request: (o: RequestOutcome) => {
        this.#requests.inc({ surface: o.surface, transport: o.transport, action: o.action, outcome: o.outcome });
        this.#latency.observe({ surface: o.surface, transport: o.transport, action: o.action }, o.durationMs / 1000);
      },
      pushed: (name) => { uncountedPushes.set(name, (uncountedPushes.get(name) ?? 0) + 1); },
    };
    this.store = {
      committed: ({ durationMs, units }) => {
        this.#commitSeconds.observe(durationMs / 1000);
        this.#commitUnits.observe(units);
      },
    };
  }

  /** Connects the gauges to what they read (known only once the app is assembled). */
  readFrom(sources: MetricSources): void {
    this.#sources = sources;
  }

  webhookFailed(givenUp: boolean): void {
    this.#webhookFailures.inc({ final: String(givenUp) });
  }
}
