import type { RawData } from 'ws';
import type { JsonLimits } from './boundedJson.js';

/** An inbound RTM frame once parsed as a JSON object: what it names, nothing checked yet. */
export type Frame = { action?: unknown; payload?: unknown; request_id?: unknown; version?: unknown; author_id?: unknown };

/** An answer's address: the frame's action name (or `unknown`) and its request_id, when usable. */
export type Addressed = { action: string; requestId?: string };

/** The address of a frame not (yet) read as an object. */
export const UNADDRESSED: Addressed = { action: 'unknown' };

/** The limits of a gateway that bound a frame's JSON. */
type FrameLimits = { maxJsonDepth: number; maxFrameBytes: number };

/** The JSON limits of a gateway's frames: one object per limits, not one per frame (#16). */
const jsonLimits = new WeakMap<FrameLimits, JsonLimits>();

export function frameJsonLimits(limits: FrameLimits): JsonLimits {
  let bounds = jsonLimits.get(limits);
  if (!bounds) jsonLimits.set(limits, (bounds = { maxDepth: limits.maxJsonDepth, maxChars: limits.maxFrameBytes }));
  return bounds;
}

/** Where the answer to a frame goes: its action name and request_id, when they are usable. */
export function addressOf(frame: Frame): Addressed {
  const id = frame.request_id;
  const requestId = typeof id === 'string' || (typeof id === 'number' && Number.isFinite(id)) ? String(id) : undefined;
  const action = typeof frame.action === 'string' && frame.action ? frame.action.slice(0, 100) : 'unknown';
  return requestId === undefined ? { action } : { action, requestId };
}

/** ws hands a text frame over as a Buffer (or fragments); invalid UTF-8 is already refused by ws (1007). */
export function rawText(data: RawData): string {
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8');
  // Decoded in place: Buffer.from(buffer) would copy every frame first (#16).
  return data instanceof ArrayBuffer ? Buffer.from(data).toString('utf8') : (data as Buffer).toString('utf8');
}
