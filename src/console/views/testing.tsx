import { render } from '@testing-library/react';
import type { ReactElement } from 'react';
import { vi } from 'vitest';
import type { ConsoleCommands } from '../state/commands.js';
import { createConsoleStore, type ConsoleStore } from '../state/createConsoleStore.js';
import type { SettingsCommands } from '../state/settingsCommands.js';
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
    transferFacts: async () => ({ candidates: [], statuses: [] }),
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

/** Settings calls that record (vi.fn) and answer like a server with one owner and group 0. */
export function recordingSettings(overrides: Partial<SettingsCommands> = {}) {
  const base: SettingsCommands = {
    loadLicense: async () => ({ maxCustomerChats: 1, allowedWebsites: '', widget: { widget_name: '', logo_url: '', brand_color: '', welcome_text: '', reply_time: '' } }),
    saveLicense: async () => undefined,
    listAgents: async () => [{ id: 'agent@example.com', account_id: 'agent@example.com', name: 'Agent Smith', avatar: '', role: 'owner', login_status: 'accepting chats', max_chats_count: 6, groups: [{ id: 0, priority: 'normal' }] }],
    createAgent: async () => 'token-shown-once',
    updateAgent: async () => undefined,
    deleteAgent: async () => undefined,
    listGroups: async () => [{ id: 0, name: 'General' }],
    createGroup: async () => 1,
    renameGroup: async () => undefined,
    deleteGroup: async () => undefined,
    ...overrides,
  };
  const wrapped = {} as Record<string, unknown>;
  for (const [key, fn] of Object.entries(base)) wrapped[key] = vi.fn(fn as (...args: unknown[]) => unknown);
  return wrapped as { [K in keyof SettingsCommands]: ReturnType<typeof vi.fn> & SettingsCommands[K] };
}

export function renderConsole(ui: ReactElement, { store = createConsoleStore(), commands = recordingCommands(), settings = recordingSettings(), signOut = vi.fn() }: { store?: ConsoleStore; commands?: ConsoleCommands; settings?: SettingsCommands; signOut?: () => void } = {}) {
  const result = render(<ConsoleProvider store={store} commands={commands} settings={settings} signOut={signOut}>{ui}</ConsoleProvider>);
  return { ...result, store, commands, settings, signOut };
}
