import type { EventInput } from '../protocol/customer.js';
import type { RtmClient } from './RtmClient.js';
import { RtmError, errorTypeOf, isTransientErrorType } from './RtmError.js';
import { readJson, type KeyValueStorage } from './storage.js';

export type OutboxStatus = 'queued' | 'sending' | 'failed';

export interface OutboxItem {
  customId: string;
  chatId: string;
  event: EventInput & { custom_id: string };
  /** Epoch ms when the visitor sent it. */
  createdAt: number;
  status: OutboxStatus;
  /** Error type of the last failed try. */
  error?: string;
}

export interface SentResult { customId: string; chatId: string; eventId: string }

export interface OutboxOptions {
  client: Pick<RtmClient, 'request' | 'state'>;
  storage: KeyValueStorage;
  /** Storage key; one outbox per widget instance. */
  key: string;
  now?: () => number;
}

/**
 * Messages the visitor sent that the server has not confirmed yet. Persisted, so they survive a
 * reload; sent one at a time, in order, whenever `flush()` runs with a live connection. Each
 * event carries a `custom_id` and the server makes `send_event` idempotent on it per chat, so an
 * item retried after its first try did reach the server yields the same event — never a duplicate.
 * Writing in a closed chat resumes it first (a new thread), then sends.
 * @example
 * const outbox = new Outbox({ client, storage: browserStorage(), key: 'switchboard:org:outbox' });
 * client.onLogin(() => void outbox.flush());
 * outbox.enqueue('PJ0MRSHTDG', { type: 'message', text: 'hi' });
 */
export class Outbox {
  #items: OutboxItem[];
  #listeners = new Set<(items: readonly OutboxItem[]) => void>();
  #sentListeners = new Set<(result: SentResult) => void>();
  #flushing: Promise<void> | undefined;
  #again = false;
  readonly #options: OutboxOptions;

  constructor(options: OutboxOptions) {
    this.#options = options;
    const stored = readJson<OutboxItem[]>(options.storage, options.key) ?? [];
    // NOTE: an item that was `sending` when the page closed may or may not have arrived; custom_id makes a resend safe.
    this.#items = stored.filter((item) => item && typeof item.customId === 'string').map((item) => (item.status === 'sending' ? { ...item, status: 'queued' } : item));
  }

  get items(): readonly OutboxItem[] {
    return this.#items;
  }

  subscribe(listener: (items: readonly OutboxItem[]) => void): () => void {
    this.#listeners.add(listener);
    return () => void this.#listeners.delete(listener);
  }

  /** Fires when the server confirmed an item, before the item leaves `items`. */
  onSent(listener: (result: SentResult) => void): () => void {
    this.#sentListeners.add(listener);
    return () => void this.#sentListeners.delete(listener);
  }

  /** Queues one event (a `custom_id` is added when missing) and tries to send it. */
  enqueue(chatId: string, event: EventInput): OutboxItem {
    const customId = event.custom_id ?? newCustomId();
    const item: OutboxItem = { customId, chatId, event: { ...event, custom_id: customId }, createdAt: (this.#options.now ?? Date.now)(), status: 'queued' };
    this.#update([...this.#items, item]);
    void this.flush();
    return item;
  }

  /** Puts a failed item back in the queue. */
  retry(customId: string): void {
    this.#update(this.#items.map((item) => (item.customId === customId && item.status === 'failed' ? { customId: item.customId, chatId: item.chatId, event: item.event, createdAt: item.createdAt, status: 'queued' } : item)));
    void this.flush();
  }

  discard(customId: string): void {
    this.#update(this.#items.filter((item) => item.customId !== customId));
  }

  /** Sends queued items in order; resolves when the queue is drained or the connection is gone. */
  flush(): Promise<void> {
    if (this.#flushing) {
      this.#again = true;
      return this.#flushing;
    }
    this.#flushing = this.#drain().finally(() => {
      this.#flushing = undefined;
      if (this.#again) {
        this.#again = false;
        void this.flush();
      }
    });
    return this.#flushing;
  }

  async #drain(): Promise<void> {
    for (;;) {
      if (this.#options.client.state !== 'connected') return;
      const item = this.#items.find((candidate) => candidate.status === 'queued');
      if (!item) return;
      this.#setStatus(item.customId, 'sending');
      try {
        const eventId = await this.#send(item);
        const result: SentResult = { customId: item.customId, chatId: item.chatId, eventId };
        for (const listener of [...this.#sentListeners]) listener(result);
        this.#update(this.#items.filter((candidate) => candidate.customId !== item.customId));
      } catch (error) {
        const type = errorTypeOf(error);
        if (isTransientErrorType(type)) {
          this.#setStatus(item.customId, 'queued');
          return; // NOTE: stop here so order is kept; the next flush (next login) resumes
        }
        this.#setStatus(item.customId, 'failed', type);
      }
    }
  }

  async #send(item: OutboxItem): Promise<string> {
    const { client } = this.#options;
    try {
      return (await client.request('send_event', { chat_id: item.chatId, event: item.event })).event_id;
    } catch (error) {
      if (!(error instanceof RtmError) || error.type !== 'chat_inactive') throw error;
    }
    try {
      await client.request('resume_chat', { chat: { id: item.chatId } });
    } catch (error) {
      if (!(error instanceof RtmError) || error.type !== 'chat_already_active') throw error;
    }
    return (await client.request('send_event', { chat_id: item.chatId, event: item.event })).event_id;
  }

  #setStatus(customId: string, status: OutboxStatus, error?: string): void {
    this.#update(this.#items.map((item) => {
      if (item.customId !== customId) return item;
      const next: OutboxItem = { customId: item.customId, chatId: item.chatId, event: item.event, createdAt: item.createdAt, status };
      if (error !== undefined) next.error = error;
      return next;
    }));
  }

  #update(items: OutboxItem[]): void {
    this.#items = items;
    try {
      this.#options.storage.setItem(this.#options.key, JSON.stringify(items));
    } catch {
      // storage full or blocked: the queue still works for this page's lifetime
    }
    for (const listener of [...this.#listeners]) listener(items);
  }
}

/** A unique id for `custom_id` (random UUID where available; works outside secure contexts too). */
export function newCustomId(): string {
  const cryptoApi = globalThis.crypto as Crypto | undefined;
  if (cryptoApi?.randomUUID) return cryptoApi.randomUUID();
  const bytes = new Uint8Array(16);
  if (cryptoApi?.getRandomValues) cryptoApi.getRandomValues(bytes);
  else for (let i = 0; i < bytes.length; i++) bytes[i] = Math.floor(Math.random() * 256);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}
