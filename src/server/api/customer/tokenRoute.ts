import type {} from '@fastify/cookie';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { isAllowedWebsite } from '../../domain/configuration/allowedWebsites.js';
import { DomainError } from '../../domain/errors.js';
import { isHttpUrl } from '../../domain/urls.js';
import { isSameOrigin } from '../browser/cors.js';
import type { Platform } from '../../domain/platform.js';
import { KeyedRateLimiter } from '../transport/rateLimiter.js';
import { webPayload } from '../transport/webActions.js';

const tokenRequest = z.looseObject({
  grant_type: z.literal('cookie'),
  organization_id: z.string().min(1),
  client_id: z.string().optional(),
  /** Switchboard: the `refresh_token` of an earlier answer, for clients that cannot keep cookies. */
  refresh_token: z.string().optional(),
});

const COOKIE_ID = '__lc_cid';
const COOKIE_SECRET = '__lc_cst';
const TWO_YEARS_S = 63_072_000;

/**
 * `POST /v2/customer/token` (cookie grant). Returning visitors are recognised by the identity
 * cookies or by the `refresh_token` they kept; either way they get the same `entity_id`.
 * Errors use the accounts service's shape: `{"oauth_exception": "..."}` / `{"identity_exception": "..."}`.
 */
export function registerTokenRoute(app: FastifyInstance, p: Platform, opts: { secureCookies: boolean; perSecond: number }): void {
  // Every new visitor is a new row: cap how fast one address can mint identities.
  const perAddress = new KeyedRateLimiter(opts.perSecond, opts.perSecond * 10);
  app.post('/v2/customer/token', async (req, reply) => {
    if (!perAddress.take(req.ip)) return reply.code(429).send({ oauth_exception: 'temporarily_unavailable', error_description: 'Too many token requests; retry later' });
    let raw: unknown;
    try {
      raw = webPayload(req);
    } catch {
      return reply.code(400).send({ oauth_exception: 'invalid_request', error_description: 'Body is not valid JSON' });
    }
    const parsed = tokenRequest.safeParse(raw);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      return reply.code(400).send({ oauth_exception: 'invalid_request', error_description: `${issue?.path.join('.') || 'body'}: ${issue?.message}` });
    }
    const origin = req.headers.origin;
    if (origin && !isSameOrigin(req, origin)) {
      const allowed = await p.licenses.allowedWebsites({ organizationId: parsed.data.organization_id });
      if (allowed && !isAllowedWebsite(allowed, origin)) {
        return reply.code(403).send({ oauth_exception: 'unauthorized_client', error_description: `${origin} is not one of this organization's allowed websites` });
      }
    }
    const fromRefresh = parsed.data.refresh_token?.split(':');
    const cookieId = req.cookies[COOKIE_ID];
    const cookieSecret = req.cookies[COOKIE_SECRET];
    const [customerId, secret] = fromRefresh && fromRefresh.length === 2 ? fromRefresh : [cookieId, cookieSecret];
    try {
      const issued = await p.customers.issueToken({
        organizationId: parsed.data.organization_id,
        ...(parsed.data.client_id ? { clientId: parsed.data.client_id } : {}),
        ...(customerId && secret ? { customerId, secret } : {}),
        ...(req.headers['user-agent'] ? { userAgent: req.headers['user-agent'] } : {}),
        ...(typeof req.headers.referer === 'string' && isHttpUrl(req.headers.referer) ? { referrer: req.headers.referer } : {}),
      });
      const [id, s] = issued.refresh_token.split(':') as [string, string];
      const cookie = { path: '/v2/customer', maxAge: TWO_YEARS_S, httpOnly: true, secure: opts.secureCookies, sameSite: opts.secureCookies ? 'none' as const : 'lax' as const };
      reply.setCookie(COOKIE_ID, id, cookie).setCookie(COOKIE_SECRET, s, cookie);
      return reply.send(issued);
    } catch (err) {
      if (err instanceof DomainError && err.type === 'license_not_found') {
        return reply.code(400).send({ identity_exception: 'invalid_request', error_description: 'Unknown organization_id' });
      }
      req.log.error({ err }, 'customer token');
      return reply.code(500).send({ oauth_exception: 'server_error' });
    }
  });
}
