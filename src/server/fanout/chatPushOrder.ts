import type { ChatPush, DomainEvent } from '../domain/domainEvents.js';

export interface ChatPushOrderOptions {
  /** How long a later push waits for a missing earlier one (its node may have died after commit). */
  gapWaitMs: number;
  /** Chats whose last number is remembered; the least recently pushed are forgotten first. */
  maxChats: number;
}

export const DEFAULT_CHAT_PUSH_ORDER: ChatPushOrderOptions = { gapWaitMs: 500, maxChats: 100_000 };

/**
 * Reads the chat pushes of the units numbered `afterSeq` < n < `beforeSeq` from the store, in
 * number order, each stamped with its `chatSeq` (units a dead node committed but never published).
 */
export type RecoverChatPushes = (chatId: string, afterSeq: number, beforeSeq: number) => Promise<ChatPush[]>;

/** How many recovered numbers a chat remembers, to drop their original pushes should they still arrive. */
const RECOVERED_REMEMBERED = 64;

interface ChatState {
  chatId: string;
  last: number;
  held: DomainEvent[];
  timer?: ReturnType<typeof setTimeout>;
  recovering?: boolean;
  /** Numbers delivered from the store: their published pushes, if late, are duplicates. */
  recovered: number[];
}

const seqOf = (event: DomainEvent): number | undefined => (event.kind === 'chat_push' ? event.chatSeq : undefined);

/**
 * Puts the pushes of each chat back into commit order on a receiving node. Units committed on
 * several nodes reach the fan-out in the order their publishes do, which may differ from the order
 * they committed in; each chat push carries its unit's number in the chat (`chatSeq`, contiguous
 * per chat), so a push that arrives ahead of a missing one is held until the gap closes, or until
 * `gapWaitMs` passed. Then the missing unit's node most likely died between commit and publish:
 * with a `recover` function the missing units' pushes are read from the store and delivered in
 * their place; without one, or when the store no longer has them, the gap is skipped (clients
 * recover those pushes with their resync). Pushes without a number pass straight through.
 *
 * A node learns a chat's position from the first push it sees of it; a push numbered at or below
 * the position is delivered at once (more pushes of one unit, or one that arrives after its gap
 * was given up), unless its number was recovered from the store (it was delivered already).
 */
export class ChatPushOrder {
  readonly #chats = new Map<string, ChatState>();
  #closed = false;

  constructor(
    private readonly deliver: (event: DomainEvent) => void,
    private readonly options: ChatPushOrderOptions = DEFAULT_CHAT_PUSH_ORDER,
    private readonly recover?: RecoverChatPushes,
    private readonly onRecoveryError: (err: unknown) => void = () => undefined,
  ) {}

  accept(event: DomainEvent): void {
    const seq = seqOf(event);
    if (seq === undefined || event.kind !== 'chat_push') {
      this.deliver(event);
      return;
    }
    const state = this.#chats.get(event.chatId);
    if (!state) {
      this.#remember({ chatId: event.chatId, last: seq, held: [], recovered: [] });
      this.deliver(event);
      return;
    }
    // Most recently pushed chats stay at the end of the map.
    this.#chats.delete(event.chatId);
    this.#chats.set(event.chatId, state);
    if (seq <= state.last && state.recovered.includes(seq)) return;
    if (seq <= state.last + 1) {
      state.last = Math.max(state.last, seq);
      this.deliver(event);
      this.#release(state, false);
      return;
    }
    state.held.push(event);
    if (!state.recovering) state.timer ??= this.#wait(state);
  }

  /** Delivers every held push at once, in order (the node is closing); recoveries under way are dropped. */
  flush(): void {
    this.#closed = true;
    for (const state of this.#chats.values()) this.#release(state, true);
    this.#chats.clear();
  }

  /** Delivers held pushes that are next in line; with `skipGaps`, all of them in number order. */
  #release(state: ChatState, skipGaps: boolean): void {
    if (state.held.length === 0) return;
    state.held.sort((a, b) => seqOf(a)! - seqOf(b)!);
    while (state.held.length > 0) {
      const seq = seqOf(state.held[0]!)!;
      if (!skipGaps && seq > state.last + 1) break;
      state.last = Math.max(state.last, seq);
      this.deliver(state.held.shift()!);
    }
    if (state.timer !== undefined) clearTimeout(state.timer);
    state.timer = state.held.length > 0 && !state.recovering ? this.#wait(state) : undefined;
  }

  #wait(state: ChatState): ReturnType<typeof setTimeout> {
    const timer = setTimeout(() => this.#gapGivenUp(state), this.options.gapWaitMs);
    timer.unref();
    return timer;
  }

  #gapGivenUp(state: ChatState): void {
    state.timer = undefined;
    if (!this.recover) {
      this.#release(state, true);
      return;
    }
    state.held.sort((a, b) => seqOf(a)! - seqOf(b)!);
    const before = seqOf(state.held[0]!)!;
    state.recovering = true;
    void this.recover(state.chatId, state.last, before).then(
      (pushes) => this.#recovered(state, before, pushes),
      (err: unknown) => {
        this.onRecoveryError(err);
        this.#recovered(state, before, []);
      },
    );
  }

  /** Delivers the recovered pushes that are still next in line, then what was held behind them. */
  #recovered(state: ChatState, before: number, pushes: ChatPush[]): void {
    state.recovering = false;
    if (this.#closed) return;
    for (const push of pushes) {
      const seq = push.chatSeq!;
      const nextUnit = seq === state.last + 1 && seq < before;
      const sameUnit = seq === state.last && state.recovered.at(-1) === seq;
      // Anything else arrived through the fan-out meanwhile (its node was slow, not dead).
      if (!nextUnit && !sameUnit) continue;
      if (nextUnit) {
        state.recovered.push(seq);
        if (state.recovered.length > RECOVERED_REMEMBERED) state.recovered.shift();
      }
      state.last = seq;
      this.deliver(push);
    }
    // What the store did not have (pruned, or a failed read) is skipped, as before recovery existed.
    state.last = Math.max(state.last, before - 1);
    this.#release(state, false);
  }

  #remember(state: ChatState): void {
    this.#chats.set(state.chatId, state);
    if (this.#chats.size <= this.options.maxChats) return;
    const [oldestId, oldest] = this.#chats.entries().next().value as [string, ChatState];
    this.#release(oldest, true);
    this.#chats.delete(oldestId);
  }
}
