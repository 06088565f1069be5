import { createHmac, timingSafeEqual } from 'node:crypto';
import { DomainError } from '../errors.js';
import { sameSecret } from '../ids.js';
import type { AgentRecord } from '../model.js';
import type { Clock } from '../ports.js';
import type { UnitOfWork } from '../unitOfWork.js';

/** What a bot token says: which bot of which license, issued for which client, until when. */
export interface BotTokenClaims {
  /** Bot id. */
  sub: string;
  license_id: number;
  client_id: string;
  scope: string;
  iat: number;
  /** Seconds since the epoch. */
  exp: number;
}

export const BOT_TOKEN_TTL_SECONDS = 24 * 3600;
const SCOPES = 'chats--access:rw agents-bot--my:rw customers:rw';
const HEADER = Buffer.from(JSON.stringify({ alg: 'HS256', typ: 'JWT' })).toString('base64url');

/**
 * Bot tokens of Configuration `issue_bot_token` (the 3.6 way for bots; `X-Author-Id` is the old
 * one): HS256 JWTs signed with the server's secret, valid 24 h and not revocable, as documented.
 * They act as the bot on the Agent Chat API (Web and RTM); the Configuration API refuses them.
 */
export class BotTokens {
  readonly #key: Buffer;

  constructor(private readonly uow: UnitOfWork, private readonly clock: Clock, secret: string) {
    // Its own key, derived from the server secret, so that no other signed token can pass as a bot token.
    this.#key = createHmac('sha256', secret).update('switchboard bot tokens').digest();
  }

  /** `issue_bot_token`: any agent of the license may ask, with the bot's id, owner client and secret. */
  issue(requester: AgentRecord, input: { bot_id: string; client_id: string; bot_secret: string; organization_id: string }): Promise<{ token: string }> {
    return this.uow.read(async (tx) => {
      const license = await tx.getLicense(requester.licenseId);
      if (license?.organizationId !== input.organization_id) throw new DomainError('authorization', 'organization_id is not the organization of these credentials');
      const bot = await tx.getAgent(requester.licenseId, input.bot_id);
      if (!bot?.isBot) throw new DomainError('not_found', `Bot ${input.bot_id} not found`);
      if (bot.ownerClientId !== input.client_id) throw new DomainError('authorization', 'client_id does not own this bot');
      if (!bot.botSecretHash || !sameSecret(input.bot_secret, bot.botSecretHash)) throw new DomainError('authorization', 'Wrong bot_secret (reset_bot_secret issues a new one)');
      const now = Math.floor(this.clock.now() / 1e6);
      const claims: BotTokenClaims = { sub: bot.id, license_id: bot.licenseId, client_id: input.client_id, scope: SCOPES, iat: now, exp: now + BOT_TOKEN_TTL_SECONDS };
      const body = Buffer.from(JSON.stringify(claims)).toString('base64url');
      return { token: `${HEADER}.${body}.${this.#sign(`${HEADER}.${body}`)}` };
    });
  }

  /** Claims of a bot token; undefined when `token` is not shaped like one (a personal access token). */
  verify(token: string): BotTokenClaims | undefined {
    const parts = token.split('.');
    if (parts.length !== 3 || parts[0] !== HEADER) return undefined;
    const expected = Buffer.from(this.#sign(`${parts[0]}.${parts[1]}`));
    const given = Buffer.from(parts[2]!);
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) throw new DomainError('authentication', 'Invalid bot token');
    const claims = JSON.parse(Buffer.from(parts[1]!, 'base64url').toString('utf8')) as BotTokenClaims;
    if (claims.exp * 1e6 <= this.clock.now()) throw new DomainError('authentication', 'Bot token expired');
    return claims;
  }

  #sign(data: string): string {
    return createHmac('sha256', this.#key).update(data).digest('base64url');
  }
}
