import type { CustomerTokenResponse } from '../protocol/customer.js';
import type { TokenSource } from './RtmClient.js';
import { readJson, type KeyValueStorage } from './storage.js';

export interface CustomerToken {
  accessToken: string;
  entityId: string;
  /** Epoch ms after which the token must not be used. */
  expiresAt: number;
}

/** Pluggable identity: anything that mints customer tokens (ours, LiveChat's accounts service, a test). */
export interface IdentityProvider extends TokenSource {
  getToken(): Promise<CustomerToken>;
}

export interface CookieIdentityOptions {
  /** Base URL of the platform, e.g. `https://chat.example.com` (no trailing slash needed). */
  apiUrl: string;
  organizationId: string;
  clientId: string;
  storage: KeyValueStorage;
  fetch?: typeof fetch;
  now?: () => number;
}

/** A token endpoint failure, with the `identity_exception`/`oauth_exception` code when given. */
export class IdentityError extends Error {
  readonly code: string;
  readonly status: number;
  constructor(code: string, status: number) {
    super(`Customer token request failed: ${code} (HTTP ${status})`);
    this.name = 'IdentityError';
    this.code = code;
    this.status = status;
  }
}

interface StoredIdentity { entity_id: string; refresh_token: string }

/** Renew a token this long before it expires. */
const EXPIRY_MARGIN_MS = 60_000;

/**
 * Switchboard's identity provider: the cookie grant of `POST /v2/customer/token`. The response's
 * `refresh_token` is kept in `storage` and sent back, so a returning visitor keeps the same
 * customer id even where third-party cookies are blocked; cookies are sent too.
 * @example
 * const identity = new CookieIdentityProvider({ apiUrl, organizationId, clientId, storage: browserStorage() });
 * const { accessToken, entityId } = await identity.getToken();
 */
export class CookieIdentityProvider implements IdentityProvider {
  #token: CustomerToken | undefined;
  #inflight: Promise<CustomerToken> | undefined;
  readonly #options: CookieIdentityOptions;
  readonly #key: string;

  constructor(options: CookieIdentityOptions) {
    this.#options = options;
    this.#key = `switchboard:${options.organizationId}:identity`;
  }

  /** The customer id of the last token, or of the stored identity. */
  get customerId(): string | undefined {
    return this.#token?.entityId ?? readJson<StoredIdentity>(this.#options.storage, this.#key)?.entity_id;
  }

  async getAccessToken(): Promise<string> {
    return (await this.getToken()).accessToken;
  }

  getToken(): Promise<CustomerToken> {
    const now = (this.#options.now ?? Date.now)();
    if (this.#token && this.#token.expiresAt - EXPIRY_MARGIN_MS > now) return Promise.resolve(this.#token);
    this.#inflight ??= this.#fetchToken().finally(() => {
      this.#inflight = undefined;
    });
    return this.#inflight;
  }

  invalidate(): void {
    this.#token = undefined;
  }

  /** Forgets the visitor: the next token is for a new customer. */
  forget(): void {
    this.#token = undefined;
    this.#options.storage.removeItem(this.#key);
  }

  async #fetchToken(): Promise<CustomerToken> {
    const { apiUrl, organizationId, clientId, storage } = this.#options;
    const doFetch = this.#options.fetch ?? globalThis.fetch.bind(globalThis);
    const stored = readJson<StoredIdentity>(storage, this.#key);
    const body: Record<string, string> = { grant_type: 'cookie', organization_id: organizationId, client_id: clientId, response_type: 'token' };
    if (stored?.refresh_token) body.refresh_token = stored.refresh_token;
    const response = await doFetch(`${apiUrl.replace(/\/+$/, '')}/v2/customer/token`, {
      method: 'POST',
      credentials: 'include',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    });
    const json = (await response.json().catch(() => ({}))) as Partial<CustomerTokenResponse> & { identity_exception?: string; oauth_exception?: string };
    if (!response.ok || typeof json.access_token !== 'string' || typeof json.entity_id !== 'string') {
      throw new IdentityError(json.identity_exception ?? json.oauth_exception ?? 'invalid_response', response.status);
    }
    const now = (this.#options.now ?? Date.now)();
    const token: CustomerToken = { accessToken: json.access_token, entityId: json.entity_id, expiresAt: now + (json.expires_in ?? 28_800) * 1000 };
    const refresh = json.refresh_token ?? (stored?.entity_id === json.entity_id ? stored.refresh_token : undefined);
    if (refresh) storage.setItem(this.#key, JSON.stringify({ entity_id: json.entity_id, refresh_token: refresh } satisfies StoredIdentity));
    this.#token = token;
    return token;
  }
}
