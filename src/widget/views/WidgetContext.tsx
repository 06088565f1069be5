import { QueryClientProvider, type QueryClient } from '@tanstack/react-query';
import { createContext, useContext, type ReactNode } from 'react';
import { useStore } from 'zustand';
import type { WidgetCommands } from '../state/commands.js';
import type { WidgetState, WidgetStore } from '../state/createWidgetStore.js';
import { englishLocale, type Locale } from '../i18n/locale.js';

export type ThemeChoice = 'auto' | 'light' | 'dark';

export interface WidgetOptions {
  /** Topics offered in the "New chat" form. */
  topicSuggestions: readonly string[];
  /** Language, direction and catalog of every visitor-facing string. */
  locale: Locale;
  /** `auto` follows the visitor's `prefers-color-scheme`; the site may fix one. */
  theme: ThemeChoice;
  /** The site's own look, when it sets it (embed attributes, lib props); otherwise the license settings apply. */
  brandColor?: string;
  logoUrl?: string;
  siteName?: string;
  /** Play a short sound when a reply arrives while the widget is hidden. */
  sound: boolean;
}

/** The options of an instance from its config, with the defaults. */
export function widgetOptions(options: Partial<WidgetOptions> | undefined): WidgetOptions {
  return {
    topicSuggestions: options?.topicSuggestions ?? [],
    locale: options?.locale ?? englishLocale,
    theme: options?.theme ?? 'auto',
    sound: options?.sound ?? false,
    ...(options?.brandColor ? { brandColor: options.brandColor } : {}),
    ...(options?.logoUrl ? { logoUrl: options.logoUrl } : {}),
    ...(options?.siteName ? { siteName: options.siteName } : {}),
  };
}

interface WidgetContextValue {
  store: WidgetStore;
  commands: WidgetCommands;
  options: WidgetOptions;
  /** Unsent composer text per chat; kept outside the store so typing does not re-render the widget. */
  drafts: Map<string, string>;
}

const WidgetContext = createContext<WidgetContextValue | null>(null);

export interface WidgetProviderProps {
  store: WidgetStore;
  commands: WidgetCommands;
  queryClient: QueryClient;
  options?: Partial<WidgetOptions>;
  children: ReactNode;
}

const drafts = new WeakMap<WidgetStore, Map<string, string>>();

/** Provides one widget instance (store, commands, query cache) to the views below it. */
export function WidgetProvider({ store, commands, queryClient, options, children }: WidgetProviderProps) {
  let storeDrafts = drafts.get(store);
  if (!storeDrafts) drafts.set(store, (storeDrafts = new Map()));
  const value: WidgetContextValue = { store, commands, options: widgetOptions(options), drafts: storeDrafts };
  return (
    <QueryClientProvider client={queryClient}>
      <WidgetContext.Provider value={value}>{children}</WidgetContext.Provider>
    </QueryClientProvider>
  );
}

function useWidgetContext(): WidgetContextValue {
  const value = useContext(WidgetContext);
  if (!value) throw new Error('Switchboard views must be rendered inside <WidgetProvider>');
  return value;
}

/**
 * Selects from this widget's store; re-renders only when the selected value changes (by `Object.is`).
 * @example const status = useWidget((state) => state.connection.status);
 */
export function useWidget<T>(selector: (state: WidgetState) => T): T {
  return useStore(useWidgetContext().store, selector);
}

export function useCommands(): WidgetCommands {
  return useWidgetContext().commands;
}

export function useWidgetOptions(): WidgetOptions {
  return useWidgetContext().options;
}

export function useWidgetLocale(): Locale {
  return useWidgetContext().options.locale;
}

export function useDrafts(): Map<string, string> {
  return useWidgetContext().drafts;
}

/** The store itself, for effects that subscribe without rendering. */
export function useWidgetStore(): WidgetStore {
  return useWidgetContext().store;
}
