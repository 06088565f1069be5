/**
 * The UTF-8 bytes of the frames a connection writes, built from already serialized JSON.
 *
 * NOTE: frames are written into one Buffer piece by piece instead of joined into one string (#16,
 * bytes per send_event). A joined string is a cons string: `ws` measures it with
 * `Buffer.byteLength`, which flattens it (a copy of the whole frame), and the socket then encodes
 * it once more into its own storage. A Buffer is measured by its length and handed to the kernel as
 * it is, and a turn of Buffers leaves in one `writev` without an array of encodings.
 */

/** The bytes of `pieces` in order: strings are encoded in place, Buffers copied. */
function utf8(...pieces: (string | Buffer)[]): Buffer {
  let length = 0;
  for (const piece of pieces) length += typeof piece === 'string' ? Buffer.byteLength(piece) : piece.length;
  const out = Buffer.allocUnsafe(length);
  let at = 0;
  for (const piece of pieces) at += typeof piece === 'string' ? out.write(piece, at) : piece.copy(out, at);
  return out;
}

const CLOSE = Buffer.from('}');
const REQUEST_ID_KEY = Buffer.from(',"request_id":');

/** Bytes made once per pair of keys (both from small sets: versions served, push and action names). */
class Heads {
  readonly #byOuter = new Map<string, Map<string, Buffer>>();

  get(outer: string, inner: string, make: () => string): Buffer {
    let byInner = this.#byOuter.get(outer);
    if (!byInner) this.#byOuter.set(outer, (byInner = new Map()));
    let bytes = byInner.get(inner);
    if (bytes === undefined) byInner.set(inner, (bytes = Buffer.from(make())));
    return bytes;
  }
}

const pushHeads = new Heads();
const responseMiddles = new Heads();

/** The bytes of a push frame before its payload, made once per version and push name. */
function pushHead(version: string, action: string): Buffer {
  return pushHeads.get(version, action, () => `{"version":${JSON.stringify(version)},"action":${JSON.stringify(action)},"type":"push","payload":`);
}

/**
 * A push frame around its serialized payload: the same bytes as `JSON.stringify` of the PushFrame
 * object. `requestId` only on the requester's own connection.
 */
export function pushFrame(version: string, action: string, payloadJson: string, requestId?: string): Buffer {
  return requestId === undefined
    ? utf8(pushHead(version, action), payloadJson, CLOSE)
    : utf8(pushHead(version, action), payloadJson, REQUEST_ID_KEY, JSON.stringify(requestId), CLOSE);
}

let lastShared: { version: string; action: string; payloadJson: string; frame: Buffer } | undefined;

/**
 * A push frame without request_id, encoded once while the same payload goes to several connections
 * in a row (a new chat reaches every agent of its groups: #16, setup cost per customer).
 */
export function sharedPushFrame(version: string, action: string, payloadJson: string): Buffer {
  const last = lastShared;
  if (last && last.payloadJson === payloadJson && last.action === action && last.version === version) return last.frame;
  const frame = pushFrame(version, action, payloadJson);
  lastShared = { version, action, payloadJson, frame };
  return frame;
}

const RESPONSE_HEAD = Buffer.from('{"request_id":');

/** `"action":…,"type":"response","success":true` and what follows it, made once per action name. */
function responseMiddle(action: string, withRequestId: boolean, withPayload: boolean): Buffer {
  return responseMiddles.get(action, `${withRequestId ? 'r' : ''}${withPayload ? 'p' : ''}`, () => `${withRequestId ? ',' : '{'}"action":${JSON.stringify(action)},"type":"response","success":true${withPayload ? ',"payload":' : ''}`);
}

/**
 * A success response around its serialized payload (none when the handler's result has no JSON
 * form): the same bytes as `JSON.stringify` of the SuccessResponseFrame object.
 */
export function responseFrame(action: string, requestId: string | undefined, payloadJson: string | undefined): Buffer {
  const middle = responseMiddle(action, requestId !== undefined, payloadJson !== undefined);
  if (requestId === undefined) return payloadJson === undefined ? utf8(middle, CLOSE) : utf8(middle, payloadJson, CLOSE);
  return payloadJson === undefined
    ? utf8(RESPONSE_HEAD, JSON.stringify(requestId), middle, CLOSE)
    : utf8(RESPONSE_HEAD, JSON.stringify(requestId), middle, payloadJson, CLOSE);
}

/** Any other frame (errors, disconnect pushes: rare) from its object. */
export function objectFrame(frame: unknown): Buffer {
  return Buffer.from(JSON.stringify(frame));
}
