import { describe, expect, it, vi } from 'vitest';
import { memoryStorage } from '../../rtm/storage.js';
import type { WidgetCommands } from '../state/commands.js';
import { createWidgetStore } from '../state/createWidgetStore.js';
import type { ChatState } from '../state/model.js';
import { connectFrameBridge, readParentOrigin } from './frameBridge.js';

const PAGE = 'https://shop.test';

/** A framed window: its parent records what it is sent; messages are dispatched by the test. */
function framedWindow(search = `?origin=${encodeURIComponent(PAGE)}`, ancestors?: string[]) {
  const target = new EventTarget();
  const parent = { postMessage: vi.fn() };
  const win = Object.assign(target, { parent, location: { search, ancestorOrigins: ancestors } }) as unknown as Window;
  const deliver = (data: unknown, origin = PAGE, source: unknown = parent) => target.dispatchEvent(Object.assign(new Event('message'), { data, origin, source }));
  return { win, parent, deliver };
}

function commands(): WidgetCommands {
  return {
    selectChat: vi.fn(), startChat: vi.fn(async () => ({ ok: true as const, chatId: 'C1' })), sendMessage: vi.fn(), sendFile: vi.fn(), retry: vi.fn(),
    discard: vi.fn(), endChat: vi.fn(), sendSneakPeek: vi.fn(), sendPostback: vi.fn(), markSeen: vi.fn(), loadHistoryPage: vi.fn(), reconnect: vi.fn(), loadSiteSettings: vi.fn(async () => ({})), loadTeam: vi.fn(async () => []),
    getPrechatForm: vi.fn(), startFormChat: vi.fn(), rateChat: vi.fn(), transcript: vi.fn(), emailTranscript: vi.fn(),
  };
}

function chat(id: string, patch: Partial<ChatState> = {}): ChatState {
  return {
    id, topic: 'Billing', properties: {}, users: {}, active: true, threads: {}, threadOrder: [], events: {}, eventOrder: [],
    lastEvent: undefined, lastActivityAt: '2026-01-01T00:00:00.000000Z', hasOlder: false, ...patch,
  };
}

function setup(search?: string) {
  const frame = framedWindow(search);
  const store = createWidgetStore();
  const cmds = commands();
  const customer = { update: vi.fn(async () => ({})), setSessionFields: vi.fn(async () => ({})) };
  const bridge = connectFrameBridge({ win: frame.win, parentOrigin: PAGE, store, commands: cmds, customer, storage: memoryStorage(), storageKey: 'selected' });
  const sent = () => frame.parent.postMessage.mock.calls.map(([message, origin]) => ({ message, origin }));
  const login = () => store.setState({ synced: true, connection: { status: 'connected' }, customer: { id: 'me', type: 'customer' } as never });
  return { ...frame, store, cmds, customer, bridge, sent, login };
}

const fromLoader = (message: Record<string, unknown>) => ({ source: 'switchboard-loader', ...message });

describe('readParentOrigin()', () => {
  it('returns the origin the loader named when the document is framed', () => {
    expect(readParentOrigin(framedWindow().win)).toBe(PAGE);
  });

  it('refuses a missing, non-http or non-origin value, an unframed document and a mismatching ancestor', () => {
    expect(readParentOrigin(framedWindow('').win)).toBeUndefined();
    expect(readParentOrigin(framedWindow('?origin=javascript:alert(1)').win)).toBeUndefined();
    expect(readParentOrigin(framedWindow(`?origin=${encodeURIComponent(`${PAGE}/path`)}`).win)).toBeUndefined();
    const alone = framedWindow();
    (alone.win as unknown as { parent: unknown }).parent = alone.win;
    expect(readParentOrigin(alone.win)).toBeUndefined();
    expect(readParentOrigin(framedWindow(undefined, ['https://evil.example']).win)).toBeUndefined();
  });
});

describe('connectFrameBridge()', () => {
  it('says ready to the parent with its origin as the explicit target, never *', () => {
    const { sent } = setup();
    expect(sent()).toEqual([{ message: { type: 'ready', source: 'switchboard-frame' }, origin: PAGE }]);
  });

  it('ignores messages from another origin, another window or without the loader source', async () => {
    const { deliver, parent, login, cmds } = setup();
    login();
    deliver(fromLoader({ type: 'start_chat', topic: 'A' }), 'https://evil.example');
    deliver(fromLoader({ type: 'start_chat', topic: 'B' }), PAGE, {});
    deliver({ type: 'start_chat', topic: 'C' });
    deliver(Object.assign(Object.create({ source: 'switchboard-loader' }), { type: 'start_chat', topic: 'D' }));
    deliver(fromLoader({ type: 'start_chat', topic: 'E' }), PAGE, parent);
    await Promise.resolve();
    expect(cmds.startChat).toHaveBeenCalledTimes(1);
    expect(cmds.startChat).toHaveBeenCalledWith('E');
  });

  it('holds page commands until the first login, then runs them in order', async () => {
    const { deliver, login, cmds, customer } = setup();
    deliver(fromLoader({ type: 'set_customer', customer: { name: 'Ada', email: 'ada@example.com', extra: 1 } }));
    deliver(fromLoader({ type: 'start_chat', topic: 'Billing' }));
    expect(cmds.startChat).not.toHaveBeenCalled();
    login();
    expect(customer.update).toHaveBeenCalledWith({ name: 'Ada', email: 'ada@example.com' });
    expect(cmds.startChat).toHaveBeenCalledWith('Billing');
  });

  it('keeps the store invisible while the panel is closed and visible while it is open (ChatPane marks seen only then)', () => {
    const { deliver, store, cmds } = setup();
    expect(store.getState().visible).toBe(false);
    deliver(fromLoader({ type: 'visibility', open: true }));
    expect(store.getState().visible).toBe(true);
    deliver(fromLoader({ type: 'visibility', open: false }));
    expect(store.getState().visible).toBe(false);
    expect(cmds.markSeen).not.toHaveBeenCalled();
  });

  it('reports unread and active chats, new messages from others, and chats closing', () => {
    const { login, store, sent } = setup();
    login();
    store.setState({ chats: { C1: chat('C1') } });
    const message = { id: 'E1', type: 'message', text: 'Hello', author_id: 'agent', created_at: '2026-01-01T00:00:01.000000Z', thread_id: 'T1' } as never;
    store.setState({ chats: { C1: chat('C1', { events: { E1: message }, eventOrder: ['E1'], lastEvent: message }) } });
    store.setState({ chats: { C1: chat('C1', { active: false, events: { E1: message }, eventOrder: ['E1'], lastEvent: message }) } });
    const messages = sent().map(({ message: m }) => m as Record<string, unknown>);
    expect(messages).toContainEqual({ type: 'event', name: 'new_message', payload: { chat_id: 'C1', event_id: 'E1', author_id: 'agent', text: 'Hello' }, source: 'switchboard-frame' });
    expect(messages).toContainEqual({ type: 'state', unread: 1, active_chats: 1, source: 'switchboard-frame' });
    expect(messages).toContainEqual({ type: 'event', name: 'chat_closed', payload: { chat_id: 'C1' }, source: 'switchboard-frame' });
    expect(sent().every(({ origin }) => origin === PAGE)).toBe(true);
    expect(JSON.stringify(messages)).not.toMatch(/token/i);
  });
});
