import type { EventInput } from '../protocol/customer.js';
import type { ChatEvent, Properties, Queue, User } from '../protocol/entities.js';

/** An event as a front end keeps it: the wire event plus the thread it belongs to. */
export type StoredEvent = ChatEvent & { thread_id: string };

export interface ThreadInfo {
  id: string;
  created_at: string;
  active: boolean;
  /** Only while the thread is active. */
  queue?: Queue;
  previous_thread_id?: string;
  next_thread_id?: string;
  properties?: Properties;
  /** Agent-side thread tags (absent for customers). */
  tags?: string[];
}

/**
 * What the widget and the console both know of one chat. Each store extends it with what is its
 * own (paging state, typing, access) and keeps the extra fields through these functions, which
 * spread the chat they are given.
 */
export interface ChatCore {
  id: string;
  /** Chat property `switchboard.topic`. */
  topic: string | undefined;
  properties: Properties;
  users: Record<string, User>;
  /** The newest thread is active. */
  active: boolean;
  threads: Record<string, ThreadInfo>;
  /** Thread ids, oldest first. */
  threadOrder: string[];
  events: Record<string, StoredEvent>;
  /** Event ids, oldest first (by `created_at`, then id). */
  eventOrder: string[];
  /** Newest event known, from a summary or from loaded events (list preview). */
  lastEvent: StoredEvent | undefined;
  /** Sort key of chat lists: newest event or thread start. */
  lastActivityAt: string;
}

export function emptyChatCore(id: string): ChatCore {
  return { id, topic: undefined, properties: {}, users: {}, active: false, threads: {}, threadOrder: [], events: {}, eventOrder: [], lastEvent: undefined, lastActivityAt: '' };
}

/** Delivery state of a message written here that is not (yet) an event in the chat. */
export type PendingStatus = 'sending' | 'sent' | 'failed';

export interface PendingSend {
  customId: string;
  chatId: string;
  event: EventInput;
  createdAt: number;
  status: PendingStatus;
  /** Error type of the last failure. */
  error?: string;
  /** Set once the server confirmed it, until the event itself is in the chat. */
  eventId?: string;
}

/** Messages on their way, with the chats they go to (the part of a store `pending.ts` works on). */
export interface PendingSends<C extends ChatCore = ChatCore> {
  chats: Record<string, C>;
  outgoing: Record<string, PendingSend>;
  /** Custom ids in the order they were written. */
  outgoingOrder: string[];
}
