import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { CustomerActor } from '../../domain/identity/actor.js';
import type { VisitorSessions } from '../../domain/identity/visitorSessions.js';
import { bearer } from '../../domain/identity/customerTokens.js';
import { DomainError } from '../../domain/errors.js';
import type { Platform } from '../../domain/platform.js';
import { validationError } from '../transport/actionRouter.js';
import type { RtmSurface } from '../transport/rtmGateway.js';
import type { KeyedRateLimiter } from '../transport/rateLimiter.js';
import { readUpload, registerWebActions } from '../transport/webActions.js';
import { customerActions } from './actions.js';
import { groupProperties, licenseProperties, login } from './schemas.js';
import { registerTokenRoute } from './tokenRoute.js';

const organizationOf = (query: URLSearchParams | Record<string, unknown>): string | undefined => {
  const v = query instanceof URLSearchParams ? query.get('organization_id') : query.organization_id;
  return typeof v === 'string' && v ? v : undefined;
};

/** The Customer Chat API over RTM: login turns a token into a session; recheck keeps bans effective. */
export function customerRtmSurface(p: Platform, visitorSessions: VisitorSessions): RtmSurface<CustomerActor> {
  return {
    kind: 'customer',
    table: customerActions(p),
    async login(raw, info) {
      const parsed = login.safeParse(raw);
      if (!parsed.success) throw validationError(parsed.error);
      const actor = await p.customers.authenticate(bearer(parsed.data.token), organizationOf(info.query));
      const statuses = await p.licenses.groupStatuses(actor, 'all');
      const online = Object.entries(statuses).filter(([, s]) => s !== 'offline').map(([g]) => Number(g));
      const arriving = await visitorSessions.arriving(actor.licenseId, actor.id);
      const response = await p.customers.login(actor, parsed.data, online, arriving);
      await visitorSessions.opened(actor.licenseId, actor.id);
      const { expiresAt, ...session } = actor;
      const page = parsed.data.customer_page?.url;
      // After the login response is on the wire and the connection receives pushes.
      // NOTE: a greeting is best effort; a failure must not reject an unawaited promise.
      if (page) setImmediate(() => void p.greetings.pageOpened(actor, page).catch(() => undefined));
      return { session, identity: { kind: 'customer', userId: actor.id, licenseId: actor.licenseId }, response, expiresAt };
    },
    onClosed(session) {
      void visitorSessions.closed(session.licenseId, session.id).catch(() => undefined);
    },
    // Chained rather than awaited: one async frame less on every request (#16).
    recheck(session) {
      return p.credentials.customer(session.licenseId, session.id).then((customer) => {
        if (!customer) throw new DomainError('authentication', 'Unknown customer');
        p.customers.checkBan(customer);
      });
    },
  };
}

/** Web routes of the Customer Chat API, plus the customer token endpoint. */
export function registerCustomerWeb(app: FastifyInstance, p: Platform, limiter: KeyedRateLimiter, tokenRoute: { secureCookies: boolean; perSecond: number }): void {
  registerTokenRoute(app, p, tokenRoute);
  const licenseOf = async (req: FastifyRequest) => {
    const org = organizationOf(req.query as Record<string, unknown>);
    if (!org) throw new DomainError('validation', 'organization_id is required');
    const license = await p.uow.read((tx) => tx.getLicenseByOrganization(org));
    if (!license) throw new DomainError('license_not_found');
    return license.id;
  };
  registerWebActions<CustomerActor>(app, {
    name: 'customer',
    table: customerActions(p),
    rateKey: (actor) => `customer:${actor.licenseId}:${actor.id}`,
    async authenticate(req) {
      const org = organizationOf(req.query as Record<string, unknown>);
      if (!org) throw new DomainError('validation', 'organization_id is required');
      const { expiresAt: _e, ...actor } = await p.customers.authenticate(bearer(req.headers.authorization), org);
      return actor;
    },
    getActions: new Set(['list_license_properties', 'list_group_properties', 'list_group_statuses', 'list_team', 'get_customer', 'list_chats', 'get_chat', 'list_threads']),
    anonymous: new Map([
      ['list_license_properties', async (req, payload) => {
        const input = licenseProperties.safeParse(payload);
        if (!input.success) throw validationError(input.error);
        return p.licenses.list(await licenseOf(req), 'customer', input.data);
      }],
      ['list_group_properties', async (req, payload) => {
        const input = groupProperties.safeParse(payload);
        if (!input.success) throw validationError(input.error);
        return p.licenses.listGroup(await licenseOf(req), input.data.id, 'customer', input.data);
      }],
    ]),
    upload: async (session, req) => p.files.upload(session, await readUpload(req)),
  }, limiter);
}
