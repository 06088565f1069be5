import { createContext, useContext, type ReactNode } from 'react';
import { useStore } from 'zustand';
import type { ConsoleCommands } from '../state/commands.js';
import type { ConsoleState, ConsoleStore } from '../state/createConsoleStore.js';
import type { SettingsCommands } from '../state/settingsCommands.js';
import type { DesktopNotifier } from '../notify/desktop.js';
import type { CannedCatalog } from '../state/cannedCatalog.js';

interface ConsoleContextValue {
  store: ConsoleStore;
  commands: ConsoleCommands;
  signOut: () => void;
  /** The Configuration API calls of the settings area. */
  settings?: SettingsCommands;
  /** Desktop notifications (absent in most view tests). */
  desktop?: DesktopNotifier;
  /** Canned responses for the composer and settings (absent in most view tests). */
  canned?: CannedCatalog;
}

const ConsoleContext = createContext<ConsoleContextValue | null>(null);

/** Provides one console instance (store, commands) to the views below it. */
export function ConsoleProvider({ store, commands, signOut, settings, desktop, canned, children }: ConsoleContextValue & { children: ReactNode }) {
  return <ConsoleContext.Provider value={{ store, commands, signOut, ...(settings ? { settings } : {}), ...(desktop ? { desktop } : {}), ...(canned ? { canned } : {}) }}>{children}</ConsoleContext.Provider>;
}

function useConsoleContext(): ConsoleContextValue {
  const value = useContext(ConsoleContext);
  if (!value) throw new Error('Console views must be rendered inside <ConsoleProvider>');
  return value;
}

/** Reads console state; re-renders only when the selected value changes (`Object.is`). */
export function useConsole<T>(selector: (state: ConsoleState) => T): T {
  return useStore(useConsoleContext().store, selector);
}

export function useCommands(): ConsoleCommands {
  return useConsoleContext().commands;
}

export function useSignOut(): () => void {
  return useConsoleContext().signOut;
}

export function useSettings(): SettingsCommands {
  const settings = useConsoleContext().settings;
  if (!settings) throw new Error('The settings area needs <ConsoleProvider settings={…}>');
  return settings;
}

export function useDesktop(): DesktopNotifier | undefined {
  return useConsoleContext().desktop;
}

export function useCannedCatalog(): CannedCatalog | undefined {
  return useConsoleContext().canned;
}
