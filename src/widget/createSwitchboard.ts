import { QueryClient } from '@tanstack/react-query';
import { CookieIdentityProvider, type IdentityProvider } from '../rtm/identity.js';
import { Outbox } from '../rtm/Outbox.js';
import { browserConnectivityHints, type ConnectivityHints } from '../rtm/ReconnectManager.js';
import { RtmClient } from '../rtm/RtmClient.js';
import { browserSocketFactory, type SocketFactory } from '../rtm/socket.js';
import { browserStorage, type KeyValueStorage } from '../rtm/storage.js';
import { WebApi } from '../rtm/webApi.js';
import { CURRENT_VERSION } from '../protocol/version.js';
import { bindConnection } from './state/bindConnection.js';
import { createCommands, type WidgetCommands } from './state/commands.js';
import { createWidgetStore, type WidgetStore } from './state/createWidgetStore.js';
import { cachedLocale, chooseLanguage, englishLocale } from './i18n/locale.js';
import { brandColor, httpUrl } from './state/siteSettings.js';
import { widgetOptions, type ThemeChoice, type WidgetOptions } from './views/WidgetContext.js';

export interface SwitchboardConfig {
  /** Base URL of the platform, e.g. `https://chat.example.com`. */
  apiUrl: string;
  organizationId: string;
  /** The widget application's client id (sent with the token request). */
  clientId: string;
  /** Topics offered when starting a new chat. */
  topicSuggestions?: readonly string[];
  /**
   * Language of the widget's words (`en`, `de`, `ar`; a tag such as `de-AT` also sets date
   * formats). Default: the first of the browser's languages the widget has, else English.
   */
  language?: string;
  /** `light` or `dark` fixes the theme; `auto` (default) follows the visitor's system. */
  theme?: ThemeChoice;
  /** `#rrggbb`; overrides the license's `switchboard.brand_color`. */
  brandColor?: string;
  /** http(s) URL; overrides the license's `switchboard.logo_url`. */
  logoUrl?: string;
  /** Overrides the license's `switchboard.widget_name`. */
  siteName?: string;
  /** Chime when a reply arrives while the widget is hidden (default off). */
  sound?: boolean;
  /** Optional visitor details sent at login. */
  customer?: { name?: string; email?: string };
  /** Ports; browser defaults when omitted. */
  storage?: KeyValueStorage;
  socketFactory?: SocketFactory;
  fetch?: typeof fetch;
  identity?: IdentityProvider;
  connectivityHints?: ConnectivityHints | null;
}

/** One widget instance: its store, the commands views call, the history cache, and its lifetime. */
export interface Switchboard {
  readonly store: WidgetStore;
  readonly commands: WidgetCommands;
  readonly queryClient: QueryClient;
  readonly options: WidgetOptions;
  /** The language tag chosen from the config and the browser; its catalog may need `loadLocale` first. */
  readonly language: string;
  /** Connects (idempotent). */
  start(): void;
  /** Disconnects and stops every timer and listener. Idempotent. */
  dispose(): void;
}

function required(value: string | undefined, name: string): string {
  if (typeof value !== 'string' || value.trim() === '') throw new Error(`Switchboard: ${name} is required`);
  return value.trim();
}

/** `http(s)://host/base` → `ws(s)://host/base/v3.5/customer/rtm/ws?organization_id=…`. */
export function rtmUrl(apiUrl: string, organizationId: string): string {
  const url = new URL(apiUrl);
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error(`Switchboard: apiUrl must be http(s), got ${apiUrl}`);
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
  url.pathname = `${url.pathname.replace(/\/+$/, '')}/v${CURRENT_VERSION}/customer/rtm/ws`;
  url.search = `organization_id=${encodeURIComponent(organizationId)}`;
  return url.toString();
}

/**
 * Builds one widget instance from its config; nothing else is hard-coded. Two instances on a
 * page share nothing (separate stores, sockets, caches, storage keys per organization).
 * @example
 * const switchboard = createSwitchboard({ apiUrl: 'https://chat.example.com', organizationId, clientId });
 * switchboard.start();
 * root.render(<WidgetProvider {...switchboard}><ChatWidget /></WidgetProvider>);
 */
export function createSwitchboard(config: SwitchboardConfig): Switchboard {
  const apiUrl = required(config.apiUrl, 'apiUrl').replace(/\/+$/, '');
  const organizationId = required(config.organizationId, 'organizationId');
  const clientId = required(config.clientId, 'clientId');
  const storage = config.storage ?? browserStorage();
  const identity = config.identity ?? new CookieIdentityProvider({ apiUrl, organizationId, clientId, storage, ...(config.fetch ? { fetch: config.fetch } : {}) });
  const hints = config.connectivityHints === null ? undefined : config.connectivityHints ?? (typeof window === 'undefined' ? undefined : browserConnectivityHints());
  const client = new RtmClient({
    url: rtmUrl(apiUrl, organizationId),
    socketFactory: config.socketFactory ?? browserSocketFactory,
    identity,
    loginPayload: () => ({
      ...(config.customer ? { customer: config.customer } : {}),
      // The server refuses page URLs that are not http(s) (file:, about:blank hosts send none).
      ...(typeof location !== 'undefined' && /^https?:$/.test(location.protocol) ? { customer_page: { url: location.href, ...(typeof document !== 'undefined' && document.title ? { title: document.title } : {}) } } : {}),
    }),
    ...(hints ? { reconnect: { hints } } : {}),
  });
  const webApi = new WebApi({ apiUrl, organizationId, identity, ...(config.fetch ? { fetch: config.fetch } : {}) });
  const outbox = new Outbox({ client, storage, key: `switchboard:${organizationId}:outbox` });
  const store = createWidgetStore();
  const unbind = bindConnection(store, client, outbox);
  const queryClient = new QueryClient({ defaultOptions: { queries: { refetchOnWindowFocus: false } } });
  const commands = createCommands({ store, client, outbox, webApi });
  // history pages that failed while offline load again once the connection is back
  const offLogin = client.onLogin(() => void queryClient.refetchQueries({ predicate: (query) => query.state.status === 'error' }));
  let disposed = false;
  const language = chooseLanguage(config.language, typeof navigator === 'undefined' ? [] : navigator.languages ?? [navigator.language]);
  const theme: ThemeChoice = config.theme === 'light' || config.theme === 'dark' ? config.theme : 'auto';
  const color = brandColor(config.brandColor);
  const logoUrl = httpUrl(config.logoUrl);
  return {
    store,
    commands,
    queryClient,
    language,
    options: widgetOptions({
      topicSuggestions: config.topicSuggestions ?? [],
      locale: cachedLocale(language) ?? englishLocale,
      theme,
      sound: config.sound === true,
      ...(color ? { brandColor: color } : {}),
      ...(logoUrl ? { logoUrl } : {}),
      ...(config.siteName?.trim() ? { siteName: config.siteName.trim() } : {}),
    }),
    start() {
      if (!disposed) client.connect();
    },
    dispose() {
      if (disposed) return;
      disposed = true;
      unbind();
      offLogin();
      client.dispose();
      queryClient.clear();
    },
  };
}
