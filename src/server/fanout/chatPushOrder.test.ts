import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { DomainEvent } from '../domain/domainEvents.js';
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
});
