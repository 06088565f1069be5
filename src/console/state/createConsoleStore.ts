import { createStore, type StoreApi } from 'zustand/vanilla';
import type { ConsoleAction } from './actions.js';
import { initialConsoleData, type ConsoleData } from './model.js';
import { reduce } from './reduce.js';

export interface ConsoleState extends ConsoleData {
  dispatch(action: ConsoleAction): void;
}

export type ConsoleStore = StoreApi<ConsoleState>;

/**
 * One store per console tab. Framework-free: React binds to it through `useConsole(selector)`.
 * @example
 * const store = createConsoleStore();
 * store.getState().dispatch({ type: 'setView', view: 'queued' });
 */
export function createConsoleStore(initial: Partial<ConsoleData> = {}): ConsoleStore {
  return createStore<ConsoleState>()((set) => ({
    ...initialConsoleData(),
    ...initial,
    dispatch: (action) => set((state) => reduce(state, action)),
  }));
}
