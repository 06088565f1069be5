import { JSDOM } from 'jsdom';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { FRAME_PARAMS } from '../protocol/embed.js';
import { boot, type ImportPanel, type LoaderGlobal } from './boot.js';
import { frameUrl, readConfig } from './config.js';
import type { LoaderPort, Panel } from './port.js';

type Win = Window & LoaderGlobal;

/**
 * A fresh page per test: the loader keeps itself on its page (a MutationObserver), so pages are
 * not reused. jsdom lacks constructed stylesheets: record what is adopted.
 */
function page(storage: Record<string, string> = {}): Win {
  const { window } = new JSDOM('<!doctype html><html><head></head><body><main>shop</main></body></html>', { url: 'https://shop.test/products' });
  const sheets = new WeakMap<ShadowRoot, CSSStyleSheet[]>();
  Object.defineProperty(window.ShadowRoot.prototype, 'adoptedStyleSheets', {
    get(this: ShadowRoot) { return sheets.get(this) ?? []; },
    set(this: ShadowRoot, value: CSSStyleSheet[]) { sheets.set(this, value); },
  });
  window.CSSStyleSheet.prototype.replaceSync = function replaceSync() {};
  for (const [k, v] of Object.entries(storage)) window.localStorage.setItem(k, v);
  return window as unknown as Win;
}

let win: Win;

function script(attrs: Record<string, string> = {}): HTMLScriptElement {
  const el = win.document.createElement('script');
  el.src = 'https://chat.example.com/widget.js';
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
  return el;
}

/** A fake panel module: records the port and what the loader sends. */
function fakePanel() {
  const sent: unknown[] = [];
  const shown: [boolean, boolean | undefined][] = [];
  let port: LoaderPort | undefined;
  const panel: Panel = { send: (m) => void sent.push(m), show: (open, focus) => void shown.push([open, focus]), ready: () => true };
  const importPanel = vi.fn<ImportPanel>(async () => ({ mount: (p: LoaderPort) => ((port = p), panel) }));
  return { importPanel, sent, shown, port: () => port! };
}

const launcher = () => win.document.querySelector('switchboard-launcher') as HTMLElement;
const button = () => launcher().shadowRoot!.querySelector('button') as HTMLButtonElement;
const flush = () => new Promise((resolve) => setTimeout(resolve, 0));
const storageOf = (w: Win) => Object.fromEntries(Object.keys(w.localStorage).map((k) => [k, w.localStorage.getItem(k) as string]));

beforeEach(() => {
  win = page();
});

describe('readConfig()', () => {
  it('takes the organization id from data-organization-id before window.SwitchboardConfig', () => {
    const config = readConfig(script({ 'data-organization-id': 'org-a' }), { organizationId: 'org-b' }, win.location);
    expect(config).toEqual({ host: 'https://chat.example.com', org: 'org-a', title: 'Chat' });
  });

  it('falls back to the inline config, and to the default organization when none is given', () => {
    expect(readConfig(script(), { organizationId: 'org-b', title: 'Help' }, win.location)).toMatchObject({ org: 'org-b', title: 'Help' });
    expect(readConfig(script(), {}, win.location).org).toBe('');
  });
});

describe('readConfig() on a page with a polluted Object.prototype', () => {
  it('ignores inherited options, so a page script cannot choose the host or organization', () => {
    const proto = Object.prototype as Record<string, unknown>;
    proto.host = 'https://evil.example';
    proto.organizationId = 'evil-org';
    try {
      expect(readConfig(script(), {}, win.location)).toEqual({ host: 'https://chat.example.com', org: '', title: 'Chat' });
      expect(readConfig(script(), undefined, win.location).host).toBe('https://chat.example.com');
    } finally {
      delete proto.host;
      delete proto.organizationId;
    }
  });
});

describe('frameUrl()', () => {
  it('names the page origin and the organization with the parameters the iframe reads', () => {
    const url = new URL(frameUrl({ host: 'https://chat.example.com', org: 'org-a', title: 'Chat' }, 'https://shop.test'));
    expect(url.origin + url.pathname).toBe('https://chat.example.com/frame/');
    expect(url.searchParams.get(FRAME_PARAMS.origin)).toBe('https://shop.test');
    expect(url.searchParams.get(FRAME_PARAMS.organizationId)).toBe('org-a');
  });

  it('leaves the organization out when none is configured (the iframe then asks /widget-config.json)', () => {
    const url = new URL(frameUrl({ host: 'https://chat.example.com', org: '', title: 'Chat' }, 'https://shop.test'));
    expect(url.searchParams.has(FRAME_PARAMS.organizationId)).toBe(false);
  });
});

describe('boot()', () => {
  it('draws only the launcher on page load and imports nothing', () => {
    const { importPanel } = fakePanel();
    boot(win, script(), importPanel);
    expect(launcher().shadowRoot!.querySelectorAll('button')).toHaveLength(1);
    expect(launcher().shadowRoot!.adoptedStyleSheets).toHaveLength(1);
    expect(button().getAttribute('aria-label')).toBe('Chat');
    expect(button().getAttribute('aria-expanded')).toBe('false');
    expect(importPanel).not.toHaveBeenCalled();
  });

  it('imports the panel from the script host on hover and opens it on click', async () => {
    const fake = fakePanel();
    boot(win, script(), fake.importPanel);
    button().dispatchEvent(new MouseEvent('mouseenter'));
    expect(fake.importPanel).toHaveBeenCalledWith('https://chat.example.com/embed/panel.js');
    await flush();
    button().click();
    expect(button().getAttribute('aria-expanded')).toBe('true');
    expect(fake.shown.at(-1)).toEqual([true, true]);
    expect(fake.importPanel).toHaveBeenCalledTimes(1);
  });

  it('replays the calls the stub queued before it loaded', async () => {
    const fake = fakePanel();
    const queue: IArguments[] = [];
    const stub = function () { queue.push(arguments); } as unknown as (...args: unknown[]) => void; // eslint-disable-line prefer-rest-params
    win.Switchboard = Object.assign(stub, { q: queue });
    stub('setCustomer', { name: 'Ada', email: 'ada@example.com' });
    stub('startChat', 'Billing');
    const api = boot(win, script(), fake.importPanel);
    expect(win.Switchboard).toBe(api);
    await flush();
    expect(fake.port().pending).toEqual([
      { type: 'set_customer', customer: { name: 'Ada', email: 'ada@example.com' } },
      { type: 'start_chat', topic: 'Billing' },
    ]);
    expect(button().getAttribute('aria-expanded')).toBe('true');
  });

  it('is callable by method name after load, as the stub was', () => {
    const api = boot(win, script(), fakePanel().importPanel);
    api('open');
    expect(button().getAttribute('aria-expanded')).toBe('true');
    api('toggle');
    expect(button().getAttribute('aria-expanded')).toBe('false');
    expect(api('no-such-method')).toBeUndefined();
  });

  it('remembers that the panel was open and opens it again on the next page', async () => {
    const first = fakePanel();
    boot(win, script(), first.importPanel).open();
    win = page(storageOf(win));
    const second = fakePanel();
    boot(win, script(), second.importPanel);
    expect(second.importPanel).toHaveBeenCalled();
    expect(button().getAttribute('aria-expanded')).toBe('true');
  });

  it('loads the widget at once when the iframe reported an active chat earlier', () => {
    const first = fakePanel();
    boot(win, script(), first.importPanel);
    button().dispatchEvent(new MouseEvent('mouseenter'));
    return flush().then(() => {
      first.port().remember('a', true);
      const stored = storageOf(win);
      expect(JSON.stringify(stored)).not.toMatch(/token|Bearer/i);
      win = page(stored);
      const second = fakePanel();
      boot(win, script(), second.importPanel);
      expect(second.importPanel).toHaveBeenCalled();
      expect(button().getAttribute('aria-expanded')).toBe('false');
    });
  });

  it('shows the unread count on the badge and in the button label', async () => {
    const fake = fakePanel();
    boot(win, script(), fake.importPanel);
    button().focus();
    await flush();
    fake.port().setUnread(3);
    expect(button().querySelector('span')!.textContent).toBe('3');
    expect(button().getAttribute('aria-label')).toBe('Chat, 3 unread');
  });

  it('puts the launcher back when a single-page app replaces the body content', async () => {
    boot(win, script(), fakePanel().importPanel);
    win.history.pushState({}, '', '/next');
    win.document.body.innerHTML = '<main>next page</main>';
    await flush();
    expect(launcher().isConnected).toBe(true);
  });

  it('returns the running API when the script is included twice', () => {
    const api = boot(win, script(), fakePanel().importPanel);
    expect(boot(win, script(), fakePanel().importPanel)).toBe(api);
    expect(win.document.querySelectorAll('switchboard-launcher')).toHaveLength(1);
  });

  it('hands subscriptions to the panel and unsubscribes', async () => {
    const fake = fakePanel();
    const api = boot(win, script(), fake.importPanel);
    const first = vi.fn();
    const second = vi.fn();
    const off = api.on('chat_closed', first);
    api.on('chat_closed', second);
    button().focus();
    await flush();
    expect(fake.port().listeners.chat_closed).toEqual([first, second]);
    off();
    expect(fake.port().listeners.chat_closed).toEqual([second]);
  });
});
