import { createHmac, timingSafeEqual } from 'node:crypto';
import { DomainError } from '../errors.js';
import type { Clock } from '../ports.js';

export interface CustomerTokenClaims {
  customerId: string;
  licenseId: number;
  clientId?: string;
  /** Microseconds since the epoch. */
  expiresAt: number;
}

/**
 * Customer access tokens: self-contained claims signed with the server's secret (HMAC-SHA256),
 * so checking one costs no database read. Forged or expired tokens fail with `authentication`.
 */
export class CustomerTokens {
  constructor(private readonly secret: string, private readonly clock: Clock, readonly ttlSeconds: number) {}

  issue(claims: Omit<CustomerTokenClaims, 'expiresAt'>): { token: string; expiresIn: number } {
    const body: CustomerTokenClaims = { ...claims, expiresAt: this.clock.now() + this.ttlSeconds * 1e6 };
    const encoded = Buffer.from(JSON.stringify(body)).toString('base64url');
    return { token: `sbc.${encoded}.${this.#sign(encoded)}`, expiresIn: this.ttlSeconds };
  }

  verify(token: string): CustomerTokenClaims {
    const parts = token.split('.');
    if (parts.length !== 3 || parts[0] !== 'sbc') throw new DomainError('authentication', 'Invalid access token');
    const [, encoded, signature] = parts as [string, string, string];
    const expected = Buffer.from(this.#sign(encoded));
    const given = Buffer.from(signature);
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) throw new DomainError('authentication', 'Invalid access token');
    const claims = JSON.parse(Buffer.from(encoded, 'base64url').toString('utf8')) as CustomerTokenClaims;
    if (claims.expiresAt <= this.clock.now()) throw new DomainError('authentication', 'Access token expired');
    return claims;
  }

  #sign(encoded: string): string {
    return createHmac('sha256', this.secret).update(encoded).digest('base64url');
  }
}

/** Strips a `Bearer ` prefix; anything else is not a customer token. */
export function bearer(header: string | undefined): string {
  if (!header || !/^Bearer\s+/i.test(header)) throw new DomainError('authentication', 'Missing Bearer access token');
  return header.replace(/^Bearer\s+/i, '').trim();
}
