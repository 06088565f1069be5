import type { SwitchboardConfig } from '../createSwitchboard.js';

type EntryConfig = Pick<SwitchboardConfig, 'apiUrl' | 'organizationId' | 'clientId' | 'topicSuggestions' | 'language' | 'theme' | 'brandColor' | 'logoUrl' | 'siteName' | 'sound'>;

/** The look the page chose: `?lang=de&theme=dark&brand_color=%23…&logo_url=…&site_name=…&sound=on` or the same as `<meta name="switchboard:…">`. */
function lookOf(query: URLSearchParams): Omit<EntryConfig, 'apiUrl' | 'organizationId' | 'clientId' | 'topicSuggestions'> {
  const read = (name: string) => query.get(name)?.trim() || meta(`switchboard:${name.replace(/_/g, '-')}`);
  const theme = read('theme');
  const look: ReturnType<typeof lookOf> = {};
  const language = read('lang');
  const brandColor = read('brand_color');
  const logoUrl = read('logo_url');
  const siteName = read('site_name');
  if (language) look.language = language;
  if (theme === 'light' || theme === 'dark' || theme === 'auto') look.theme = theme;
  if (brandColor) look.brandColor = brandColor;
  if (logoUrl) look.logoUrl = logoUrl;
  if (siteName) look.siteName = siteName;
  if (read('sound') === 'on') look.sound = true;
  return look;
}

interface RemoteConfig { organization_id?: string; client_id?: string; topic_suggestions?: string[] }

function meta(name: string): string | undefined {
  return document.querySelector<HTMLMetaElement>(`meta[name="${name}"]`)?.content.trim() || undefined;
}

function list(value: string | null | undefined): string[] | undefined {
  if (!value) return undefined;
  const items = value.split(/[,|]/).map((item) => item.trim()).filter(Boolean);
  return items.length ? items : undefined;
}

/**
 * Where a hosted widget finds its config, first match wins per field:
 * 1. the query string: `?organization_id=…&client_id=…&api_url=…&topics=Billing,Orders`;
 * 2. `<meta name="switchboard:organization-id|client-id|api-url|topics">`;
 * 3. `GET <api_url>/widget-config.json` → `{organization_id, client_id, topic_suggestions?}`.
 * `api_url` defaults to the page's own origin.
 */
export async function resolveEntryConfig(doFetch: typeof fetch = fetch): Promise<EntryConfig> {
  const query = new URLSearchParams(location.search);
  const apiUrl = query.get('api_url') ?? meta('switchboard:api-url') ?? location.origin;
  let organizationId = query.get('organization_id') ?? meta('switchboard:organization-id');
  let clientId = query.get('client_id') ?? meta('switchboard:client-id');
  let topics = list(query.get('topics')) ?? list(meta('switchboard:topics'));
  if (!organizationId || !clientId || !topics) {
    try {
      const response = await doFetch(`${apiUrl.replace(/\/+$/, '')}/widget-config.json`, { credentials: 'omit' });
      if (response.ok) {
        const remote = (await response.json()) as RemoteConfig;
        organizationId ??= remote.organization_id;
        clientId ??= remote.client_id;
        topics ??= remote.topic_suggestions;
      }
    } catch {
      // fall through: a missing organization id is reported below
    }
  }
  if (!organizationId) throw new Error('Switchboard: no organization id (query string, <meta name="switchboard:organization-id"> or /widget-config.json)');
  return { apiUrl, organizationId, clientId: clientId ?? 'switchboard-widget', topicSuggestions: topics ?? [], ...lookOf(query) };
}
