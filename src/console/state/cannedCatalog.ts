import type { CannedResponse } from '../../protocol/configuration.js';

/**
 * The license's canned responses as this agent may use them, shared by the composer and the
 * settings section: loaded on first use, refreshed after a change or when the suggestion list opens
 * (another administrator may have added one). Framework-free; views bind with `useSyncExternalStore`.
 */
export interface CannedCatalog {
  /** `undefined` until the first load answered. */
  get(): readonly CannedResponse[] | undefined;
  /** The last load's failure in plain words, if it failed. */
  error(): string | undefined;
  subscribe(listener: () => void): () => void;
  /** Asks the server again; concurrent calls share one request. */
  refresh(): Promise<void>;
}

export function createCannedCatalog(load: () => Promise<CannedResponse[]>, describe: (error: unknown) => string): CannedCatalog {
  let items: readonly CannedResponse[] | undefined;
  let failure: string | undefined;
  let pending: Promise<void> | undefined;
  const listeners = new Set<() => void>();
  const notify = () => listeners.forEach((l) => l());
  return {
    get: () => items,
    error: () => failure,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    refresh() {
      pending ??= load().then(
        (loaded) => {
          items = loaded;
          failure = undefined;
        },
        (err: unknown) => {
          failure = describe(err);
        },
      ).finally(() => {
        pending = undefined;
        notify();
      });
      return pending;
    },
  };
}
