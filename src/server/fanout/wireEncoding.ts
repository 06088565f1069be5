import type { DomainEvent } from '../domain/domainEvents.js';

/**
 * How a DomainEvent travels between nodes: JSON `{"v":1,"n":"<node>","event":{…}}`. The version lets a
 * rolling upgrade tell old frames from new ones: a node drops (and reports) frames of a version it
 * does not know instead of pushing something it misreads. Payloads are already rendered JSON, so
 * JSON carries them losslessly; `undefined` fields are simply absent on the other side.
 */
export const FANOUT_WIRE_VERSION = 1;

const KINDS: ReadonlySet<DomainEvent['kind']> = new Set(['chat_push', 'user_push', 'license_push', 'disconnect_user']);

/** `n` names the publishing node (it delivers its own events without waiting for Redis). */
export function encodeEvent(event: DomainEvent, node: string): string {
  return JSON.stringify({ v: FANOUT_WIRE_VERSION, n: node, event });
}

/** What every frame published by `node` starts with: a node skips its own frames without parsing them. */
export function framePrefix(node: string): string {
  return `{"v":${FANOUT_WIRE_VERSION},"n":${JSON.stringify(node)},`;
}

export type DecodeResult = { ok: true; event: DomainEvent } | { ok: false; reason: string };

export function decodeEvent(frame: string): DecodeResult {
  let parsed: unknown;
  try {
    parsed = JSON.parse(frame);
  } catch {
    return { ok: false, reason: 'not JSON' };
  }
  if (typeof parsed !== 'object' || parsed === null) return { ok: false, reason: 'not an object' };
  const { v, event } = parsed as { v?: unknown; event?: { kind?: unknown; licenseId?: unknown } };
  if (v !== FANOUT_WIRE_VERSION) return { ok: false, reason: `unknown wire version ${JSON.stringify(v)}` };
  if (typeof event !== 'object' || event === null || !KINDS.has(event.kind as DomainEvent['kind']) || typeof event.licenseId !== 'number') {
    return { ok: false, reason: 'not a domain event' };
  }
  return { ok: true, event: event as DomainEvent };
}
