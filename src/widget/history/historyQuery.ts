import { infiniteQueryOptions, useInfiniteQuery } from '@tanstack/react-query';
import type { HistoryPage } from '../state/commands.js';

export type LoadHistoryPage = (chatId: string, pageId: string | undefined) => Promise<HistoryPage>;

/**
 * Older history of one chat as an infinite query over `list_threads`. Pages run backwards in
 * time: the first page is the newest threads, `fetchPreviousPage()` loads older ones (they go on
 * top of the timeline). Each page only names the threads it merged into the store; the events
 * themselves live in the store, so live pushes and fetched pages can never disagree.
 */
export function historyQueryOptions(chatId: string, load: LoadHistoryPage) {
  return infiniteQueryOptions({
    queryKey: ['switchboard', 'history', chatId] as const,
    queryFn: ({ pageParam }: { pageParam: string | undefined }) => load(chatId, pageParam),
    initialPageParam: undefined as string | undefined,
    getPreviousPageParam: (oldest: HistoryPage) => oldest.olderPageId,
    getNextPageParam: () => undefined, // newer events arrive as pushes
    staleTime: Infinity,
    retry: 2,
  });
}

export interface ChatHistory {
  hasOlder: boolean;
  loadingOlder: boolean;
  error: boolean;
  loadOlder(): void;
}

/** The history paging state of one chat, for the timeline view. */
export function useChatHistory(chatId: string, load: LoadHistoryPage): ChatHistory {
  const query = useInfiniteQuery(historyQueryOptions(chatId, load));
  const loadingOlder = query.isFetchingPreviousPage || query.isPending;
  return {
    hasOlder: query.isPending || query.hasPreviousPage,
    loadingOlder,
    error: query.isError,
    loadOlder: () => {
      if (!loadingOlder && query.hasPreviousPage) void query.fetchPreviousPage();
    },
  };
}
