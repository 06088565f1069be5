import { createStore, type StoreApi } from 'zustand/vanilla';
import type { WidgetAction } from './actions.js';
import { initialWidgetData, type WidgetData } from './model.js';
import { reduce } from './reduce.js';

export interface WidgetState extends WidgetData {
  dispatch(action: WidgetAction): void;
}

export type WidgetStore = StoreApi<WidgetState>;

/**
 * One store per widget instance (two widgets on a page never share state). Framework-free:
 * React binds to it through `useWidget(selector)` in the views.
 * @example
 * const store = createWidgetStore();
 * store.getState().dispatch({ type: 'selectChat', chatId: 'PJ0MRSHTDG' });
 */
export function createWidgetStore(initial: Partial<WidgetData> = {}): WidgetStore {
  return createStore<WidgetState>()((set) => ({
    ...initialWidgetData(),
    ...initial,
    dispatch: (action) => set((state) => reduce(state, action)),
  }));
}
