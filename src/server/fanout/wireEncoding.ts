import type { DomainEvent } from '../domain/domainEvents.js';

/**
 * How a DomainEvent travels between nodes: JSON `{"v":1,"n":"<node>","event":{…}}`. The version lets a
 * rolling upgrade tell old frames from new ones: a node drops (and reports) frames of a version it
 * does not know instead of pushing something it misreads. Payloads are already rendered JSON, so
 * JSON carries them losslessly; `undefined` fields are simply absent on the other side.
 *
 * Two control frames let nodes know of each other (fanout/redisPeers.ts): `{"v":1,"n":…,"hello":1}`,
 * sent by a node that subscribed, and `{"v":1,"n":…,"ack":"<node>"}`, the answer of every node that
 * heard it. Nodes of the same wire version that predate them drop them as "not a domain event".
 */
export const FANOUT_WIRE_VERSION = 1;

const KINDS: ReadonlySet<DomainEvent['kind']> = new Set(['chat_push', 'user_push', 'license_push', 'disconnect_user']);

/** `n` names the publishing node (it delivers its own events without waiting for Redis). */
export function encodeEvent(event: DomainEvent, node: string): string {
  return JSON.stringify({ v: FANOUT_WIRE_VERSION, n: node, event });
}

export function encodeHello(node: string): string {
  return JSON.stringify({ v: FANOUT_WIRE_VERSION, n: node, hello: 1 });
}

export function encodeAck(node: string, helloFrom: string): string {
  return JSON.stringify({ v: FANOUT_WIRE_VERSION, n: node, ack: helloFrom });
}

/** What every frame published by `node` starts with: a node skips its own frames without parsing them. */
export function framePrefix(node: string): string {
  return `{"v":${FANOUT_WIRE_VERSION},"n":${JSON.stringify(node)},`;
}

export type DecodeResult =
  | { ok: true; node: string | undefined; event: DomainEvent }
  | { ok: true; node: string; hello: true }
  | { ok: true; node: string; ack: string }
  | { ok: false; reason: string };

export function decodeEvent(frame: string): DecodeResult {
  let parsed: unknown;
  try {
    parsed = JSON.parse(frame);
  } catch {
    return { ok: false, reason: 'not JSON' };
  }
  if (typeof parsed !== 'object' || parsed === null) return { ok: false, reason: 'not an object' };
  const { v, n, event, hello, ack } = parsed as { v?: unknown; n?: unknown; hello?: unknown; ack?: unknown; event?: { kind?: unknown; licenseId?: unknown } };
  if (v !== FANOUT_WIRE_VERSION) return { ok: false, reason: `unknown wire version ${JSON.stringify(v)}` };
  const node = typeof n === 'string' ? n : undefined;
  if (node !== undefined && hello === 1) return { ok: true, node, hello: true };
  if (node !== undefined && typeof ack === 'string') return { ok: true, node, ack };
  if (typeof event !== 'object' || event === null || !KINDS.has(event.kind as DomainEvent['kind']) || typeof event.licenseId !== 'number') {
    return { ok: false, reason: 'not a domain event' };
  }
  return { ok: true, node, event: event as DomainEvent };
}
