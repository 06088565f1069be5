import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Platform } from '../../domain/platform.js';

/**
 * Content-Security-Policy and framing headers for every HTML page the server sends
 * (docs/security.md, "Browsers: CSP and framing"). No page runs inline script or `eval`, and no
 * page has inline `<style>` (React's `style` props go through the CSSOM, which CSP does not
 * govern), so neither `'unsafe-inline'` nor `'unsafe-eval'` appears anywhere.
 */
const BASE: Record<string, string> = {
  'default-src': "'self'",
  'script-src': "'self'",
  'style-src': "'self'",
  // Avatars and rich-message images come from anywhere on the web; file previews from here.
  'img-src': "'self' https: http: data: blob:",
  'media-src': "'self'",
  'font-src': "'self'",
  // 'self' covers ws:/wss: to this host (CSP Level 3).
  'connect-src': "'self'",
  'frame-src': "'self'",
  'object-src': "'none'",
  'base-uri': "'none'",
  'form-action': "'self'",
};

export type PageKind = 'console' | 'widget' | 'demo' | 'other';

/** Which of the served front ends a path belongs to (see staticSites.siteRoots). */
export function pageKind(url: string): PageKind {
  const path = url.split('?')[0]!;
  if (path.startsWith('/console/') || path === '/console') return 'console';
  if (path.startsWith('/demo/') || path === '/demo') return 'demo';
  if (path.startsWith('/frame/') || path === '/' || path === '/index.html') return 'widget';
  return 'other';
}

/** The CSP of one kind of page; `allowedWebsites` ([] = any) are the widget's embedding origins. */
export function contentSecurityPolicy(kind: PageKind, allowedWebsites: readonly string[]): string {
  const directives = { ...BASE };
  switch (kind) {
    case 'widget':
      directives['frame-ancestors'] = allowedWebsites.length === 0 ? '*' : ["'self'", ...allowedWebsites].join(' ');
      break;
    case 'demo':
      directives['frame-ancestors'] = "'self'";
      break;
    default:
      directives['frame-ancestors'] = "'none'";
  }
  return Object.entries(directives).map(([name, value]) => `${name} ${value}`).join('; ');
}

/** Adds the headers to every `text/html` answer. */
export function registerSecurityHeaders(app: FastifyInstance, p: Platform, organizationId: string): void {
  app.addHook('onSend', async (req: FastifyRequest, reply, payload) => {
    const type = reply.getHeader('content-type');
    if (typeof type !== 'string' || !type.startsWith('text/html')) return payload;
    const kind = pageKind(req.url);
    const allowed = kind === 'widget' ? (await p.licenses.allowedWebsites({ organizationId })) ?? [] : [];
    reply.header('content-security-policy', contentSecurityPolicy(kind, allowed));
    reply.header('x-content-type-options', 'nosniff');
    reply.header('referrer-policy', 'strict-origin-when-cross-origin');
    // X-Frame-Options cannot name a list of origins: only the pages nobody may frame carry it.
    if (kind === 'console' || kind === 'other') reply.header('x-frame-options', 'DENY');
    if (kind === 'demo') reply.header('x-frame-options', 'SAMEORIGIN');
    return payload;
  });
}
