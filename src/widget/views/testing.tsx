import { QueryClient } from '@tanstack/react-query';
import { render } from '@testing-library/react';
import type { ReactElement } from 'react';
import { vi } from 'vitest';
import type { WidgetCommands } from '../state/commands.js';
import { createWidgetStore, type WidgetStore } from '../state/createWidgetStore.js';
import { chatPane, topicForm } from './lazyVisitorViews.js';
import { WidgetProvider, type WidgetOptions } from './WidgetContext.js';

/**
 * Fetches the views the app loads on demand (chat pane, topic form), so that a test renders them
 * in the same commit as the click or selection that shows them. Call in `beforeAll`.
 */
export async function preloadLazyViews(): Promise<void> {
  await Promise.all([chatPane.load(), topicForm.load()]);
}

/** Commands that record calls (vi.fn) and answer like a quiet server; override what a test needs. */
export function recordingCommands(overrides: Partial<WidgetCommands> = {}): { [K in keyof WidgetCommands]: ReturnType<typeof vi.fn> & WidgetCommands[K] } {
  const base: WidgetCommands = {
    selectChat: () => undefined,
    startChat: async () => ({ ok: true, chatId: 'NEW' }),
    sendMessage: () => undefined,
    sendFile: async () => undefined,
    retry: () => undefined,
    discard: () => undefined,
    endChat: async () => undefined,
    sendSneakPeek: () => undefined,
    sendPostback: async () => undefined,
    markSeen: () => undefined,
    loadHistoryPage: async () => ({ threadIds: [], olderPageId: undefined }),
    reconnect: () => undefined,
    loadSiteSettings: async () => ({}),
    loadTeam: async () => [],
    getPrechatForm: async () => ({ enabled: false }),
    startFormChat: async () => ({ ok: true, chatId: 'NEW' }),
    rateChat: async () => undefined,
    transcript: async () => 'Chat transcript\n',
    emailTranscript: async () => undefined,
    ...overrides,
  };
  const wrapped = {} as Record<string, unknown>;
  for (const [key, fn] of Object.entries(base)) wrapped[key] = vi.fn(fn as (...args: unknown[]) => unknown);
  return wrapped as never;
}

export function renderWithWidget(ui: ReactElement, options: { store?: WidgetStore; commands?: WidgetCommands; topicSuggestions?: string[]; widget?: Partial<WidgetOptions> } = {}) {
  const store = options.store ?? createWidgetStore();
  const commands = options.commands ?? recordingCommands();
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  const result = render(
    <WidgetProvider store={store} commands={commands} queryClient={queryClient} options={{ ...options.widget, topicSuggestions: options.topicSuggestions ?? [] }}>
      {ui}
    </WidgetProvider>,
  );
  return { ...result, store, commands, queryClient };
}
