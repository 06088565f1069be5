import type { IncomingMessage } from 'node:http';
import { isAllowedWebsite } from '../../domain/configuration/allowedWebsites.js';
import type { Platform } from '../../domain/platform.js';
import { originHasHost } from './cors.js';

/**
 * Whether a Customer RTM WebSocket upgrade may open (docs/security.md, "Origins and CORS"). A
 * browser always sends `Origin` on a WebSocket handshake and CORS does not apply to it, so this is
 * where a foreign page is kept from opening a visitor socket:
 * - no `Origin`: not a browser (servers, SDKs on Node), admitted;
 * - the server's own origin (the standalone page, the widget iframe): by the `Host` of the request
 *   or `PUBLIC_URL`, admitted;
 * - otherwise admitted only while `security.allowed_websites` is empty or names the origin.
 */
export function websocketOriginPolicy(p: Platform, organizationId: string, publicUrl: () => string): (req: IncomingMessage) => Promise<boolean> {
  return async (req) => {
    const origin = req.headers.origin;
    if (origin === undefined) return true;
    if (originHasHost(origin, req.headers.host) || originHasHost(origin, ownHost(publicUrl()))) return true;
    // NOTE: one server serves one organization, as for CORS; organization_id in the query names no other.
    return isAllowedWebsite((await p.licenses.allowedWebsites({ organizationId })) ?? [], origin);
  };
}

function ownHost(publicUrl: string): string | undefined {
  try {
    return new URL(publicUrl).host;
  } catch {
    return undefined;
  }
}
