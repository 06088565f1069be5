/**
 * The WebSocket frames a connection writes: RFC 6455 text frames (FIN set, opcode 1, unmasked, as a
 * server sends them) around JSON built from already serialized pieces.
 *
 * NOTE: frames are written into one Buffer piece by piece instead of joined into one string (#16,
 * bytes per send_event). A joined string is a cons string: `ws` measures it with
 * `Buffer.byteLength`, which flattens it (a copy of the whole frame), and the socket then encodes
 * it once more into its own storage. A Buffer is measured by its length and handed to the kernel as
 * it is, and a turn of Buffers leaves in one `writev` without an array of encodings.
 *
 * NOTE: the frame header is written here too, in front of the JSON, and FrameWriter writes the
 * Buffer to the socket as it is (#16, setup and send_event cost): `ws.send` made two option objects,
 * a header Buffer, a list and two buffered socket writes per frame, per connection even when one
 * frame went to fifty agents. `ws` still reads frames, answers pings and closes.
 */

/** Bytes of the header of a final, unmasked text frame whose payload is `length` bytes long. */
function headerLength(length: number): number {
  return length < 126 ? 2 : length < 65_536 ? 4 : 10;
}

function writeHeader(out: Buffer, length: number): number {
  out[0] = 0x81; // FIN, opcode 1 (text)
  if (length < 126) {
    out[1] = length;
    return 2;
  }
  if (length < 65_536) {
    out[1] = 126;
    out.writeUInt16BE(length, 2);
    return 4;
  }
  out[1] = 127;
  out.writeUInt32BE(Math.floor(length / 2 ** 32), 2);
  out.writeUInt32BE(length >>> 0, 6);
  return 10;
}

/** A text frame of JSON bytes made elsewhere (cached pieces, rare frames). */
function framed(json: Buffer): Buffer {
  const out = Buffer.allocUnsafe(headerLength(json.length) + json.length);
  json.copy(out, writeHeader(out, json.length));
  return out;
}

/**
 * The frame of `head`, `text`, `middle`, then optionally `text2` and `tail`: JSON texts encoded in
 * place between byte pieces made once. Fixed arguments rather than a rest array (one array less per frame).
 */
function utf8(head: Buffer, text: string, middle: Buffer, text2?: string, tail?: Buffer): Buffer {
  const textBytes = Buffer.byteLength(text);
  const text2Bytes = text2 === undefined ? 0 : Buffer.byteLength(text2);
  const length = head.length + textBytes + middle.length + text2Bytes + (tail?.length ?? 0);
  const out = Buffer.allocUnsafe(headerLength(length) + length);
  let at = writeHeader(out, length);
  at += head.copy(out, at);
  at += out.write(text, at, textBytes);
  at += middle.copy(out, at);
  if (text2 !== undefined) at += out.write(text2, at, text2Bytes);
  tail?.copy(out, at);
  return out;
}

const CLOSE = Buffer.from('}');
const REQUEST_ID_KEY = Buffer.from(',"request_id":');

/** Bytes made once per pair of keys (both from small sets: versions served, push and action names). */
type Heads = Map<string, Map<string, Buffer>>;

function cached(heads: Heads, outer: string, inner: string): Buffer | undefined {
  return heads.get(outer)?.get(inner);
}

/** Keeps the bytes of `text`, as a whole frame when `whole` (a piece that is a frame on its own). */
function keep(heads: Heads, outer: string, inner: string, text: string, whole = false): Buffer {
  let byInner = heads.get(outer);
  if (!byInner) heads.set(outer, (byInner = new Map()));
  const bytes = whole ? framed(Buffer.from(text)) : Buffer.from(text);
  byInner.set(inner, bytes);
  return bytes;
}

const pushHeads: Heads = new Map();
const responseMiddles: Heads = new Map();

/** The bytes of a push frame before its payload, made once per version and push name. */
function pushHead(version: string, action: string): Buffer {
  return cached(pushHeads, version, action)
    ?? keep(pushHeads, version, action, `{"version":${JSON.stringify(version)},"action":${JSON.stringify(action)},"type":"push","payload":`);
}

/**
 * A push frame around its serialized payload: a text frame of the bytes of `JSON.stringify` of the PushFrame
 * object. `requestId` only on the requester's own connection.
 */
export function pushFrame(version: string, action: string, payloadJson: string, requestId?: string): Buffer {
  return requestId === undefined
    ? utf8(pushHead(version, action), payloadJson, CLOSE)
    : utf8(pushHead(version, action), payloadJson, REQUEST_ID_KEY, JSON.stringify(requestId), CLOSE);
}

/** The last frame sharedPushFrame made, and what it was made of (variables, not an object per frame: #16). */
let sharedVersion = '';
let sharedAction = '';
let sharedPayloadJson: string | undefined;
let sharedFrame: Buffer | undefined;

/**
 * A push frame without request_id, encoded once while the same payload goes to several connections
 * in a row (a new chat reaches every agent of its groups: #16, setup cost per customer).
 */
export function sharedPushFrame(version: string, action: string, payloadJson: string): Buffer {
  if (sharedFrame && sharedPayloadJson === payloadJson && sharedAction === action && sharedVersion === version) return sharedFrame;
  sharedFrame = pushFrame(version, action, payloadJson);
  sharedVersion = version;
  sharedAction = action;
  sharedPayloadJson = payloadJson;
  return sharedFrame;
}

const RESPONSE_HEAD = Buffer.from('{"request_id":');

/**
 * `"action":…,"type":"response","success":true` with what surrounds it, made once per action name
 * and shape: the frame's opening brace when there is no request_id, its closing one when there is
 * no payload. With neither it is the whole response, kept as a whole frame.
 */
function responseMiddle(action: string, withRequestId: boolean, withPayload: boolean): Buffer {
  const shape = withRequestId ? (withPayload ? 'rp' : 'r') : (withPayload ? 'p' : '');
  return cached(responseMiddles, action, shape)
    ?? keep(responseMiddles, action, shape, `${withRequestId ? ',' : '{'}"action":${JSON.stringify(action)},"type":"response","success":true${withPayload ? ',"payload":' : '}'}`, shape === '');
}

/**
 * A success response around its serialized payload (none when the handler's result has no JSON
 * form): a text frame of the bytes of `JSON.stringify` of the SuccessResponseFrame object.
 */
export function responseFrame(action: string, requestId: string | undefined, payloadJson: string | undefined): Buffer {
  const middle = responseMiddle(action, requestId !== undefined, payloadJson !== undefined);
  // Without request_id nor payload the frame is its middle alone: one Buffer for every such frame.
  if (requestId === undefined) return payloadJson === undefined ? middle : utf8(middle, payloadJson, CLOSE);
  return payloadJson === undefined
    ? utf8(RESPONSE_HEAD, JSON.stringify(requestId), middle)
    : utf8(RESPONSE_HEAD, JSON.stringify(requestId), middle, payloadJson, CLOSE);
}

/** Any other frame (errors, disconnect pushes: rare) from its object. */
export function objectFrame(frame: unknown): Buffer {
  return framed(Buffer.from(JSON.stringify(frame)));
}
