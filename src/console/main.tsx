import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { browserSocketFactory } from '../rtm/socket.js';
import { createConsole } from './createConsole.js';
import type { NotificationApi } from './notify/desktop.js';
import { browserAudioContext } from './notify/beep.js';
import { clearSession, loadSession, saveSession } from './session.js';
import { ConsoleRoot, type SessionStore } from './views/ConsoleRoot.js';
import './views/console.css';
import './settings/settings-editors.css';

/**
 * Entry of the agent console. The API is the page's own origin (the server serves the console at
 * `/console/`); `?api_url=http://127.0.0.1:8080` points a dev server elsewhere.
 */
const apiUrl = new URLSearchParams(location.search).get('api_url') ?? location.origin;

const sessions: SessionStore = {
  load: () => loadSession(sessionStorage),
  save: (session) => saveSession(sessionStorage, session),
  clear: () => clearSession(sessionStorage),
};

const start = (session: Parameters<typeof createConsole>[0]) =>
  createConsole(session, {
    apiUrl, socketFactory: browserSocketFactory, audio: browserAudioContext, document, storage: localStorage,
    notifications: () => ('Notification' in window ? (window.Notification as unknown as NotificationApi) : undefined),
    focus: () => window.focus(),
  });

const container = document.getElementById('console');
if (!container) throw new Error('console: #console is missing from the page');
createRoot(container).render(
  <StrictMode>
    <ConsoleRoot start={start} sessions={sessions} />
  </StrictMode>,
);
