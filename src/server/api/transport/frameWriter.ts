import type { Duplex } from 'node:stream';
import type { WebSocket } from 'ws';

/**
 * Writes one connection's frames: one WebSocket frame per JSON message, but the frames of one turn
 * of the event loop leave in one socket write. The first frame of a turn corks the TCP socket and
 * the uncork is queued with `process.nextTick`, which runs only after the current microtask chain
 * has drained: a group commit's response and every push it caused go out together.
 */
export class FrameWriter {
  #corked = false;

  constructor(private readonly ws: WebSocket, private readonly socket: Pick<Duplex, 'cork' | 'uncork'>) {}

  get open(): boolean {
    return this.ws.readyState === this.ws.OPEN;
  }

  /**
   * Sends `text` (one JSON message, as a string or its UTF-8 bytes) unless the socket is closing;
   * false when it was not sent. A Buffer is written as it is, so one frame can go to many sockets.
   */
  send(text: string | Buffer): boolean {
    if (!this.open) return false;
    if (!this.#corked) {
      this.#corked = true;
      this.socket.cork();
      process.nextTick(() => this.flush());
    }
    if (typeof text === 'string') this.ws.send(text);
    else this.ws.send(text, { binary: false });
    return true;
  }

  /** Before the socket is destroyed (terminate): what this turn wrote leaves now or never. */
  flush(): void {
    if (!this.#corked) return;
    this.#corked = false;
    this.socket.uncork();
  }
}

/**
 * A push frame's text around an already serialized payload, so a payload delivered to many
 * connections is stringified once. Same bytes as `JSON.stringify` of the PushFrame object.
 */
export function pushFrameText(version: string, action: string, payloadJson: string, requestId?: string): string {
  const tail = requestId !== undefined ? `,"request_id":${JSON.stringify(requestId)}}` : '}';
  return `${pushHead(version, action)}${payloadJson}${tail}`;
}

/** Push frame heads by version and push name (both few: the versions served, the server's push names). */
const pushHeads = new Map<string, Map<string, string>>();

/** The text of a push frame before its payload, made once per version and push name (#16, allocation per push). */
function pushHead(version: string, action: string): string {
  let heads = pushHeads.get(version);
  if (!heads) pushHeads.set(version, (heads = new Map()));
  let head = heads.get(action);
  if (head === undefined) {
    head = `{"version":${JSON.stringify(version)},"action":${JSON.stringify(action)},"type":"push","payload":`;
    heads.set(action, head);
  }
  return head;
}

let lastShared: { version: string; action: string; payloadJson: string; text: string; frame?: Buffer } | undefined;

/**
 * A push frame without request_id, encoded to UTF-8 bytes once when the same payload goes to a
 * second connection (a new chat reaches every agent of its groups: #16, setup cost per customer).
 * The first connection gets the text itself: most payloads (a message to its one peer) go to one
 * connection only, and encoding those ahead would copy every frame once more (#16, bytes per send_event).
 */
export function sharedPushFrame(version: string, action: string, payloadJson: string): string | Buffer {
  const last = lastShared;
  if (last && last.payloadJson === payloadJson && last.action === action && last.version === version) return last.frame ??= Buffer.from(last.text);
  const text = pushFrameText(version, action, payloadJson);
  lastShared = { version, action, payloadJson, text };
  return text;
}
