import { render } from '@testing-library/react';
import type { ReactElement } from 'react';
import { vi } from 'vitest';
import type { ConsoleCommands } from '../state/commands.js';
import { createConsoleStore, type ConsoleStore } from '../state/createConsoleStore.js';
import type { CannedResponse } from '../../protocol/configuration.js';
import { createCannedCatalog, type CannedCatalog } from '../state/cannedCatalog.js';
import { describeSettingsError, type SettingsCommands } from '../state/settingsCommands.js';
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

/** A canned response as the server renders it; `tags` and `text` from the test. */
export function cannedResponse(id: number, tags: string[], text: string, groupId = 0): CannedResponse {
  return { id, tags, text, group_id: groupId, is_private: false, author_id: 'agent@example.com', created_by: 'agent@example.com', created_at: '2026-11-28T10:00:00.000000Z', updated_at: '2026-11-28T10:00:00.000000Z' };
}

/**
 * Settings calls that record (vi.fn) and answer like a server with one owner and group 0; canned
 * responses are kept in memory (starting with `canned`), so a change shows in the next list.
 */
export function recordingSettings(overrides: Partial<SettingsCommands> = {}, canned: CannedResponse[] = []) {
  const responses = [...canned];
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
    listCannedResponses: async () => responses.map((r) => ({ ...r })),
    createCannedResponse: async (input) => {
      const id = Math.max(0, ...responses.map((r) => r.id)) + 1;
      responses.push(cannedResponse(id, input.tags, input.text, input.group_id));
      return id;
    },
    updateCannedResponse: async (id, input) => {
      const r = responses.find((x) => x.id === id);
      if (r) Object.assign(r, { text: input.text, tags: input.tags, group_id: input.group_id });
    },
    deleteCannedResponse: async (id) => {
      responses.splice(responses.findIndex((x) => x.id === id), 1);
    },
    ...overrides,
  };
  const wrapped = {} as Record<string, unknown>;
  for (const [key, fn] of Object.entries(base)) wrapped[key] = vi.fn(fn as (...args: unknown[]) => unknown);
  return wrapped as { [K in keyof SettingsCommands]: ReturnType<typeof vi.fn> & SettingsCommands[K] };
}

export const cannedCatalogOf = (settings: SettingsCommands): CannedCatalog => createCannedCatalog(() => settings.listCannedResponses(), describeSettingsError);

export function renderConsole(ui: ReactElement, { store = createConsoleStore(), commands = recordingCommands(), settings = recordingSettings(), canned, signOut = vi.fn() }: { store?: ConsoleStore; commands?: ConsoleCommands; settings?: SettingsCommands; canned?: CannedCatalog; signOut?: () => void } = {}) {
  const result = render(<ConsoleProvider store={store} commands={commands} settings={settings} signOut={signOut} {...(canned ? { canned } : {})}>{ui}</ConsoleProvider>);
  return { ...result, store, commands, settings, canned, signOut };
}
