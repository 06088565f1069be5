import type { AgentActions } from '../protocol/agent.js';
import type { ConfigurationActions } from '../protocol/configuration.js';
import { CURRENT_VERSION } from '../protocol/version.js';
import { agentDialect, patTokenSource, type AgentFlavour } from '../rtm/agentFlavour.js';
import { RtmClient } from '../rtm/RtmClient.js';
import type { SocketFactory } from '../rtm/socket.js';
import { WebApi } from '../rtm/webApi.js';
import { createBeeper, type AudioContextLike } from './notify/beep.js';
import { titleWithBadge } from './notify/titleBadge.js';
import type { ConsoleSession } from './session.js';
import { bindConnection, type Alert } from './state/bindConnection.js';
import { createCommands, type ConsoleCommands } from './state/commands.js';
import { createConsoleStore, type ConsoleStore } from './state/createConsoleStore.js';
import { createSettingsCommands, describeSettingsError, type SettingsCommands } from './state/settingsCommands.js';
import { createCannedCatalog, type CannedCatalog } from './state/cannedCatalog.js';
import { badgeCount, customerName, lastMessage } from './state/selectors.js';
import { createDesktopNotifier, type DesktopNotifier, type NotificationApi } from './notify/desktop.js';

export interface ConsoleEnvironment {
  /** Server origin, e.g. `http://127.0.0.1:8080`. */
  apiUrl: string;
  socketFactory: SocketFactory;
  audio: () => AudioContextLike | undefined;
  /** The page, for the title badge and "is the agent looking" (absent in tests). */
  document?: Pick<Document, 'title' | 'hidden'>;
  storage?: Pick<Storage, 'getItem' | 'setItem'>;
  fetch?: typeof fetch;
  /** The browser's Notification API, for desktop notifications while the tab is in the background. */
  notifications?: () => NotificationApi | undefined;
  /** Brings the console's window to the front (a notification was clicked). */
  focus?: () => void;
}

export interface ConsoleInstance {
  store: ConsoleStore;
  commands: ConsoleCommands;
  settings: SettingsCommands;
  canned: CannedCatalog;
  desktop: DesktopNotifier;
  connect(): void;
  /** Ends the agent's session on the server (all its connections), then disposes. */
  signOut(): Promise<void>;
  dispose(): void;
}

const TITLE = 'Switchboard console';

/**
 * Composition root of one console tab: store, agent RTM client, Web API for uploads, commands,
 * push bindings, sound and title badge. Only the entry calls it.
 * @example
 * const app = createConsole({ agentId, token }, { apiUrl: location.origin, socketFactory: browserSocketFactory, audio: browserAudioContext, document });
 * app.connect();
 */
export function createConsole(session: ConsoleSession, env: ConsoleEnvironment): ConsoleInstance {
  const identity = patTokenSource(session.agentId, session.token);
  const wsUrl = `${env.apiUrl.replace(/^http/, 'ws').replace(/\/+$/, '')}/v${CURRENT_VERSION}/agent/rtm/ws`;
  const client = new RtmClient<AgentFlavour>({
    url: wsUrl, socketFactory: env.socketFactory, identity, dialect: agentDialect('Basic'),
    loginPayload: () => ({ application: { name: 'Switchboard console', version: '1' } }),
  });
  const web = new WebApi<AgentActions>({ apiUrl: env.apiUrl, surface: 'agent', identity, authorization: (token) => `Basic ${token}`, ...(env.fetch ? { fetch: env.fetch } : {}) });
  const configuration = new WebApi<ConfigurationActions>({ apiUrl: env.apiUrl, surface: 'configuration', identity, authorization: (token) => `Basic ${token}`, ...(env.fetch ? { fetch: env.fetch } : {}) });
  const settings = createSettingsCommands(configuration);
  const canned = createCannedCatalog(() => settings.listCannedResponses(), describeSettingsError);
  const store = createConsoleStore({ muted: env.storage?.getItem('switchboard.console.muted') === '1' });
  const commands = createCommands(store, client, web, env.storage);
  const beeper = createBeeper(env.audio);
  const desktop = createDesktopNotifier(env.notifications ?? (() => undefined));

  const onAlert = (alert: Alert) => {
    const state = store.getState();
    const looking = !env.document?.hidden && state.selectedChatId === alert.chatId;
    if (looking) commands.markSeen(alert.chatId);
    if (!state.muted && (!looking || alert.kind === 'chat')) beeper.beep();
    if (!state.muted && env.document?.hidden) {
      const chat = state.chats[alert.chatId];
      const text = chat ? lastMessage(chat) : undefined;
      const title = alert.kind === 'chat' ? `New chat from ${chat ? customerName(chat) : 'a visitor'}` : `${chat ? customerName(chat) : 'A visitor'} wrote`;
      desktop.show(alert.chatId, title, text?.type === 'message' ? text.text : '', () => {
        env.focus?.();
        commands.openChat(alert.chatId);
      });
    }
  };
  const unbind = bindConnection(store, client, onAlert);
  const unsubscribeTitle = store.subscribe((state) => {
    if (env.document) env.document.title = titleWithBadge(TITLE, state.muted ? 0 : badgeCount(state));
  });

  let disposed = false;
  const dispose = () => {
    if (disposed) return;
    disposed = true;
    unbind();
    unsubscribeTitle();
    client.dispose();
    if (env.document) env.document.title = TITLE;
  };
  return {
    store,
    commands,
    settings,
    canned,
    desktop,
    connect: () => client.connect(),
    async signOut() {
      await client.request('logout', {}).catch(() => undefined);
      dispose();
    },
    dispose,
  };
}
