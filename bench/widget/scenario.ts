/**
 * Widget bench scenario: the real ChatWidget over a real store, seeded directly (no server) so
 * that timings start once the data is in the store.
 */
import { QueryClient } from '@tanstack/react-query';
import { createElement, type ComponentType, type ReactNode } from 'react';
import { flushSync } from 'react-dom';
import { createRoot } from 'react-dom/client';
import type { WidgetCommands } from '../../src/widget/state/commands.js';
import { createWidgetStore, type WidgetStore } from '../../src/widget/state/createWidgetStore.js';
import { makeChats, nextPaint, scrollThrough, watchFrames, CUSTOMER } from './data.js';

// NOTE: the views are .tsx and bench/ is type-checked by tsconfig.integration.json, which has no
// JSX setting; Vite's glob import pulls them into the bundle without TypeScript resolving them.
declare global { interface ImportMeta { glob(pattern: string, options: { eager: true }): Record<string, Record<string, unknown>> } }
const views = import.meta.glob('../../src/widget/views/{ChatWidget,WidgetContext}.tsx', { eager: true });
const paneLoader = import.meta.glob('../../src/widget/views/lazyVisitorViews.ts', { eager: true });
const mod = (name: string) => Object.entries({ ...views, ...paneLoader }).find(([path]) => /\/(\w+)\.tsx?$/.exec(path)?.[1] === name)![1];
const ChatWidget = mod('ChatWidget').ChatWidget as ComponentType;
const WidgetProvider = mod('WidgetContext').WidgetProvider as ComponentType<{ store: WidgetStore; commands: WidgetCommands; queryClient: QueryClient; options: { topicSuggestions: string[] }; children?: ReactNode }>;

const store = createWidgetStore();
const dispatch = store.getState().dispatch;
const commands: WidgetCommands = {
  selectChat: (chatId) => dispatch({ type: 'selectChat', chatId }),
  startChat: async () => ({ ok: false, reason: 'bench' }) as never,
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
  startFormChat: async () => ({ ok: false, reason: 'bench' }) as never,
  rateChat: async () => undefined,
  transcript: async () => '',
  emailTranscript: async () => undefined,
};
const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false, refetchOnWindowFocus: false } } });
createRoot(document.getElementById('root')!).render(
  createElement(WidgetProvider, { store, commands, queryClient, options: { topicSuggestions: [] } }, createElement(ChatWidget)),
);

const historyEl = () => document.querySelector<HTMLElement>('[data-testid="history"]');

window.bench = {
  async seed(chats, events) {
    dispatch({ type: 'login', response: { customer: { ...CUSTOMER, statistics: {} }, chats: [], has_active_thread: true, __priv_dynamic_config: { online_groups_ids: [0] } } as never });
    for (const c of makeChats(chats, events)) {
      dispatch({ type: 'threads', chatId: c.id, threads: c.threads, reachedOldest: true });
      dispatch({ type: 'incomingChat', chat: c.chat });
    }
    // The app fetches the chat pane's chunk when a chat is first selected; timings start once it is here.
    await (mod('lazyVisitorViews').chatPane as { load(): Promise<unknown> }).load();
    await nextPaint();
  },
  async open(chatId) {
    const t0 = performance.now();
    flushSync(() => commands.selectChat(chatId));
    await nextPaint();
    return performance.now() - t0;
  },
  async scroll(_chatId, steps) {
    const el = historyEl();
    if (!el) throw new Error('no history element');
    const r = await watchFrames(() => scrollThrough(el, steps));
    return { frames: r.frames, framesOver50: r.framesOver50, maxFrameMs: r.maxFrameMs, longTasks: r.longTasks, scrolledPx: r.result };
  },
  rows: () => document.querySelectorAll('.sb-history__item').length,
};
document.body.dataset.ready = '1';
