import { createElement, useState, type CSSProperties } from 'react';
import { createPortal } from 'react-dom';
import { ChatWidget } from './ChatWidget.js';
import emojiCss from './emoji/emojiPicker.css?inline';
import visitorCss from './visitor.css?inline';
import css from './widget.css?inline';

/**
 * The widget's stylesheets as text, for a custom layout that reuses the `sb-` class names inside
 * its own shadow root. `ChatWidget` from the library does not need it: it carries its styles.
 * NOTE: the lazy views' sheets (forms, rating, emoji picker) are included: the frame loads them
 * into its document with those views, but a shadow root sees none of the document's styles.
 */
export const widgetStyles: string =
  // NOTE: inherited properties (letter-spacing, text-transform, font-weight, …) still flow from the
  // host page into a shadow root; `all: initial` on the root cuts them off. Custom properties are
  // not reset by `all`, so `--switchboard-*` set on any ancestor keep theming the widget.
  `.sb-root{all:initial;display:block}\n${css}\n${visitorCss}\n${emojiCss}`;

const hostStyle: CSSProperties = { display: 'block', height: '100%' };

/**
 * The full widget for host apps (the npm library's `ChatWidget`): rendered through a React portal
 * into an open shadow root on its own host element, with the widget's stylesheet inside. Host CSS
 * (`button { … }`, `* { font: … }`) cannot reach it and its CSS cannot leak out, while context from
 * `SwitchboardProvider` (store, commands, query cache) flows through the portal as usual.
 * Theme it with `--switchboard-*` custom properties on `className`'s element or any ancestor.
 * @example
 * <SwitchboardProvider config={config}><ChatWidget className="support-chat" /></SwitchboardProvider>
 */
export function IsolatedChatWidget({ className }: { className?: string }) {
  const [shadow, setShadow] = useState<ShadowRoot | null>(null);
  const attach = (host: HTMLDivElement | null) => {
    // NOTE: StrictMode and remounts call this again for the same element; a second attachShadow throws.
    if (host && !shadow) setShadow(host.shadowRoot ?? host.attachShadow({ mode: 'open' }));
  };
  // NOTE: a custom element name, so host rules for `div` (or `div { display: none }`) miss the host.
  return createElement(
    'switchboard-chat',
    { ref: attach, className, style: hostStyle },
    shadow && createPortal(<><style>{widgetStyles}</style><ChatWidget /></>, shadow),
  );
}
