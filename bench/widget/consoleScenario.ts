/**
 * Console bench scenario: the console's real History (the shared timeline window) over a real
 * console store, seeded directly (no server), measured like the widget's scenario.
 */
import { createElement, type ComponentType } from 'react';
import { flushSync } from 'react-dom';
import { createRoot } from 'react-dom/client';
import type { ConsoleCommands } from '../../src/console/state/commands.js';
import { createConsoleStore, type ConsoleStore } from '../../src/console/state/createConsoleStore.js';
import '../../src/console/views/console.css';
import { AGENT, CUSTOMER, makeChats, nextPaint, scrollThrough, watchFrames } from './data.js';

// NOTE: the views are .tsx and bench/ is type-checked without JSX (see scenario.ts).
declare global { interface ImportMeta { glob(pattern: string, options: { eager: true }): Record<string, Record<string, unknown>> } }
const views = import.meta.glob('../../src/console/views/{History,ConsoleContext}.tsx', { eager: true });
const mod = (name: string) => Object.entries(views).find(([path]) => path.endsWith(`/${name}.tsx`))![1];
const History = mod('History').History as ComponentType<{ chat: unknown; meId: string; customerId: string }>;
const ConsoleProvider = mod('ConsoleContext').ConsoleProvider as ComponentType<{ store: ConsoleStore; commands: ConsoleCommands; signOut: () => void; children?: unknown }>;

const store = createConsoleStore();
const dispatch = store.getState().dispatch;
// The history only reads; any command it might call does nothing here.
const commands = new Proxy({}, { get: () => async () => undefined }) as ConsoleCommands;
const root = createRoot(document.getElementById('root')!);

function show(chatId: string): void {
  const chat = store.getState().chats[chatId];
  root.render(createElement(ConsoleProvider, { store, commands, signOut: () => undefined },
    chat ? createElement(History, { key: chatId, chat, meId: AGENT.id, customerId: CUSTOMER.id }) : null));
}

window.bench = {
  async seed(chats, events) {
    dispatch({ type: 'login', response: { license: {}, my_profile: { id: AGENT.id, name: AGENT.name, role: 'owner' }, chats_summary: [] } as never });
    for (const c of makeChats(chats, events)) {
      dispatch({ type: 'incomingChat', payload: { chat: c.chat } } as never);
      dispatch({ type: 'threads', chatId: c.id, threads: c.threads.slice(1), olderPageId: undefined });
    }
    flushSync(() => root.render(null));
    await nextPaint();
  },
  async open(chatId) {
    const t0 = performance.now();
    flushSync(() => show(chatId));
    await nextPaint();
    return performance.now() - t0;
  },
  async scroll(_chatId, steps) {
    const el = document.querySelector<HTMLElement>('[role="log"]');
    if (!el) throw new Error('no history element');
    const r = await watchFrames(() => scrollThrough(el, steps));
    return { frames: r.frames, framesOver50: r.framesOver50, maxFrameMs: r.maxFrameMs, longTasks: r.longTasks, scrolledPx: r.result };
  },
  rows: () => document.querySelectorAll('.cs-history__item').length,
};
document.body.dataset.ready = '1';
