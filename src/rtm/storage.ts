/** The slice of `localStorage` the client uses; injected so Node tests and sandboxed iframes work. */
export interface KeyValueStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

/** Storage that lives as long as the page: the fallback when `localStorage` is unavailable. */
export function memoryStorage(): KeyValueStorage {
  const map = new Map<string, string>();
  return {
    getItem: (key) => map.get(key) ?? null,
    setItem: (key, value) => void map.set(key, value),
    removeItem: (key) => void map.delete(key),
  };
}

/**
 * `localStorage` when it can be used, else memory. Access can throw (blocked cookies, sandboxed
 * iframes, quota), so every call is guarded and a failing write falls back to memory.
 */
export function browserStorage(): KeyValueStorage {
  const fallback = memoryStorage();
  let local: Storage | undefined;
  try {
    local = globalThis.localStorage;
    const probe = '__switchboard_probe__';
    local.setItem(probe, '1');
    local.removeItem(probe);
  } catch {
    local = undefined;
  }
  if (!local) return fallback;
  const store = local;
  return {
    getItem(key) {
      try {
        return store.getItem(key) ?? fallback.getItem(key);
      } catch {
        return fallback.getItem(key);
      }
    },
    setItem(key, value) {
      try {
        store.setItem(key, value);
      } catch {
        fallback.setItem(key, value);
      }
    },
    removeItem(key) {
      fallback.removeItem(key);
      try {
        store.removeItem(key);
      } catch {
        // ignore: nothing stored there
      }
    },
  };
}

/** Reads a JSON value, or `undefined` when missing or unreadable. */
export function readJson<T>(storage: KeyValueStorage, key: string): T | undefined {
  const raw = storage.getItem(key);
  if (raw === null) return undefined;
  try {
    return JSON.parse(raw) as T;
  } catch {
    return undefined;
  }
}
