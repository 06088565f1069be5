import { mountHostedWidget } from './mount.js';

/**
 * The same widget inside the embed iframe (`/frame/`). Config comes from the iframe URL's query
 * string (the loader sets it) or `/widget-config.json`. NOTE: the postMessage bridge to the host
 * page is added here by the embed work (issue 6); this entry must not import from `src/embed`.
 */
const element = document.getElementById('switchboard');
if (element) void mountHostedWidget(element);
