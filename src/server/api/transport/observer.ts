import type { Transport } from './actionRouter.js';

/** One answered request, as metrics see it. `outcome` is `success` or the error type. */
export interface RequestOutcome {
  surface: string;
  transport: Transport;
  /** The action name, or `unknown` for names outside the surface's table (bounded label values). */
  action: string;
  outcome: string;
  durationMs: number;
}

/**
 * What the transports report to whoever watches them (the metrics in `observability/`, wired by
 * app.ts). The transports do not know how it is exported.
 */
export interface TransportObserver {
  request(outcome: RequestOutcome): void;
  /** A push frame written to a socket. */
  pushed(name: string): void;
}

export const IGNORING_OBSERVER: TransportObserver = { request: () => undefined, pushed: () => undefined };

/** Action names as metric labels: a client cannot grow the label set by inventing names. */
export function actionLabel(table: object, name: string): string {
  return name === 'login' || name === 'ping' || Object.hasOwn(table, name) ? name : 'unknown';
}
