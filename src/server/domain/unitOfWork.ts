import type { ChatPush, DomainEvent } from './domainEvents.js';
import type { FanOut, ReadOptions, Store, StoreTx, TransactionalListener, UnitHint } from './ports.js';

export type Emit = (event: DomainEvent) => void;

/**
 * One business operation: a transaction plus the domain events it produced. Transactional listeners
 * (the webhook outbox) see the events inside the transaction; the fan-out gets them after commit,
 * so nothing is pushed that was not durably written.
 */
export class UnitOfWork {
  readonly #listeners: TransactionalListener[] = [];
  /** Units between their start and their last publish; see idle(). */
  #running = 0;
  #whenIdle: (() => void)[] = [];

  constructor(private readonly store: Store, private readonly fanOut: FanOut) {}

  addTransactionalListener(listener: TransactionalListener): () => void {
    this.#listeners.push(listener);
    return () => {
      const i = this.#listeners.indexOf(listener);
      if (i >= 0) this.#listeners.splice(i, 1);
    };
  }

  /** Counted for idle() here rather than through #tracked: one async frame less per unit (#16). */
  async run<T>(fn: (tx: StoreTx, emit: Emit) => Promise<T>, hint?: UnitHint): Promise<T> {
    this.#running += 1;
    try {
      // Set by the attempt that ran last: a store may re-run a unit that lost a conflict, and only
      // the attempt that committed counts.
      let events!: DomainEvent[];
      let afterCommit: (() => void)[] | undefined;
      const result = await this.store.atomically(async (tx) => {
        events = [];
        afterCommit = undefined;
        const value = await fn(tx, (event) => events.push(event));
        // A store that commits one unit at a time numbers nothing (ports.ts).
        if (tx.nextChatPushSeq) await numberChatPushes(tx, events);
        for (const listener of this.#listeners) {
          const then = await listener(tx, events);
          if (then) (afterCommit ??= []).push(then);
        }
        return value;
      }, hint);
      afterCommit?.forEach((then) => then());
      // Issued together, in order (a fan-out keeps the order of publishes that do not wait for each
      // other). Most units publish one event: that one is awaited without a Promise.all (#16).
      if (events.length === 1) await this.fanOut.publish(events[0]!);
      else if (events.length > 1) await Promise.all(events.map((event) => this.fanOut.publish(event)));
      return result;
    } finally {
      this.#ran();
    }
  }

  read<T>(fn: (tx: StoreTx) => Promise<T>, options?: ReadOptions): Promise<T> {
    return this.store.read(fn, options);
  }

  /** Publishes events that need no transaction (typing indicators, sneak peeks). */
  publish(event: DomainEvent): Promise<void> {
    return this.#tracked(() => this.fanOut.publish(event));
  }

  /**
   * Resolves once no unit is running: every unit started so far has committed (or failed) and
   * published its events. A stopping node waits for this before it closes the fan-out and the
   * store, so a unit whose requester went away (its socket closed mid-request) still reaches the
   * other nodes' clients.
   */
  idle(): Promise<void> {
    if (this.#running === 0) return Promise.resolve();
    return new Promise((resolve) => this.#whenIdle.push(resolve));
  }

  async #tracked<T>(work: () => Promise<T>): Promise<T> {
    this.#running += 1;
    try {
      return await work();
    } finally {
      this.#ran();
    }
  }

  #ran(): void {
    this.#running -= 1;
    if (this.#running === 0) for (const resolve of this.#whenIdle.splice(0)) resolve();
  }
}

/**
 * Stamps each chat's pushes with the unit's place among that chat's units (before the outbox is
 * written, so both follow it); the store records them under that number for recovery.
 */
async function numberChatPushes(tx: StoreTx, events: DomainEvent[]): Promise<void> {
  const byChat = new Map<string, ChatPush[]>();
  for (const event of events) {
    if (event.kind !== 'chat_push') continue;
    const pushes = byChat.get(event.chatId);
    if (pushes) pushes.push(event);
    else byChat.set(event.chatId, [event]);
  }
  for (const [chatId, pushes] of byChat) {
    const seq = await tx.nextChatPushSeq?.(chatId, pushes);
    if (seq !== undefined) for (const push of pushes) push.chatSeq = seq;
  }
}
