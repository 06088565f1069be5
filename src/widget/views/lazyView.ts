import { useEffect, useState, type ComponentType } from 'react';

/** A view kept in a chunk of its own: `load()` fetches it once, `useView(key)` renders it when here. */
export interface LazyView<P> {
  load(): Promise<ComponentType<P>>;
  /**
   * The view once its chunk is here, else undefined — fetched while `key` is set; a failed fetch
   * is tried again when `key` changes.
   */
  useView(key: string | undefined): ComponentType<P> | undefined;
}

/**
 * Like `React.lazy`, but once the chunk is here the view renders in the same commit that asks for
 * it, with no suspended frame: opening a chat or a form stays one render, and callers that preload
 * (`await load()`: the bench, tests) render synchronously, as before the split.
 */
export function lazyView<P>(importView: () => Promise<ComponentType<P>>): LazyView<P> {
  let loaded: ComponentType<P> | undefined;
  let loading: Promise<ComponentType<P>> | undefined;
  const load = () => {
    loading ??= importView().then(
      (view) => (loaded = view),
      (error: unknown) => {
        loading = undefined;
        throw error;
      },
    );
    return loading;
  };
  function useView(key: string | undefined): ComponentType<P> | undefined {
    const [, setArrived] = useState(0);
    useEffect(() => {
      if (key === undefined || loaded) return;
      let live = true;
      load().then(() => live && setArrived((n) => n + 1), () => undefined);
      return () => {
        live = false;
      };
    }, [key]);
    return loaded;
  }
  return { load, useView };
}
