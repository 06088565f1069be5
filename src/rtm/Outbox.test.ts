import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Outbox, type SentResult } from './Outbox.js';
import { RtmClient } from './RtmClient.js';
import { memoryStorage } from './storage.js';
import { connected, settle } from './testing/connectedClient.js';
import { fakeSocketFactory, loginResponse, type FakeSocket } from './testing/FakeSocket.js';

const KEY = 'switchboard:org:outbox';

describe('Outbox', () => {
  let sockets: ReturnType<typeof fakeSocketFactory>;
  let client: RtmClient;

  beforeEach(() => {
    vi.useFakeTimers();
    sockets = fakeSocketFactory();
    client = new RtmClient({ url: 'ws://t', socketFactory: sockets, identity: { getAccessToken: async () => 't', invalidate: () => undefined }, reconnect: { random: () => 0 } });
  });
  afterEach(() => {
    client.dispose();
    vi.useRealTimers();
  });

  const connect = (): Promise<FakeSocket> => connected(client, sockets);

  describe('enqueue()', () => {
    it('keeps items while offline, persisted, and sends them in order with custom_id once connected', async () => {
      const storage = memoryStorage();
      const outbox = new Outbox({ client, storage, key: KEY });
      outbox.enqueue('C1', { type: 'message', text: 'one' });
      outbox.enqueue('C1', { type: 'message', text: 'two' });
      expect(outbox.items.map((item) => item.status)).toEqual(['queued', 'queued']);
      expect(JSON.parse(storage.getItem(KEY) ?? '[]')).toHaveLength(2);

      const socket = await connect();
      void outbox.flush();
      await settle();
      expect(socket.requests('send_event')).toHaveLength(1); // one at a time
      const first = socket.lastRequest('send_event').payload as { event: { text: string; custom_id: string } };
      expect(first.event.text).toBe('one');
      expect(first.event.custom_id).toBe(outbox.items[0]?.customId);
      socket.respond('send_event', { event_id: 'T_1' });
      await settle();
      expect((socket.lastRequest('send_event').payload as { event: { text: string } }).event.text).toBe('two');
      socket.respond('send_event', { event_id: 'T_2' });
      await settle();
      expect(outbox.items).toEqual([]);
      expect(JSON.parse(storage.getItem(KEY) ?? '[]')).toEqual([]);
    });

    it('reports each confirmed item with its event id before removing it', async () => {
      const outbox = new Outbox({ client, storage: memoryStorage(), key: KEY });
      const sent: SentResult[] = [];
      outbox.onSent((result) => sent.push(result));
      const socket = await connect();
      const item = outbox.enqueue('C1', { type: 'message', text: 'hi', custom_id: 'fixed' });
      await settle();
      socket.respond('send_event', { event_id: 'T_9' });
      await settle();
      expect(item.customId).toBe('fixed');
      expect(sent).toEqual([{ customId: 'fixed', chatId: 'C1', eventId: 'T_9' }]);
    });
  });

  describe('flush()', () => {
    it('resends an item with the same custom_id after the connection dropped mid-request', async () => {
      const outbox = new Outbox({ client, storage: memoryStorage(), key: KEY });
      const socket = await connect();
      outbox.enqueue('C1', { type: 'message', text: 'hi' });
      await settle();
      const firstTry = socket.lastRequest('send_event').payload as { event: { custom_id: string } };
      socket.serverClose();
      await settle();
      expect(outbox.items[0]?.status).toBe('queued');

      await vi.advanceTimersByTimeAsync(500);
      const next = sockets.last();
      next.open();
      await settle();
      next.respond('login', loginResponse());
      await settle();
      void outbox.flush();
      await settle();
      const secondTry = next.lastRequest('send_event').payload as { event: { custom_id: string } };
      expect(secondTry.event.custom_id).toBe(firstTry.event.custom_id);
    });

    it('resumes a closed chat, then sends, when send_event answers chat_inactive', async () => {
      const outbox = new Outbox({ client, storage: memoryStorage(), key: KEY });
      const socket = await connect();
      outbox.enqueue('C1', { type: 'message', text: 'back again' });
      await settle();
      socket.fail('send_event', 'chat_inactive');
      await settle();
      expect(socket.lastRequest('resume_chat').payload).toEqual({ chat: { id: 'C1' } });
      socket.respond('resume_chat', { thread_id: 'T2' });
      await settle();
      expect(socket.requests('send_event')).toHaveLength(2);
      socket.respond('send_event', { event_id: 'T2_1' });
      await settle();
      expect(outbox.items).toEqual([]);
    });

    it('marks an item failed on a permanent error, continues with the next, and retry() queues it again', async () => {
      const outbox = new Outbox({ client, storage: memoryStorage(), key: KEY });
      const socket = await connect();
      const bad = outbox.enqueue('C1', { type: 'message', text: 'x' });
      outbox.enqueue('C2', { type: 'message', text: 'y' });
      await settle();
      socket.fail('send_event', 'chat_inactive');
      await settle();
      socket.fail('resume_chat', 'chat_limit_reached');
      await settle();
      expect(outbox.items[0]).toMatchObject({ customId: bad.customId, status: 'failed', error: 'chat_limit_reached' });
      expect((socket.lastRequest('send_event').payload as { chat_id: string }).chat_id).toBe('C2');
      socket.respond('send_event', { event_id: 'U_1' });
      await settle();
      outbox.retry(bad.customId);
      expect(outbox.items[0]?.status).not.toBe('failed');
      await settle();
      expect((socket.lastRequest('send_event').payload as { chat_id: string }).chat_id).toBe('C1');
    });
  });

  describe('constructor', () => {
    it('restores items from storage after a reload, turning sending back into queued', () => {
      const storage = memoryStorage();
      storage.setItem(KEY, JSON.stringify([{ customId: 'a', chatId: 'C1', event: { type: 'message', text: 'hi', custom_id: 'a' }, createdAt: 1, status: 'sending' }]));
      const outbox = new Outbox({ client, storage, key: KEY });
      expect(outbox.items).toEqual([{ customId: 'a', chatId: 'C1', event: { type: 'message', text: 'hi', custom_id: 'a' }, createdAt: 1, status: 'queued' }]);
    });
  });
});
