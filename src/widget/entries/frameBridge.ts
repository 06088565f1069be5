import {
  EMBED_SOURCE, FRAME_PARAMS, isLoaderMessage,
  type EmbedEvents, type ForwardedEventName, type FrameMessage, type FrameState, type LoaderMessage,
} from '../../protocol/embed.js';
import type { KeyValueStorage } from '../../rtm/storage.js';
import type { WidgetCommands } from '../state/commands.js';
import type { WidgetState, WidgetStore } from '../state/createWidgetStore.js';
import { activeChatsCount, unreadCount } from '../state/selectors.js';

/** What the bridge needs from the widget instance; the customer calls go over the Customer Web API. */
export interface FrameBridgeDeps {
  win: Window;
  /** The host page origin, from {@link readParentOrigin}. */
  parentOrigin: string;
  store: WidgetStore;
  commands: WidgetCommands;
  customer: {
    update(customer: { name?: string; email?: string }): Promise<unknown>;
    setSessionFields(fields: Record<string, string>[]): Promise<unknown>;
  };
  /** The iframe's own storage: remembers the selected chat across page loads. */
  storage: KeyValueStorage;
  storageKey: string;
}

export interface FrameBridge {
  dispose(): void;
}

/**
 * The host page origin this iframe may talk to: the `?origin=` the loader put in the URL, when
 * it is a plain http(s) origin, this document is framed, and (where the browser tells) the
 * parent really is that origin. Otherwise undefined: no bridge, the widget runs on its own.
 */
export function readParentOrigin(win: Window): string | undefined {
  if (win.parent === win) return undefined;
  const given = new URLSearchParams(win.location.search).get(FRAME_PARAMS.origin);
  if (!given) return undefined;
  let origin: string;
  try {
    const url = new URL(given);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
    origin = url.origin;
  } catch {
    return undefined;
  }
  if (origin !== given) return undefined;
  const ancestors = win.location.ancestorOrigins;
  if (ancestors && ancestors.length > 0 && ancestors[0] !== origin) return undefined;
  return origin;
}

interface Seen {
  lastEventId: string | undefined;
  active: boolean;
}

/**
 * The iframe side of the embed: reports unread count, active chats and chat events to the loader
 * and carries out the loader's commands. Accepts only messages whose `source` window is the
 * parent and whose origin is `parentOrigin`; posts only to `parentOrigin`. Never sends a token.
 */
export function connectFrameBridge(deps: FrameBridgeDeps): FrameBridge {
  const { win, parentOrigin, store, commands, storage, storageKey } = deps;
  let lastState: FrameState | undefined;
  let restored = false;
  const seen = new Map<string, Seen>();

  const post = (message: Record<string, unknown> & { type: FrameMessage['type'] }) =>
    win.parent.postMessage({ ...message, source: EMBED_SOURCE.frame }, parentOrigin);
  const emit = <N extends ForwardedEventName>(name: N, payload: EmbedEvents[N]) => post({ type: 'event', name, payload });

  function report(state: WidgetState): void {
    if (!state.synced) return;
    if (!restored) {
      restored = true;
      const remembered = storage.getItem(storageKey);
      if (remembered && state.chats[remembered] && !state.selectedChatId) commands.selectChat(remembered);
    }
    const customerId = state.customer?.id;
    let unread = 0;
    for (const chat of Object.values(state.chats)) {
      unread += unreadCount(chat, customerId);
      const before = seen.get(chat.id);
      const last = chat.lastEvent;
      if (!before) {
        if (lastState) emit('chat_started', { chat_id: chat.id, ...(chat.topic ? { topic: chat.topic } : {}), resumed: false });
      } else {
        if (!before.active && chat.active) emit('chat_started', { chat_id: chat.id, ...(chat.topic ? { topic: chat.topic } : {}), resumed: true });
        if (before.active && !chat.active) emit('chat_closed', { chat_id: chat.id });
        if (last && last.id !== before.lastEventId && last.author_id && last.author_id !== customerId && last.type !== 'system_message') {
          emit('new_message', { chat_id: chat.id, event_id: last.id, author_id: last.author_id, ...(last.type === 'message' ? { text: last.text } : {}) });
        }
      }
      seen.set(chat.id, { lastEventId: last?.id, active: chat.active });
    }
    const next: FrameState = { unread, active_chats: activeChatsCount(state) };
    if (!lastState || lastState.unread !== next.unread || lastState.active_chats !== next.active_chats) post({ type: 'state', ...next });
    lastState = next;
    if (state.selectedChatId) storage.setItem(storageKey, state.selectedChatId);
  }

  function handle(message: LoaderMessage): void {
    switch (message.type) {
      case 'visibility':
        // the open chat marks its messages seen only while the widget is visible (ChatPane)
        store.getState().dispatch({ type: 'visibility', visible: message.open });
        return;
      case 'start_chat':
        void commands.startChat(message.topic).then((result) => {
          if (!result.ok) emit('chat_start_failed', { topic: message.topic, error: result.error });
        });
        return;
      case 'set_customer': {
        const { name, email } = message.customer;
        const customer = { ...(typeof name === 'string' ? { name } : {}), ...(typeof email === 'string' ? { email } : {}) };
        if (Object.keys(customer).length > 0) deps.customer.update(customer).catch(() => undefined);
        return;
      }
      case 'set_session_fields': {
        const fields = Object.entries(message.fields).filter(([, value]) => typeof value === 'string').map(([key, value]) => ({ [key]: value }));
        deps.customer.setSessionFields(fields).catch(() => undefined);
        return;
      }
    }
  }

  // Commands from the page (startChat, setCustomer, …) may come before the first login: they wait
  // for it, in order. `visibility` applies at once.
  let waiting: LoaderMessage[] | undefined = [];
  const ready = (state: WidgetState) => state.synced && state.connection.status === 'connected';
  const release = (state: WidgetState) => {
    if (!waiting || !ready(state)) return;
    const queued = waiting;
    waiting = undefined;
    queued.forEach(handle);
  };
  const onMessage = (event: MessageEvent) => {
    if (event.source !== win.parent || event.origin !== parentOrigin || !isLoaderMessage(event.data)) return;
    if (waiting && event.data.type !== 'visibility') waiting.push(event.data);
    else handle(event.data);
  };
  const onKey = (event: KeyboardEvent) => {
    if (event.key === 'Escape' && !event.defaultPrevented) post({ type: 'close' });
  };
  // the panel starts closed: nothing is seen until the loader says it is open
  store.getState().dispatch({ type: 'visibility', visible: false });
  win.addEventListener('message', onMessage);
  win.addEventListener('keydown', onKey);
  const unsubscribe = store.subscribe((state) => {
    report(state);
    release(state);
  });
  report(store.getState());
  release(store.getState());
  post({ type: 'ready' });

  return {
    dispose() {
      unsubscribe();
      win.removeEventListener('message', onMessage);
      win.removeEventListener('keydown', onKey);
    },
  };
}
