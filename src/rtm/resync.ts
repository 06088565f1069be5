import type { CustomerChatSummary, Thread } from '../protocol/entities.js';
import type { RtmClient } from './RtmClient.js';

/** The slice of the client resync needs (a fake in unit tests, the real client elsewhere). */
export type Requester = Pick<RtmClient, 'request'>;

/** Every chat summary of the customer, newest first (list_chats, following page ids). */
export async function listAllChats(client: Requester, maxPages = 8): Promise<CustomerChatSummary[]> {
  const chats: CustomerChatSummary[] = [];
  let page = await client.request('list_chats', { limit: 25 });
  chats.push(...page.chats_summary);
  for (let i = 1; i < maxPages && page.next_page_id; i++) {
    page = await client.request('list_chats', { page_id: page.next_page_id });
    chats.push(...page.chats_summary);
  }
  return chats;
}

export interface MissedThreads {
  /** Newest first, each with all its events. */
  threads: Thread[];
  /** Continue older history from here (undefined when the oldest thread was reached). */
  nextPageId: string | undefined;
}

/**
 * Threads of one chat that may hold events the client has not seen: every thread newer than the
 * newest thread already known, plus that known thread itself (it may have grown). With nothing
 * known it returns the newest threads holding at least `minEvents` events. Merging the result by
 * event id leaves no gap and no duplicate.
 */
export async function fetchMissedThreads(
  client: Requester,
  chatId: string,
  knownThreadIds: ReadonlySet<string>,
  options: { pageSize?: number; maxPages?: number; minEvents?: number } = {},
): Promise<MissedThreads> {
  if (knownThreadIds.size === 0) {
    const page = await client.request('list_threads', { chat_id: chatId, min_events_count: options.minEvents ?? 25 });
    return { threads: page.threads, nextPageId: page.next_page_id };
  }
  const threads: Thread[] = [];
  let page = await client.request('list_threads', { chat_id: chatId, sort_order: 'desc', limit: options.pageSize ?? 5 });
  for (let i = 0; ; i++) {
    for (const thread of page.threads) {
      threads.push(thread);
      if (knownThreadIds.has(thread.id)) return { threads, nextPageId: page.next_page_id };
    }
    if (!page.next_page_id || i + 1 >= (options.maxPages ?? 20)) return { threads, nextPageId: page.next_page_id };
    page = await client.request('list_threads', { chat_id: chatId, page_id: page.next_page_id });
  }
}

/** Runs `task` over `items` with at most `limit` in flight (the server allows 10 pending requests per socket). */
export async function forEachLimited<T>(items: readonly T[], limit: number, task: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const item = items[next++] as T;
      await task(item);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}
