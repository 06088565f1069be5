/**
 * The postMessage protocol between the script-tag loader (on the host page, `src/embed`) and the
 * widget app in its iframe (`/frame/`, `src/widget/entries/frameBridge.ts`). Both sides import
 * only this file; the loader never imports the widget and the widget never imports the loader.
 *
 * Rules both sides keep:
 * - Every message carries `source` ({@link EMBED_SOURCE}) and `type`.
 * - The loader accepts a message only when `event.origin` is the iframe's origin, `event.source`
 *   is that iframe's window and `data.source === 'switchboard-frame'`.
 * - The iframe accepts a message only when `event.source` is `window.parent` and `event.origin`
 *   is the parent origin given in its URL (`?origin=`).
 * - Both post with that explicit target origin, never `'*'`.
 * - Tokens never cross: the customer token stays in the iframe's own storage (so does the selected
 *   chat). The only things the loader keeps on the host page are open/closed and the "has an active
 *   chat" flag.
 */

export const EMBED_SOURCE = { loader: 'switchboard-loader', frame: 'switchboard-frame' } as const;

/** Query parameters of the iframe URL, set by the loader. */
export const FRAME_PARAMS = {
  /** Origin of the host page; the only origin the iframe talks to. */
  origin: 'origin',
  /** Organization id from `data-organization-id` / `SwitchboardConfig`; absent → the server default. */
  organizationId: 'organization_id',
} as const;

/**
 * The look a site may set on the script tag (`data-lang="de"` …), passed on to the iframe as the
 * query parameter of the same name (`lang`, `theme`, `brand_color`, `logo_url`, `site_name`, `sound`).
 */
export const LOOK_ATTRIBUTES = { lang: 'data-lang', theme: 'data-theme', brand_color: 'data-brand-color', logo_url: 'data-logo-url', site_name: 'data-site-name', sound: 'data-sound' } as const;

/** Events of the public `window.Switchboard.on(name, callback)` API, with their payloads. */
export interface EmbedEvents {
  /** The widget app is loaded and talking to the loader. */
  ready: Record<string, never>;
  /** A message from someone else (agent, bot) arrived in any chat. */
  new_message: { chat_id: string; event_id: string; author_id: string; text?: string };
  /** Total unread messages over all chats changed. */
  unread_count_changed: { count: number };
  /** A chat began (`resumed` when a closed chat got a new thread). */
  chat_started: { chat_id: string; topic?: string; resumed: boolean };
  /** A chat became inactive (ended by the visitor or the agent). */
  chat_closed: { chat_id: string };
  /** `startChat(topic)` from the API was refused (e.g. `chat_limit_reached`, `groups_offline`). */
  chat_start_failed: { topic: string; error: string };
}
export type EmbedEventName = keyof EmbedEvents;

/** Events the iframe forwards as they are (the loader derives `ready` and `unread_count_changed`). */
export const FORWARDED_EVENTS = ['new_message', 'chat_started', 'chat_closed', 'chat_start_failed'] as const;
export type ForwardedEventName = (typeof FORWARDED_EVENTS)[number];

/** Loader → iframe. */
export type LoaderMessage = { source: typeof EMBED_SOURCE.loader } & (
  | { type: 'visibility'; open: boolean }
  | { type: 'start_chat'; topic: string }
  | { type: 'set_customer'; customer: { name?: string; email?: string } }
  | { type: 'set_session_fields'; fields: Record<string, string> }
);

/** What the loader needs to draw the launcher and restore the widget on the next page. */
export interface FrameState {
  /** Unread messages over all chats. */
  unread: number;
  /** Chats with an active thread; > 0 makes the loader load the iframe at once next time. */
  active_chats: number;
}

/** Iframe → loader. */
export type FrameMessage = { source: typeof EMBED_SOURCE.frame } & (
  | { type: 'ready' }
  | ({ type: 'state' } & FrameState)
  /** The visitor pressed Escape in the widget: the loader closes the panel and refocuses the launcher. */
  | { type: 'close' }
  | { [N in ForwardedEventName]: { type: 'event'; name: N; payload: EmbedEvents[N] } }[ForwardedEventName]
);

export type LoaderMessageType = LoaderMessage['type'];

const LOADER_TYPES: readonly string[] = ['visibility', 'start_chat', 'set_customer', 'set_session_fields'] satisfies LoaderMessageType[];

const own = (value: object, key: string): unknown => (Object.prototype.hasOwnProperty.call(value, key) ? (value as Record<string, unknown>)[key] : undefined);

/**
 * Shape check of a message received from the loader. Reads own properties only, so a polluted
 * `Object.prototype` on either side cannot make a foreign object pass.
 */
export function isLoaderMessage(data: unknown): data is LoaderMessage {
  if (typeof data !== 'object' || data === null) return false;
  if (own(data, 'source') !== EMBED_SOURCE.loader) return false;
  const type = own(data, 'type');
  if (typeof type !== 'string' || !LOADER_TYPES.includes(type)) return false;
  switch (type) {
    case 'visibility': return typeof own(data, 'open') === 'boolean';
    case 'start_chat': return typeof own(data, 'topic') === 'string';
    case 'set_customer': return typeof own(data, 'customer') === 'object' && own(data, 'customer') !== null;
    default: return typeof own(data, 'fields') === 'object' && own(data, 'fields') !== null;
  }
}
