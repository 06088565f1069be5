import type { FastifyCorsOptions } from '@fastify/cors';
import type { FastifyRequest } from 'fastify';
import { isAllowedWebsite } from '../../domain/configuration/allowedWebsites.js';
import type { Platform } from '../../domain/platform.js';

const COMMON = {
  methods: ['GET', 'POST', 'OPTIONS'],
  allowedHeaders: ['Authorization', 'Content-Type', 'X-API-Version', 'X-Region', 'X-Author-Id'],
  maxAge: 86_400,
};

/** Routes that carry the visitor identity (cookies on the token endpoint) or act as the visitor. */
const VISITOR_ROUTE = /^\/(v2\/customer\/token|v\d+\.\d+\/customer\/)/;

/** Same-origin requests (the standalone page, the iframe) are always the server's own pages. */
export function isSameOrigin(req: FastifyRequest, origin: string): boolean {
  return originHasHost(origin, req.host);
}

/** Whether `origin` (an `Origin` header) names `host` (`name[:port]`); false for `null` and garbage. */
export function originHasHost(origin: string, host: string | undefined): boolean {
  try {
    return host !== undefined && new URL(origin).host === host;
  } catch {
    return false;
  }
}

/**
 * CORS per route (docs/security.md, "Origins and CORS"):
 * - visitor routes: the exact origin echoed with credentials, for the organization's allowed
 *   websites only (any website while the list is empty); other origins get no CORS headers;
 * - everything else (Agent Chat and Configuration APIs, widget-config.json, files): the origin
 *   echoed, never with credentials. Those APIs authenticate by the Authorization header, which a
 *   foreign page can only send if it already holds the secret; no cookie ever grants access.
 */
export function corsPolicy(p: Platform, organizationId: string): FastifyCorsOptions {
  return {
    hook: 'onRequest',
    delegator: async (req: FastifyRequest) => {
      const origin = req.headers.origin;
      if (!VISITOR_ROUTE.test(req.url)) return { ...COMMON, origin: true, credentials: false };
      if (!origin) return { ...COMMON, origin: false };
      // NOTE: the request body (with its organization_id) is not read yet; one server serves one organization.
      const allowed = isSameOrigin(req, origin) || isAllowedWebsite((await p.licenses.allowedWebsites({ organizationId })) ?? [], origin);
      return allowed ? { ...COMMON, origin: true, credentials: true } : { ...COMMON, origin: false };
    },
  } as FastifyCorsOptions;
}
