import type { DomainEvent } from '../domain/domainEvents.js';

export interface ChatPushOrderOptions {
  /** How long a later push waits for a missing earlier one (its node may have died after commit). */
  gapWaitMs: number;
  /** Chats whose last number is remembered; the least recently pushed are forgotten first. */
  maxChats: number;
}

export const DEFAULT_CHAT_PUSH_ORDER: ChatPushOrderOptions = { gapWaitMs: 500, maxChats: 100_000 };

interface ChatState {
  last: number;
  held: DomainEvent[];
  timer?: ReturnType<typeof setTimeout>;
}

const seqOf = (event: DomainEvent): number | undefined => (event.kind === 'chat_push' ? event.chatSeq : undefined);

/**
 * Puts the pushes of each chat back into commit order on a receiving node. Units committed on
 * several nodes reach the fan-out in the order their publishes do, which may differ from the order
 * they committed in; each chat push carries its unit's number in the chat (`chatSeq`, contiguous
 * per chat), so a push that arrives ahead of a missing one is held until the gap closes, or until
 * `gapWaitMs` passed (the missing unit's node died between commit and publish: clients recover that
 * push with their resync). Pushes without a number pass straight through.
 *
 * A node learns a chat's position from the first push it sees of it; a push numbered at or below
 * the position is delivered at once (more pushes of one unit, or one that arrives after its gap
 * was given up).
 */
export class ChatPushOrder {
  readonly #chats = new Map<string, ChatState>();

  constructor(
    private readonly deliver: (event: DomainEvent) => void,
    private readonly options: ChatPushOrderOptions = DEFAULT_CHAT_PUSH_ORDER,
  ) {}

  accept(event: DomainEvent): void {
    const seq = seqOf(event);
    if (seq === undefined || event.kind !== 'chat_push') {
      this.deliver(event);
      return;
    }
    const state = this.#chats.get(event.chatId);
    if (!state) {
      this.#remember(event.chatId, { last: seq, held: [] });
      this.deliver(event);
      return;
    }
    // Most recently pushed chats stay at the end of the map.
    this.#chats.delete(event.chatId);
    this.#chats.set(event.chatId, state);
    if (seq <= state.last + 1) {
      state.last = Math.max(state.last, seq);
      this.deliver(event);
      this.#release(state, false);
      return;
    }
    state.held.push(event);
    state.timer ??= this.#wait(state);
  }

  /** Delivers every held push at once, in order (the node is closing). */
  flush(): void {
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
    state.timer = state.held.length > 0 ? this.#wait(state) : undefined;
  }

  #wait(state: ChatState): ReturnType<typeof setTimeout> {
    const timer = setTimeout(() => this.#release(state, true), this.options.gapWaitMs);
    timer.unref();
    return timer;
  }

  #remember(chatId: string, state: ChatState): void {
    this.#chats.set(chatId, state);
    if (this.#chats.size <= this.options.maxChats) return;
    const [oldestId, oldest] = this.#chats.entries().next().value as [string, ChatState];
    this.#release(oldest, true);
    this.#chats.delete(oldestId);
  }
}
