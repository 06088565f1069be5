import type { EmbedEventName, EmbedEvents } from '../protocol/embed.js';
import { readConfig, type SwitchboardConfig } from './config.js';
import type { Flag, Listeners, LoaderPort, MountPanel, Outgoing, Panel } from './port.js';
import { adopt, launcherCss } from './styles.js';

type Listener<E extends EmbedEventName> = (payload: EmbedEvents[E]) => void;

/**
 * `window.Switchboard`: methods, and also callable as `Switchboard('method', …args)` (the form the
 * pre-load stub queues, so page code keeps working after the loader replaced the stub).
 * @example
 * Switchboard.on('unread_count_changed', ({ count }) => console.log(count));
 * Switchboard.startChat('Billing');
 */
export interface SwitchboardApi {
  (method: string, ...args: unknown[]): unknown;
  open(): void;
  close(): void;
  toggle(): void;
  /** Opens the widget and starts a chat with this topic; a refusal shows in the widget and fires `chat_start_failed`. */
  startChat(topic: string): void;
  setCustomer(customer: { name?: string; email?: string }): void;
  setSessionFields(fields: Record<string, string>): void;
  /** Subscribes; returns the unsubscribe function. `ready` fires at once when it already happened. */
  on<E extends EmbedEventName>(event: E, listener: Listener<E>): () => void;
}

export interface LoaderGlobal {
  /** The API, or the pre-load stub with its queue of `arguments`. */
  Switchboard?: SwitchboardApi | { q?: Iterable<unknown>[] };
  SwitchboardConfig?: SwitchboardConfig;
}

/** Loads the panel module from our host (a variable URL: bundlers leave it alone). */
export type ImportPanel = (url: string) => Promise<{ mount: MountPanel }>;

/**
 * Starts the loader on a page: draws the launcher in a shadow root and installs
 * `window.Switchboard` (replaying calls the stub queued). Nothing else happens on page load: the
 * panel module and the widget iframe load on hover, focus or click, or at once when the panel was
 * open on the previous page or the visitor has an active chat.
 * NOTE: one closure on purpose, so the minifier can shorten every name (budget: 1.5 KB gzip).
 */
export function boot(win: Window & LoaderGlobal, script: HTMLScriptElement | null, importPanel: ImportPanel): SwitchboardApi {
  const stub = win.Switchboard;
  if (stub && Object.hasOwn(stub, 'open')) return stub as SwitchboardApi; // loaded twice (own property: a polluted prototype is not the API)
  const doc = win.document;
  const config = readConfig(script, win.SwitchboardConfig, win.location);
  const key = 'switchboard:' + config.org;
  const listeners: Listeners = Object.create(null); // no prototype: a polluted one cannot pose as a listener list
  const pending: Outgoing[] = [];
  let memory = '';
  let panel: Panel | undefined;
  let loading: unknown;
  let open = false;
  let unread = 0;

  // storage may be blocked, full or broken by the host page: then the loader just forgets
  const remember = (flag: Flag, on: boolean) => {
    memory = memory.replace(flag, '') + (on ? flag : '');
    try {
      win.localStorage.setItem(key, memory);
    } catch { /* forget */ }
  };
  try {
    memory = win.localStorage.getItem(key) || '';
  } catch { /* forget */ }

  const host = doc.createElement('switchboard-launcher');
  const root = host.attachShadow({ mode: 'open' }); // open: a11y tools and tests see in; page CSS cannot
  adopt(root, launcherCss);
  const wrap = root.appendChild(doc.createElement('div'));
  const button = wrap.appendChild(doc.createElement('button'));
  const badge = button.appendChild(doc.createElement('span'));
  button.className = 'l';

  const render = () => {
    wrap.className = open ? 'o' : '';
    badge.textContent = unread ? '' + unread : ''; // NOTE: the button's aria-label names it, not the badge
    // a disclosure button: its name stays, aria-expanded tells open or closed
    button.setAttribute('aria-label', config.title + (unread ? `, ${unread} unread` : ''));
    button.setAttribute('aria-expanded', '' + open);
  };

  const load = () =>
    (loading ||= importPanel(config.host + '/embed/panel.js').then((module) => {
      panel = module.mount(port);
      panel.show(open, open);
    }));

  const setOpen = (value: boolean, moveFocus?: boolean) => {
    if (moveFocus && open && !value) button.focus();
    open = value;
    render();
    remember('o', open);
    if (open) load();
    panel?.show(open, moveFocus);
  };

  const port: LoaderPort = {
    config, root, wrap, button, pending, listeners, remember, setOpen, script,
    isOpen: () => open,
    setUnread(count) {
      unread = count;
      render();
    },
  };
  const send = (message: Outgoing) => (panel ? panel.send(message) : pending.push(message));

  button.onclick = () => setOpen(!open, true);
  button.onmouseenter = button.onfocus = load;

  // Stay on the page through single-page-app navigation that re-renders or swaps <body>.
  const keep = () => {
    if (doc.body) {
      if (!host.isConnected) doc.body.appendChild(host);
      observer.observe(doc.body, { childList: true });
    }
  };
  const observer = new MutationObserver(keep);
  observer.observe(doc.documentElement, { childList: true });
  keep();

  const methods = {
    open: () => setOpen(true, true),
    close: () => setOpen(false, true),
    toggle: () => setOpen(!open, true),
    startChat(topic: string) {
      setOpen(true, true);
      send({ type: 'start_chat', topic: '' + topic });
    },
    // plain data objects (structured-cloned); the iframe takes only the string fields it knows
    setCustomer: (customer: { name?: string; email?: string }) => send({ type: 'set_customer', customer }),
    setSessionFields: (fields: Record<string, string>) => send({ type: 'set_session_fields', fields }),
    on<E extends EmbedEventName>(event: E, listener: Listener<E>) {
      const list = (listeners[event] ||= []) as Listener<E>[];
      list.push(listener);
      if (event === 'ready' && panel?.ready()) setTimeout(listener, 0, {});
      return () => void list.splice(list.indexOf(listener) >>> 0, 1);
    },
  };
  const api = Object.assign((method: string, ...args: unknown[]) => (methods[method as 'open'] as (...a: unknown[]) => unknown)?.(...args), methods);
  win.Switchboard = api;
  for (const args of (stub as { q?: Iterable<unknown>[] } | undefined)?.q || []) api(...(args as [string])); // `arguments` objects are iterable

  render();
  if (memory.includes('o')) setOpen(true);
  else if (memory.includes('a')) load();
  return api;
}
