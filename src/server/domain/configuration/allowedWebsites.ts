import { DomainError } from '../errors.js';

/**
 * The organization's allowed websites: license property `security.allowed_websites`, a string of
 * origins separated by spaces or commas (`https://shop.example https://www.shop.example`).
 * Empty means any website may embed the widget and obtain visitor tokens.
 */
export const ALLOWED_WEBSITES_PROPERTY = { namespace: 'security', name: 'allowed_websites' } as const;

/** The normalized origins of a property value; throws `validation` on anything that is not an http(s) origin. */
export function parseAllowedWebsites(value: string): string[] {
  const origins: string[] = [];
  for (const entry of value.split(/[\s,]+/).filter(Boolean)) {
    let parsed: URL | undefined;
    try {
      parsed = new URL(entry);
    } catch {
      parsed = undefined;
    }
    const isOrigin = parsed && (parsed.protocol === 'http:' || parsed.protocol === 'https:') && !parsed.username && !parsed.password
      && parsed.pathname === '/' && !parsed.search && !parsed.hash && !entry.endsWith('#') && !entry.endsWith('?');
    if (!parsed || !isOrigin) {
      throw new DomainError('validation', `security.allowed_websites: ${JSON.stringify(entry)} is not an origin such as https://shop.example (scheme, host and optional port; no path)`);
    }
    if (!origins.includes(parsed.origin)) origins.push(parsed.origin);
  }
  if (origins.length > 100) throw new DomainError('validation', 'security.allowed_websites holds at most 100 origins');
  return origins;
}

/** Whether a browser `Origin` may use the visitor identity: any when the list is empty. */
export function isAllowedWebsite(allowed: readonly string[], origin: string): boolean {
  return allowed.length === 0 || allowed.includes(origin.toLowerCase());
}
