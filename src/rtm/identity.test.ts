import { describe, expect, it } from 'vitest';
import { CookieIdentityProvider, IdentityError } from './identity.js';
import { memoryStorage } from './storage.js';

/** A token endpoint that behaves like the server's: a known refresh secret keeps the customer id. */
function tokenEndpoint() {
  const customers = new Map<string, string>();
  const bodies: Record<string, string>[] = [];
  let issued = 0;
  const fetch = (async (url: string, init: RequestInit) => {
    const body = JSON.parse(String(init.body)) as Record<string, string>;
    bodies.push(body);
    if (!url.endsWith('/v2/customer/token')) return new Response('{}', { status: 404 });
    if (body.organization_id !== 'org') return new Response(JSON.stringify({ identity_exception: 'invalid_request' }), { status: 400 });
    issued += 1;
    const known = body.refresh_token ? customers.get(body.refresh_token) : undefined;
    const entityId = known ?? `customer-${issued}`;
    const refresh = `secret-${issued}`;
    customers.set(refresh, entityId);
    return new Response(JSON.stringify({ access_token: `token-${issued}`, entity_id: entityId, expires_in: 3600, token_type: 'Bearer', organization_id: 'org', refresh_token: refresh }), { status: 200 });
  }) as unknown as typeof globalThis.fetch;
  return { fetch, bodies };
}

describe('CookieIdentityProvider', () => {
  describe('getToken()', () => {
    it('posts the cookie grant with organization and client id', async () => {
      const endpoint = tokenEndpoint();
      const identity = new CookieIdentityProvider({ apiUrl: 'http://h/', organizationId: 'org', clientId: 'cid', storage: memoryStorage(), fetch: endpoint.fetch });
      const token = await identity.getToken();
      expect(token).toMatchObject({ accessToken: 'token-1', entityId: 'customer-1' });
      expect(endpoint.bodies[0]).toMatchObject({ grant_type: 'cookie', organization_id: 'org', client_id: 'cid' });
      expect(endpoint.bodies[0]?.refresh_token).toBeUndefined();
    });

    it('keeps the same customer id across visits through the stored refresh secret', async () => {
      const endpoint = tokenEndpoint();
      const storage = memoryStorage();
      const first = await new CookieIdentityProvider({ apiUrl: 'http://h', organizationId: 'org', clientId: 'cid', storage, fetch: endpoint.fetch }).getToken();
      const second = await new CookieIdentityProvider({ apiUrl: 'http://h', organizationId: 'org', clientId: 'cid', storage, fetch: endpoint.fetch }).getToken();
      expect(second.entityId).toBe(first.entityId);
      expect(second.accessToken).not.toBe(first.accessToken);
      expect(endpoint.bodies[1]?.refresh_token).toBe('secret-1');
    });

    it('reuses a valid token, shares one request between concurrent callers and refetches after invalidate()', async () => {
      const endpoint = tokenEndpoint();
      const identity = new CookieIdentityProvider({ apiUrl: 'http://h', organizationId: 'org', clientId: 'cid', storage: memoryStorage(), fetch: endpoint.fetch });
      const [a, b] = await Promise.all([identity.getAccessToken(), identity.getAccessToken()]);
      expect(a).toBe(b);
      expect(await identity.getAccessToken()).toBe(a);
      expect(endpoint.bodies).toHaveLength(1);
      identity.invalidate();
      expect(await identity.getAccessToken()).toBe('token-2');
    });

    it('refetches a token that is about to expire', async () => {
      const endpoint = tokenEndpoint();
      let now = 0;
      const identity = new CookieIdentityProvider({ apiUrl: 'http://h', organizationId: 'org', clientId: 'cid', storage: memoryStorage(), fetch: endpoint.fetch, now: () => now });
      await identity.getToken();
      now = 3600_000 - 30_000;
      expect(await identity.getAccessToken()).toBe('token-2');
    });

    it('rejects with the identity_exception code on failure', async () => {
      const endpoint = tokenEndpoint();
      const identity = new CookieIdentityProvider({ apiUrl: 'http://h', organizationId: 'other', clientId: 'cid', storage: memoryStorage(), fetch: endpoint.fetch });
      await expect(identity.getToken()).rejects.toEqual(new IdentityError('invalid_request', 400));
    });
  });
});
