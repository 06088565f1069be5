import { LOOK_ATTRIBUTES, type EmbedEventName, type EmbedEvents, type FrameMessage } from '../protocol/embed.js';
import { frameUrl } from './config.js';
import type { LoaderPort, MountPanel, Outgoing } from './port.js';
import { adopt, panelCss } from './styles.js';

const FRAME_SOURCE: FrameMessage['source'] = 'switchboard-frame';

/** The iframe URL with the look the site set on the script tag (`data-lang`, `data-theme`, …). */
export function frameUrlWithLook(base: string, script: HTMLScriptElement | null): string {
  const url = new URL(base);
  for (const [param, attribute] of Object.entries(LOOK_ATTRIBUTES)) {
    const value = script?.getAttribute(attribute)?.trim();
    if (value) url.searchParams.set(param, value);
  }
  return url.href;
}

/**
 * The host page's title counts unread replies while the visitor is elsewhere: "(1) Shop".
 * Returns the function that shows a new count.
 */
function titleCounter(doc: Document): (unread: number) => void {
  let base = doc.title;
  let shown = 0;
  return (unread) => {
    // the page may have changed its own title since (a single-page app navigating)
    if (!shown || !doc.title.startsWith(`(${shown}) `)) base = doc.title;
    shown = unread;
    doc.title = unread ? `(${unread}) ${base}` : base;
  };
}

/**
 * The panel part of the embed (`/embed/panel.js`), imported by the loader with the iframe: the
 * card with its title bar and close button, the widget iframe, and the postMessage channel.
 * Messages are accepted only from that iframe's window, from our host's origin, with
 * `source: 'switchboard-frame'`; they are posted with our host as the explicit target origin.
 */
export const mount: MountPanel = (port: LoaderPort) => {
  const { config, root, wrap, button, pending } = port;
  const doc = root.ownerDocument;
  adopt(root, panelCss);
  const panel = wrap.insertBefore(doc.createElement('div'), button);
  const head = panel.appendChild(doc.createElement('div'));
  const close = head.appendChild(doc.createElement('button'));
  const frame = panel.appendChild(doc.createElement('iframe'));
  panel.className = 'p';
  panel.setAttribute('role', 'dialog');
  panel.setAttribute('aria-label', config.title);
  head.className = 'h';
  head.prepend(config.title);
  close.textContent = '×';
  close.setAttribute('aria-label', 'Close ' + config.title);
  close.onclick = () => port.setOpen(false, true);
  panel.onkeydown = (e) => e.key === 'Escape' && port.setOpen(false, true);
  frame.title = config.title;
  frame.src = frameUrlWithLook(frameUrl(config, location.origin), port.script);
  const brand = port.script?.getAttribute(LOOK_ATTRIBUTES.brand_color)?.trim() ?? '';
  if (/^#[0-9a-f]{6}$/i.test(brand)) adopt(root, `button,.p{background:${brand}}`);
  const showInTitle = titleCounter(doc);

  let ready = false;
  let unread = 0;
  const emit = <E extends EmbedEventName>(event: E, payload: EmbedEvents[E]) => {
    for (const listener of (port.listeners[event] || []).slice()) {
      try {
        listener(payload);
      } catch (error) {
        setTimeout(() => { throw error; }); // NOTE: reported as uncaught, after our own work
      }
    }
  };
  const post = (message: Outgoing) => frame.contentWindow?.postMessage({ ...message, source: 'switchboard-loader' }, config.host);

  doc.defaultView?.addEventListener('message', (e) => {
    const data = e.data as FrameMessage | null;
    if (e.source !== frame.contentWindow || e.origin !== config.host || !data || data.source !== FRAME_SOURCE) return;
    switch (data.type) {
      case 'ready':
        // also after the iframe reloaded (the launcher was re-inserted by SPA navigation)
        ready = true;
        post({ type: 'visibility', open: port.isOpen() });
        pending.splice(0).forEach(post);
        emit('ready', {});
        break;
      case 'state':
        port.remember('a', data.active_chats > 0);
        if (data.unread !== unread) {
          port.setUnread((unread = data.unread));
          showInTitle(unread);
          emit('unread_count_changed', { count: unread });
        }
        break;
      case 'close':
        port.setOpen(false, true);
        break;
      case 'event':
        emit(data.name, data.payload as never);
        break;
    }
  });

  return {
    send: (message) => (ready ? post(message) : pending.push(message)),
    show(open, moveFocus) {
      if (ready) post({ type: 'visibility', open });
      if (open && moveFocus) frame.focus();
    },
    ready: () => ready,
  };
};
