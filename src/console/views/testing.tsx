import { render } from '@testing-library/react';
import type { ReactElement } from 'react';
import { vi } from 'vitest';
import type { ConsoleCommands } from '../state/commands.js';
import { createConsoleStore, type ConsoleStore } from '../state/createConsoleStore.js';
import type { CannedResponse, ConfigBot, ConfigWebhook } from '../../protocol/configuration.js';
import type { BotSettings } from '../state/botSettings.js';
import type { PrechatSettings } from '../state/prechatSettings.js';
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
    ...memoryPrechatAndBots(),
    ...overrides,
  };
  const wrapped = {} as Record<string, unknown>;
  for (const [key, fn] of Object.entries(base)) wrapped[key] = vi.fn(fn as (...args: unknown[]) => unknown);
  return wrapped as { [K in keyof SettingsCommands]: ReturnType<typeof vi.fn> & SettingsCommands[K] };
}

/** The pre-chat form and bots (with webhooks) kept in memory, like a server with none at first. */
function memoryPrechatAndBots(): PrechatSettings & BotSettings {
  let prechat = '';
  const bots: ConfigBot[] = [];
  const hooks: ConfigWebhook[] = [];
  const disabled = new Set<string>();
  return {
    loadPrechatForm: async () => prechat,
    savePrechatForm: async (json) => { prechat = json; },
    disablePrechatForm: async () => { prechat = ''; },
    listBots: async () => bots.map((b) => ({ ...b })),
    createBot: async (input) => {
      const n = bots.length + 1;
      const bot: ConfigBot = { id: `bot${n}`, avatar: '', owner_client_id: `client${n}`, max_chats_count: 6, groups: [{ id: 0, priority: 'normal' }], ...input };
      bots.push(bot);
      return { id: bot.id, secret: `secret-of-bot${n}`, ownerClientId: bot.owner_client_id! };
    },
    updateBot: async (id, input) => { Object.assign(bots.find((b) => b.id === id) ?? {}, input); },
    deleteBot: async (bot) => { bots.splice(bots.findIndex((b) => b.id === bot.id), 1); },
    listWebhooks: async (owner) => hooks.filter((h) => h.owner_client_id === owner),
    registerWebhook: async (owner, input) => {
      const id = `hook${hooks.length + 1}`;
      hooks.push({ id, description: '', filters: {}, owner_client_id: owner, ...input });
      return id;
    },
    unregisterWebhook: async (_owner, id) => { hooks.splice(hooks.findIndex((h) => h.id === id), 1); },
    listWebhookActions: async () => ['incoming_chat', 'incoming_event', 'chat_deactivated'],
    licenseWebhooksEnabled: async (owner) => !disabled.has(owner),
    setLicenseWebhooksEnabled: async (owner, on) => { if (on) disabled.delete(owner); else disabled.add(owner); },
  };
}

export const cannedCatalogOf = (settings: SettingsCommands): CannedCatalog => createCannedCatalog(() => settings.listCannedResponses(), describeSettingsError);

export function renderConsole(ui: ReactElement, { store = createConsoleStore(), commands = recordingCommands(), settings = recordingSettings(), canned, signOut = vi.fn() }: { store?: ConsoleStore; commands?: ConsoleCommands; settings?: SettingsCommands; canned?: CannedCatalog; signOut?: () => void } = {}) {
  const result = render(<ConsoleProvider store={store} commands={commands} settings={settings} signOut={signOut} {...(canned ? { canned } : {})}>{ui}</ConsoleProvider>);
  return { ...result, store, commands, settings, canned, signOut };
}
