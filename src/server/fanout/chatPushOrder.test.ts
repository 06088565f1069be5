import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ChatPush, DomainEvent } from '../domain/domainEvents.js';
import { ChatPushOrder } from './chatPushOrder.js';

const push = (chatId: string, chatSeq: number | undefined, n: number): DomainEvent => ({
  kind: 'chat_push', licenseId: 1, chatId, name: 'incoming_event', agentPayload: { n }, userIds: ['u'], ...(chatSeq !== undefined ? { chatSeq } : {}),
});
const nOf = (e: DomainEvent) => ((e as { agentPayload: { n: number } }).agentPayload).n;

describe('ChatPushOrder', () => {
  let delivered: number[];
  let order: ChatPushOrder;
  beforeEach(() => {
    vi.useFakeTimers();
    delivered = [];
    order = new ChatPushOrder((e) => delivered.push(nOf(e)), { gapWaitMs: 500, maxChats: 2 });
  });
  afterEach(() => vi.useRealTimers());

  describe('accept()', () => {
    it('holds a push that arrives ahead of a missing one and releases both in commit order (#12)', () => {
      order.accept(push('a', 1, 1));
      order.accept(push('a', 3, 3));
      order.accept(push('a', 4, 4));
      expect(delivered).toEqual([1]);
      order.accept(push('a', 2, 2));
      expect(delivered).toEqual([1, 2, 3, 4]);
    });

    it('delivers every push of one unit (same number) at once', () => {
      order.accept(push('a', 5, 1));
      order.accept(push('a', 5, 2));
      order.accept(push('a', 6, 3));
      expect(delivered).toEqual([1, 2, 3]);
    });

    it('keeps chats apart: a gap in one chat holds nothing of another', () => {
      order.accept(push('a', 1, 1));
      order.accept(push('a', 3, 3));
      order.accept(push('b', 7, 7));
      order.accept(push('b', 8, 8));
      expect(delivered).toEqual([1, 7, 8]);
    });

    it('gives up a gap after gapWaitMs (the publishing node died) and goes on in order', () => {
      order.accept(push('a', 1, 1));
      order.accept(push('a', 4, 4));
      order.accept(push('a', 3, 3));
      vi.advanceTimersByTime(499);
      expect(delivered).toEqual([1]);
      vi.advanceTimersByTime(1);
      expect(delivered).toEqual([1, 3, 4]);
      order.accept(push('a', 2, 2));
      order.accept(push('a', 5, 5));
      expect(delivered).toEqual([1, 3, 4, 2, 5]);
    });

    it('passes pushes without a number and other events straight through', () => {
      order.accept(push('a', 1, 1));
      order.accept(push('a', 3, 3));
      order.accept(push('a', undefined, 9));
      expect(delivered).toEqual([1, 9]);
    });

    it('forgets the least recently pushed chat past maxChats, delivering what it held', () => {
      order.accept(push('a', 1, 1));
      order.accept(push('a', 3, 3));
      order.accept(push('b', 1, 10));
      order.accept(push('c', 1, 20));
      expect(delivered).toEqual([1, 10, 3, 20]);
    });
  });

  describe('flush()', () => {
    it('delivers every held push in number order', () => {
      order.accept(push('a', 1, 1));
      order.accept(push('a', 4, 4));
      order.accept(push('a', 3, 3));
      order.flush();
      expect(delivered).toEqual([1, 3, 4]);
    });
  });

  describe('recovery from the store', () => {
    /** The store as recovery sees it: the pushes of every committed unit, by chat and number. */
    let stored: Map<string, ChatPush[]>;
    let asked: [string, number, number][];
    const commit = (chatId: string, seq: number, n: number) => {
      const pushes = stored.get(chatId) ?? [];
      pushes.push(push(chatId, seq, n) as ChatPush);
      stored.set(chatId, pushes);
    };
    const recoverFromStored = async (chatId: string, after: number, before: number) => {
      asked.push([chatId, after, before]);
      return (stored.get(chatId) ?? []).filter((p) => p.chatSeq! > after && p.chatSeq! < before);
    };
    beforeEach(() => {
      stored = new Map();
      asked = [];
      order = new ChatPushOrder((e) => delivered.push(nOf(e)), { gapWaitMs: 500, maxChats: 10 }, recoverFromStored);
    });

    it('delivers a given-up gap from the store, in order, before what was held behind it (#12)', async () => {
      for (const seq of [1, 2, 3, 4]) commit('a', seq, seq * 10);
      order.accept(push('a', 1, 10));
      order.accept(push('a', 4, 40));
      await vi.advanceTimersByTimeAsync(500);
      expect(asked).toEqual([['a', 1, 4]]);
      expect(delivered).toEqual([10, 20, 30, 40]);
    });

    it('delivers every push of a recovered unit (one number, several pushes)', async () => {
      for (const [seq, n] of [[1, 1], [2, 21], [2, 22], [3, 3]] as const) commit('a', seq, n);
      order.accept(push('a', 1, 1));
      order.accept(push('a', 3, 3));
      await vi.advanceTimersByTimeAsync(500);
      expect(delivered).toEqual([1, 21, 22, 3]);
    });

    it('drops the original of a recovered unit when it arrives late (its node was slow, not dead)', async () => {
      for (const seq of [1, 2, 3]) commit('a', seq, seq);
      order.accept(push('a', 1, 1));
      order.accept(push('a', 3, 3));
      await vi.advanceTimersByTimeAsync(500);
      order.accept(push('a', 2, 2));
      order.accept(push('a', 4, 4));
      expect(delivered).toEqual([1, 2, 3, 4]);
    });

    it('skips what the store no longer has and goes on in order', async () => {
      commit('a', 1, 1);
      order.accept(push('a', 1, 1));
      order.accept(push('a', 3, 3));
      await vi.advanceTimersByTimeAsync(500);
      expect(delivered).toEqual([1, 3]);
    });

    it('skips the gap when reading the store fails, and reports the failure', async () => {
      const failures: unknown[] = [];
      order = new ChatPushOrder((e) => delivered.push(nOf(e)), { gapWaitMs: 500, maxChats: 10 }, () => Promise.reject(new Error('store down')), (err) => failures.push(err));
      order.accept(push('a', 1, 1));
      order.accept(push('a', 3, 3));
      await vi.advanceTimersByTimeAsync(500);
      expect(delivered).toEqual([1, 3]);
      expect(failures).toEqual([new Error('store down')]);
    });

    it('waits again for a later gap behind a recovered one', async () => {
      for (const seq of [1, 2, 3, 5]) commit('a', seq, seq);
      order.accept(push('a', 1, 1));
      order.accept(push('a', 3, 3));
      await vi.advanceTimersByTimeAsync(499);
      order.accept(push('a', 5, 5));
      await vi.advanceTimersByTimeAsync(1);
      expect(delivered).toEqual([1, 2, 3]);
      commit('a', 4, 4);
      await vi.advanceTimersByTimeAsync(500);
      expect(asked).toEqual([['a', 1, 3], ['a', 3, 5]]);
      expect(delivered).toEqual([1, 2, 3, 4, 5]);
    });
  });
});
