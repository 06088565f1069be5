import { describe, expect, it } from 'vitest';
import type { Thread } from '../protocol/entities.js';
import { fetchMissedThreads, forEachLimited, listAllChats, type Requester } from './resync.js';

function thread(id: string, events = 1): Thread {
  return { id, created_at: '2024-01-01T00:00:00.000000Z', active: false, user_ids: [], events: Array.from({ length: events }, (_, i) => ({ id: `${id}_${i + 1}`, type: 'message', text: 't', created_at: '2024-01-01T00:00:00.000000Z' })) };
}

/** A requester that serves list_threads/list_chats pages from arrays, newest first, recording requests. */
function pagedServer(threads: Thread[], chatCount = 0) {
  const requests: { action: string; payload: Record<string, unknown> }[] = [];
  const requester = {
    async request(action: string, payload: Record<string, unknown>) {
      requests.push({ action, payload });
      const offset = payload.page_id ? Number(payload.page_id) : 0;
      if (action === 'list_chats') {
        const limit = 25;
        const slice = Array.from({ length: Math.max(0, Math.min(limit, chatCount - offset)) }, (_, i) => ({ id: `C${offset + i}` }));
        return { chats_summary: slice, total_chats: chatCount, ...(offset + limit < chatCount ? { next_page_id: String(offset + limit) } : {}) };
      }
      const limit = payload.page_id ? 2 : (payload.limit as number | undefined) ?? 2;
      const slice = threads.slice(offset, offset + limit);
      return { threads: slice, found_threads: threads.length, ...(offset + limit < threads.length ? { next_page_id: String(offset + limit) } : {}) };
    },
  } as unknown as Requester;
  return { requester, requests };
}

describe('resync', () => {
  describe('fetchMissedThreads()', () => {
    it('pages back until it reaches the newest known thread and includes it', async () => {
      const all = ['T6', 'T5', 'T4', 'T3', 'T2', 'T1'].map((id) => thread(id));
      const { requester, requests } = pagedServer(all);
      const result = await fetchMissedThreads(requester, 'C1', new Set(['T3', 'T2']), { pageSize: 2 });
      expect(result.threads.map((t) => t.id)).toEqual(['T6', 'T5', 'T4', 'T3']);
      expect(requests[0]?.payload).toEqual({ chat_id: 'C1', sort_order: 'desc', limit: 2 });
      expect(requests[1]?.payload).toEqual({ chat_id: 'C1', page_id: '2' });
    });

    it('asks for the newest threads by event count when nothing is known', async () => {
      const { requester, requests } = pagedServer([thread('T1', 30)]);
      const result = await fetchMissedThreads(requester, 'C1', new Set());
      expect(result.threads.map((t) => t.id)).toEqual(['T1']);
      expect(requests[0]?.payload).toEqual({ chat_id: 'C1', min_events_count: 25 });
    });
  });

  describe('listAllChats()', () => {
    it('follows next_page_id until the last page', async () => {
      const { requester } = pagedServer([], 60);
      const chats = await listAllChats(requester);
      expect(chats).toHaveLength(60);
      expect(new Set(chats.map((chat) => chat.id)).size).toBe(60);
    });
  });

  describe('forEachLimited()', () => {
    it('never runs more than the limit at once and visits every item', async () => {
      let running = 0;
      let peak = 0;
      const seen: number[] = [];
      await forEachLimited([1, 2, 3, 4, 5, 6, 7], 3, async (n) => {
        running += 1;
        peak = Math.max(peak, running);
        await new Promise((resolve) => setTimeout(resolve, 1));
        seen.push(n);
        running -= 1;
      });
      expect(peak).toBe(3);
      expect(seen.sort()).toEqual([1, 2, 3, 4, 5, 6, 7]);
    });
  });
});
