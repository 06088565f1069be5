import { useCallback, useEffect, useState } from 'react';
import { describeSettingsError } from '../state/settingsCommands.js';

/** Loads once on mount (and on `reload()`); the error is in plain words. */
export function useLoad<T>(load: () => Promise<T>): { data: T | undefined; error: string | undefined; reload: () => void } {
  const [data, setData] = useState<T>();
  const [error, setError] = useState<string>();
  const [round, setRound] = useState(0);
  useEffect(() => {
    let live = true;
    load().then((value) => live && (setData(value), setError(undefined)), (err: unknown) => live && setError(describeSettingsError(err)));
    return () => {
      live = false;
    };
    // `load` is a fresh arrow on each render: only `round` (a reload) asks again.
  }, [round]);
  const reload = useCallback(() => setRound((n) => n + 1), []);
  return { data, error, reload };
}

/** Runs one save at a time and keeps its outcome for a status line. */
export function useSave(): { busy: boolean; status: { ok: boolean; text: string } | undefined; run: (work: () => Promise<unknown>, done: string) => Promise<boolean> } {
  const [busy, setBusy] = useState(false);
  const [status, setStatus] = useState<{ ok: boolean; text: string }>();
  const run = useCallback(async (work: () => Promise<unknown>, done: string) => {
    setBusy(true);
    setStatus(undefined);
    try {
      await work();
      setStatus({ ok: true, text: done });
      return true;
    } catch (err) {
      setStatus({ ok: false, text: describeSettingsError(err) });
      return false;
    } finally {
      setBusy(false);
    }
  }, []);
  return { busy, status, run };
}
