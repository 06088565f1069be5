import { InfiniteQueryObserver, QueryClient } from '@tanstack/react-query';
import { describe, expect, it } from 'vitest';
import type { HistoryPage } from '../state/commands.js';
import { historyQueryOptions } from './historyQuery.js';

describe('historyQueryOptions()', () => {
  it('starts at the newest page and pages towards older threads with fetchPreviousPage until the oldest', async () => {
    const calls: (string | undefined)[] = [];
    const pages: Record<string, HistoryPage> = {
      first: { threadIds: ['T5', 'T4'], olderPageId: 'p2' },
      p2: { threadIds: ['T3', 'T2'], olderPageId: 'p3' },
      p3: { threadIds: ['T1'], olderPageId: undefined },
    };
    const load = async (chatId: string, pageId: string | undefined) => {
      expect(chatId).toBe('A');
      calls.push(pageId);
      return pages[pageId ?? 'first'] as HistoryPage;
    };
    const observer = new InfiniteQueryObserver(new QueryClient(), historyQueryOptions('A', load));
    const unsubscribe = observer.subscribe(() => undefined);
    await observer.refetch();
    expect(observer.getCurrentResult().hasPreviousPage).toBe(true);
    expect(observer.getCurrentResult().hasNextPage).toBe(false);
    await observer.fetchPreviousPage();
    await observer.fetchPreviousPage();
    const result = observer.getCurrentResult();
    expect(calls).toEqual([undefined, 'p2', 'p3']);
    expect(result.data?.pages.flatMap((page) => page.threadIds)).toEqual(['T1', 'T3', 'T2', 'T5', 'T4']);
    expect(result.hasPreviousPage).toBe(false);
    unsubscribe();
  });
});
