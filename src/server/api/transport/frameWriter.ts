import type { Duplex } from 'node:stream';
import type { WebSocket } from 'ws';

/**
 * Writes one connection's frames: one WebSocket frame per JSON message, but the frames of one turn
 * of the event loop leave in one socket write. The first frame of a turn corks the TCP socket and
 * the uncork is queued with `process.nextTick`, which runs only after the current microtask chain
 * has drained: a group commit's response and every push it caused go out together. One tick
 * uncorks every writer corked in the turn (not one tick per connection: #16).
 */
export class FrameWriter {
  #corked = false;

  constructor(private readonly ws: WebSocket, private readonly socket: Pick<Duplex, 'cork' | 'uncork' | 'write'>) {}

  get open(): boolean {
    return this.ws.readyState === this.ws.OPEN;
  }

  /**
   * Writes `frame` (a whole WebSocket text frame: frameBytes.ts) unless the socket is closing; false
   * when it was not written. The Buffer is written as it is, so one frame can go to many sockets.
   * It goes to the TCP socket under `ws`, in order with what `ws` itself writes (pings, close).
   */
  send(frame: Buffer): boolean {
    if (!this.open) return false;
    if (!this.#corked) {
      this.#corked = true;
      this.socket.cork();
      if (corked.push(this) === 1) process.nextTick(flushCorked);
    }
    this.socket.write(frame);
    return true;
  }

  /** Before the socket is destroyed (terminate): what this turn wrote leaves now or never. */
  flush(): void {
    if (!this.#corked) return;
    this.#corked = false;
    this.socket.uncork();
  }
}

/** The writers corked in this turn, in the order they were. */
const corked: FrameWriter[] = [];

function flushCorked(): void {
  // A writer flushed already (before a terminate) is not corked any more: its flush does nothing.
  for (let i = 0; i < corked.length; i++) corked[i]!.flush();
  corked.length = 0;
}
