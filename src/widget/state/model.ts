import type { EventInput } from '../../protocol/customer.js';
import type { ChatEvent, CustomerUser, Properties, Queue, User } from '../../protocol/entities.js';
import type { ConnectionState } from '../../rtm/RtmClient.js';

export type { ConnectionState };

/** An event as stored: the wire event plus the thread it belongs to. */
export type StoredEvent = ChatEvent & { thread_id: string };

export interface ThreadInfo {
  id: string;
  created_at: string;
  active: boolean;
  queue?: Queue;
  previous_thread_id?: string;
  next_thread_id?: string;
  properties?: Properties;
}

export interface ChatState {
  id: string;
  /** Chat property `switchboard.topic`. */
  topic: string | undefined;
  properties: Properties;
  users: Record<string, User>;
  /** The chat has an active thread. */
  active: boolean;
  threads: Record<string, ThreadInfo>;
  /** Thread ids, oldest first. */
  threadOrder: string[];
  events: Record<string, StoredEvent>;
  /** Event ids, oldest first (by `created_at`, then id). */
  eventOrder: string[];
  /** Newest event known, from a summary or from loaded events (list preview). */
  lastEvent: StoredEvent | undefined;
  /** Sort key of the chat list: newest event or thread start. */
  lastActivityAt: string;
  /** False once the chat's first thread is loaded. */
  hasOlder: boolean;
}

/** Delivery state of a message the visitor wrote that is not (yet) an event in the chat. */
export type OutgoingStatus = 'sending' | 'sent' | 'failed';

export interface OutgoingMessage {
  customId: string;
  chatId: string;
  event: EventInput;
  createdAt: number;
  status: OutgoingStatus;
  /** Error type of the last failure. */
  error?: string;
  /** Set once the server confirmed it, until the event itself is in the chat. */
  eventId?: string;
}

export interface WidgetData {
  connection: { status: ConnectionState; reason?: string };
  customer: CustomerUser | undefined;
  chats: Record<string, ChatState>;
  /** Chat ids, most recent activity first. */
  chatOrder: string[];
  /** Chat id → an agent is typing. */
  typing: Record<string, boolean>;
  outgoing: Record<string, OutgoingMessage>;
  /** Custom ids in the order the visitor wrote them. */
  outgoingOrder: string[];
  /** Nobody can take chats right now (login dynamic config or groups_status_updated). */
  groupsOffline: boolean;
  /** True after the first login's chat list arrived. */
  synced: boolean;
  selectedChatId: string | undefined;
  /** The widget is on screen: messages of the open chat count as seen. The embed frame sets it from the panel. */
  visible: boolean;
  /** Error type of the last refused chat start (from the widget's form or the page API), until the next attempt. */
  startChatFailure: string | undefined;
}

export const TOPIC_NAMESPACE = 'switchboard';
export const TOPIC_NAME = 'topic';

export function initialWidgetData(): WidgetData {
  return {
    connection: { status: 'idle' },
    customer: undefined,
    chats: {},
    chatOrder: [],
    typing: {},
    outgoing: {},
    outgoingOrder: [],
    groupsOffline: false,
    synced: false,
    selectedChatId: undefined,
    visible: true,
    startChatFailure: undefined,
  };
}
