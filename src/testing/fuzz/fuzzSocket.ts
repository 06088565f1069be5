import type { RawRtm } from '../testClients.js';

type Frame = RawRtm['frames'][number];

export interface Exchange {
  /** Every frame received from the send until the answer (or the close). */
  frames: Frame[];
  /** Set when the server closed the socket. */
  closed?: { code: number; reason: string };
  /**
   * With `closed`: every frame the closed socket received. A close and the push announcing it can
   * fall into two exchanges (the push right after one answer, the close event during the next).
   */
  socketFrames?: Frame[];
  /** Whether a response carrying the request's request_id arrived. */
  answered: boolean;
}

/**
 * One RTM socket under fuzzing: sends anything, waits for the answer to the request's request_id
 * (or, for frames without a usable one, to a ping sent right after), and opens a new socket
 * (`open`, which may log in) whenever the server closed the old one.
 */
export class FuzzSocket {
  #n = 0;

  private constructor(private rtm: RawRtm, private readonly open: () => Promise<RawRtm>) {}

  static async start(open: () => Promise<RawRtm>): Promise<FuzzSocket> {
    return new FuzzSocket(await open(), open);
  }

  async exchange(data: string | Buffer, opts: { requestId?: string; binary?: boolean } = {}): Promise<Exchange> {
    const rtm = this.rtm;
    const from = rtm.frames.length;
    const marker = opts.requestId ?? `probe-${++this.#n}`;
    rtm.ws.send(data, { binary: opts.binary ?? false }, () => {});
    if (opts.requestId === undefined) rtm.ws.send(JSON.stringify({ action: 'ping', request_id: marker, payload: {} }), () => {});
    const answer = rtm.next((f) => f.type === 'response' && f.request_id === marker, 10_000, from).then(() => undefined, () => undefined);
    const closed = await Promise.race([answer, rtm.closed]);
    const frames = rtm.frames.slice(from);
    if (closed) this.rtm = await this.open();
    return { frames, answered: frames.some((f) => f.type === 'response' && f.request_id === marker), ...(closed ? { closed, socketFrames: rtm.frames } : {}) };
  }

  close(): void {
    this.rtm.close();
  }
}
