import { createHash, randomBytes, randomInt, randomUUID, timingSafeEqual } from 'node:crypto';

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';

/** Chat and thread ids: 10 characters of [A-Z0-9]. */
export function newShortId(): string {
  let id = '';
  for (let i = 0; i < 10; i++) id += ALPHABET[randomInt(ALPHABET.length)];
  return id;
}

export function eventId(threadId: string, seq: number): string {
  return `${threadId}_${seq}`;
}

/** The thread and sequence number an event id names, or undefined when it is not an event id. */
export function eventKey(id: string): { threadId: string; seq: number } | undefined {
  const at = id.lastIndexOf('_');
  const seq = Number(id.slice(at + 1));
  if (at < 1 || !Number.isSafeInteger(seq) || seq < 1 || String(seq) !== id.slice(at + 1)) return undefined;
  return { threadId: id.slice(0, at), seq };
}

export const newUuid = (): string => randomUUID();

/** 32 lowercase hex characters (bot ids, secrets). */
export function newHexId(): string {
  return randomBytes(16).toString('hex');
}

export function newSecret(): string {
  return randomBytes(32).toString('base64url');
}

export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

export function sameSecret(secret: string, hash: string): boolean {
  const a = Buffer.from(hashSecret(secret), 'hex');
  const b = Buffer.from(hash, 'hex');
  return a.length === b.length && timingSafeEqual(a, b);
}
