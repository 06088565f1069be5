import { mountHostedWidget } from './mount.js';

/** The standalone full-page widget (`index.html`, served at `/`). */
const element = document.getElementById('switchboard');
if (element) void mountHostedWidget(element);
