/** Options a page can set in `window.SwitchboardConfig` before the script tag (all optional). */
export interface SwitchboardConfig {
  /** Same as `data-organization-id`; absent → the server's default organization. */
  organizationId?: string;
  /** Where the widget is served (default: the origin the script came from). */
  host?: string;
  /** Title of the chat panel and the iframe (default "Chat"). */
  title?: string;
}

export interface LoaderConfig {
  /** Origin of our server: the iframe's origin and the only origin messages are accepted from. */
  host: string;
  /** `''` means the server's default organization. */
  org: string;
  title: string;
}

/**
 * Reads the configuration: `data-*` attributes on the script tag win over
 * `window.SwitchboardConfig`, which wins over the defaults.
 * @example
 * <script src="https://chat.example.com/widget.js" data-organization-id="…" async></script>
 */
export function readConfig(script: HTMLScriptElement | null, inline: SwitchboardConfig | undefined, page: Location): LoaderConfig {
  // NOTE: own properties and attributes only: a polluted Object.prototype must not choose our host
  const own = (name: keyof SwitchboardConfig) => (inline && Object.hasOwn(inline, name) && inline[name]) || '';
  return {
    host: new URL(own('host') || (script && script.src) || page.href).origin,
    org: (script && script.getAttribute('data-organization-id')) || own('organizationId'),
    title: own('title') || 'Chat',
  };
}

/** The iframe URL: `/frame/` on our host, told the page origin it may talk to (see `FRAME_PARAMS`). */
export function frameUrl(config: LoaderConfig, pageOrigin: string): string {
  const params = new URLSearchParams({ origin: pageOrigin });
  if (config.org) params.set('organization_id', config.org);
  return config.host + '/frame/?' + params;
}
