import type { Redis } from 'ioredis';
import { encodeAck, encodeHello } from './wireEncoding.js';

export interface RedisPeersOptions {
  /** How often the channel's subscribers are counted: a node learns within this that the others left. */
  pollMs: number;
  /** How long a node that subscribed waits for the answers to its hello (nodes of an older version never answer). */
  helloWaitMs: number;
}

export const DEFAULT_REDIS_PEERS: RedisPeersOptions = { pollMs: 1000, helloWaitMs: 1000 };

/**
 * Whether anyone else listens on the fan-out channel. A node alone on it (the one-node deployment on
 * PostgreSQL + Redis) delivers its events to its own sockets and need not publish them: nobody would
 * read them, and encoding, sending and receiving its own echo cost it and Redis as much as the rest
 * of a message's fan-out.
 *
 * Alone means: Redis counts one subscriber of the channel (`PUBSUB NUMSUB`: any subscriber counts,
 * older nodes and tools too) and no other node was heard of since the count was asked for. A node
 * that subscribes says `hello` and waits, before its connect() resolves (so before it serves a
 * client), until the nodes Redis counted have answered: each of them heard the hello and publishes
 * from then on, so nothing it commits after the newcomer is ready is kept from it. Until the first
 * count, while the subscription is down and whenever in doubt, a node publishes.
 */
export class RedisPeers {
  #alone = false;
  /** Bumped whenever another node is heard of: a count asked for before that is out of date. */
  #heard = 0;
  #waiting?: { answered: Set<string>; wanted: number; done: () => void };
  #counting = false;
  #closed = false;
  /** The channel is subscribed (false from a lost connection until it is subscribed again). */
  #subscribed = false;
  readonly #timer: ReturnType<typeof setInterval>;

  constructor(
    private readonly pub: Redis,
    private readonly sub: Redis,
    private readonly channel: string,
    private readonly node: string,
    private readonly options: RedisPeersOptions = DEFAULT_REDIS_PEERS,
  ) {
    this.#timer = setInterval(() => void this.#count().catch(() => undefined), options.pollMs);
    this.#timer.unref();
    sub.on('close', () => {
      this.#subscribed = false;
      this.#alone = false;
    });
  }

  /** Nobody else listens: publishing can be skipped. */
  get alone(): boolean {
    return this.#alone;
  }

  /**
   * Call once the channel is subscribed (again after every resubscription): says hello and resolves
   * when the nodes that listened then answered, or after `helloWaitMs`.
   */
  async announce(): Promise<void> {
    this.#subscribed = true;
    const before = this.#heard;
    const count = await this.#subscribers();
    const answered = new Promise<void>((resolve) => {
      this.#waiting = { answered: new Set(), wanted: count - 1, done: resolve };
      if (count <= 1) resolve();
    });
    await this.pub.publish(this.channel, encodeHello(this.node));
    let timer: ReturnType<typeof setTimeout> | undefined;
    await Promise.race([answered, new Promise<void>((resolve) => { timer = setTimeout(resolve, this.options.helloWaitMs); })]);
    clearTimeout(timer);
    this.#waiting = undefined;
    this.#decide(count, before);
  }

  /** Another node published something: it listens too. */
  heardFrom(): void {
    this.#alone = false;
    this.#heard += 1;
  }

  /** Another node subscribed: it is answered once this node publishes again (the caller checks `alone` after this). */
  heardHello(from: string): void {
    this.heardFrom();
    void this.pub.publish(this.channel, encodeAck(this.node, from)).catch(() => undefined);
  }

  heardAck(from: string, helloOf: string): void {
    this.heardFrom();
    const waiting = this.#waiting;
    if (helloOf !== this.node || !waiting) return;
    waiting.answered.add(from);
    if (waiting.answered.size >= waiting.wanted) waiting.done();
  }

  close(): void {
    this.#closed = true;
    this.#alone = false;
    clearInterval(this.#timer);
    this.#waiting?.done();
  }

  async #count(): Promise<void> {
    if (this.#counting || this.#closed) return;
    this.#counting = true;
    try {
      const before = this.#heard;
      this.#decide(await this.#subscribers(), before);
    } finally {
      this.#counting = false;
    }
  }

  /** Alone only when the count is ours alone, nobody was heard of meanwhile and the subscription is up. */
  #decide(count: number, heardBefore: number): void {
    if (this.#heard !== heardBefore || this.#closed) return;
    this.#alone = count <= 1 && this.#subscribed;
  }

  async #subscribers(): Promise<number> {
    const reply = (await this.pub.call('PUBSUB', 'NUMSUB', this.channel)) as [string, number];
    return Number(reply[1]);
  }
}
