import './fullPage.css';
import { readParentOrigin } from './frameBridge.js';
import { mountFramedWidget } from './frameMount.js';
import { mountHostedWidget } from './mount.js';

/**
 * The same widget inside the embed iframe (`/frame/`). Config comes from the iframe URL's query
 * string (the loader sets it) or `/widget-config.json`. Framed by the loader (`?origin=` given and
 * checked), it talks to the host page through the postMessage bridge (frameBridge.ts); opened on
 * its own, it is the plain hosted widget. This entry must not import from `src/embed`.
 */
const element = document.getElementById('switchboard');
const parentOrigin = readParentOrigin(window);
if (element) void (parentOrigin ? mountFramedWidget(element, parentOrigin) : mountHostedWidget(element));
