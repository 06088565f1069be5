import { render } from '@testing-library/react';
import type { ReactElement } from 'react';
import { vi } from 'vitest';
import type { ConsoleCommands } from '../state/commands.js';
import { createConsoleStore, type ConsoleStore } from '../state/createConsoleStore.js';
import { ConsoleProvider } from './ConsoleContext.js';

/** Commands that record calls (vi.fn) and answer like a quiet server; override what a test needs. */
export function recordingCommands(overrides: Partial<ConsoleCommands> = {}) {
  const base: ConsoleCommands = {
    openChat: () => undefined,
    loadOlder: async () => undefined,
    markSeen: () => undefined,
    sendMessage: async () => true,
    sendFile: async () => true,
    setTyping: () => undefined,
    join: async () => undefined,
    transfer: async () => true,
    close: async () => undefined,
    tag: async () => true,
    ban: async () => true,
    setRoutingStatus: async () => undefined,
    searchArchives: async () => undefined,
    archivesPage: async () => undefined,
    loadCustomer: async () => undefined,
    listAgents: async () => [],
    setMuted: () => undefined,
    dismissError: () => undefined,
    loadActiveChats: async () => undefined,
    takeOver: async () => true,
    watch: () => undefined,
    ...overrides,
  };
  const wrapped = {} as Record<string, unknown>;
  for (const [key, fn] of Object.entries(base)) wrapped[key] = vi.fn(fn as (...args: unknown[]) => unknown);
  return wrapped as { [K in keyof ConsoleCommands]: ReturnType<typeof vi.fn> & ConsoleCommands[K] };
}

export function renderConsole(ui: ReactElement, { store = createConsoleStore(), commands = recordingCommands(), signOut = vi.fn() }: { store?: ConsoleStore; commands?: ConsoleCommands; signOut?: () => void } = {}) {
  const result = render(<ConsoleProvider store={store} commands={commands} signOut={signOut}>{ui}</ConsoleProvider>);
  return { ...result, store, commands, signOut };
}
