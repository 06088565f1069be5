import type { EmbedEventName, EmbedEvents, LoaderMessage } from '../protocol/embed.js';
import type { LoaderConfig } from './config.js';

/** A loader → iframe message before the `source` stamp is added. */
export type Outgoing = LoaderMessage extends infer M ? (M extends LoaderMessage ? Omit<M, 'source'> : never) : never;

/**
 * What the loader remembers across page loads in the host page's localStorage, as one-letter
 * flags (never a token): `o` the panel was open; `a` the visitor had an active chat, so the
 * widget loads at once (live replies, unread badge).
 */
export type Flag = 'o' | 'a';

export type Listeners = { [E in EmbedEventName]?: ((payload: EmbedEvents[E]) => void)[] };

/**
 * The seam between the two parts of the embed: the loader (`widget.js`, drawn on page load) and
 * the panel (`panel.js`, imported from our host with the iframe on hover, focus or click). The
 * loader owns the launcher, the remembered state and the public API; the panel owns the iframe
 * and the checked postMessage channel. Types only: neither bundle imports the other's code.
 */
export interface LoaderPort {
  config: LoaderConfig;
  /** The loader's own script tag (null when injected without one); the panel reads the look attributes from it. */
  script: HTMLScriptElement | null;
  root: ShadowRoot;
  /** Holds the launcher button; has class `o` while open. The panel inserts itself before the button. */
  wrap: HTMLElement;
  button: HTMLButtonElement;
  /** Calls the API made for the iframe before the panel existed; the panel drains it once the iframe is ready. */
  pending: Outgoing[];
  /** `Switchboard.on` subscriptions; the panel calls them. */
  listeners: Listeners;
  isOpen(): boolean;
  setOpen(open: boolean, moveFocus?: boolean): void;
  /** Redraws the badge (the panel emits `unread_count_changed`). */
  setUnread(count: number): void;
  remember(flag: Flag, on: boolean): void;
}

export interface Panel {
  /** Posts to the iframe now, or queues until it says `ready`. */
  send(message: Outgoing): void;
  /** The loader opened or closed the panel. */
  show(open: boolean, moveFocus?: boolean): void;
  /** The iframe said `ready` (a late `on('ready')` is called at once). */
  ready(): boolean;
}

export type MountPanel = (port: LoaderPort) => Panel;
