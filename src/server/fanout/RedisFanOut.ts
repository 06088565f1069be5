import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import { closeRedis, openRedis, ready, type RedisOptions } from '../cluster/redisConnection.js';
import type { DomainEvent } from '../domain/domainEvents.js';
import type { FanOut } from '../domain/ports.js';
import { ChatPushOrder, DEFAULT_CHAT_PUSH_ORDER, type ChatPushOrderOptions, type RecoverChatPushes } from './chatPushOrder.js';
import { decodeEvent, encodeEvent, framePrefix } from './wireEncoding.js';

export interface RedisFanOutOptions extends RedisOptions {
  /** Told about frames this node cannot read (another wire version during a rolling upgrade). */
  onDropped?: (reason: string) => void;
  /** How received chat pushes are put back into commit order (defaults in chatPushOrder.ts). */
  chatPushOrder?: ChatPushOrderOptions;
  /** Reads from the store the chat pushes of units whose publish never arrived (their node died). */
  recoverChatPushes?: RecoverChatPushes;
  /** Told when reading missed pushes back failed (the gap is then skipped; clients resync). */
  onRecoveryFailed?: (err: unknown) => void;
}

/**
 * Fan-out over Redis pub/sub: every node publishes to one channel and receives everyone's events.
 * A node hands its own events to its subscribers as it publishes them and skips them when Redis
 * echoes them back (frames name their node), so its own pushes cost no round trip and no decode.
 *
 * One channel gives a single order to all events published through one node; units of one chat
 * committed on two nodes may still arrive out of commit order, so chat pushes (local and received) go
 * through a ChatPushOrder that restores it from their `chatSeq` (and reads a unit whose publish
 * never came, its node having died after commit, back from the store). Redis pub/sub is at-most-once:
 * while this node's subscription is down (Redis restart) it misses what others publish; ioredis
 * resubscribes on reconnect and clients recover the gap with their resync on reconnect.
 */
export class RedisFanOut implements FanOut {
  readonly #handlers = new Set<(event: DomainEvent) => void>();
  readonly #channel: string;
  readonly #order: ChatPushOrder;
  readonly #node = randomUUID();
  readonly #ownFrames = framePrefix(this.#node);
  #closed = false;

  private constructor(private readonly pub: Redis, private readonly sub: Redis, options: RedisFanOutOptions) {
    this.#channel = `${options.prefix}events`;
    this.#order = new ChatPushOrder((event) => {
      for (const handler of this.#handlers) handler(event);
    }, options.chatPushOrder ?? DEFAULT_CHAT_PUSH_ORDER, options.recoverChatPushes, options.onRecoveryFailed);
    sub.on('message', (channel: string, frame: string) => {
      if (channel !== this.#channel || frame.startsWith(this.#ownFrames)) return;
      const decoded = decodeEvent(frame);
      if (!decoded.ok) {
        options.onDropped?.(decoded.reason);
        return;
      }
      this.#order.accept(decoded.event);
    });
  }

  /** Connects and subscribes; resolves once events published from now on are received. */
  static async connect(options: RedisFanOutOptions): Promise<RedisFanOut> {
    const pub = openRedis(options.url, 'switchboard-fanout-pub', { autoPipelining: true });
    const sub = openRedis(options.url, 'switchboard-fanout-sub');
    try {
      await Promise.all([ready(pub), ready(sub)]);
      const fanOut = new RedisFanOut(pub, sub, options);
      await sub.subscribe(fanOut.#channel);
      return fanOut;
    } catch (err) {
      pub.disconnect();
      sub.disconnect();
      throw err;
    }
  }

  async publish(event: DomainEvent): Promise<void> {
    if (this.#closed) return;
    const frame = encodeEvent(event, this.#node);
    this.#order.accept(event);
    await this.pub.publish(this.#channel, frame);
  }

  subscribe(handler: (event: DomainEvent) => void): () => void {
    this.#handlers.add(handler);
    return () => this.#handlers.delete(handler);
  }

  /**
   * Both connections are up (the subscriber resubscribes as part of reconnecting). While either is
   * down, pushes from other nodes do not arrive here, so the node reports not ready.
   */
  async ready(): Promise<boolean> {
    return !this.#closed && this.pub.status === 'ready' && this.sub.status === 'ready';
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    this.#order.flush();
    this.#handlers.clear();
    await Promise.all([closeRedis(this.pub), closeRedis(this.sub)]);
  }
}
