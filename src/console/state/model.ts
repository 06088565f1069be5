import type { AgentCustomer, AgentProfile, ArchiveFilters } from '../../protocol/agent.js';
import type { Access, Chat, ChatEvent, Properties, Queue, RoutingStatus, Thread, User } from '../../protocol/entities.js';
import type { ConnectionState } from '../../rtm/RtmClient.js';

export type { ConnectionState };

/** An event as the console keeps it: with the thread it belongs to. */
export type StoredEvent = ChatEvent & { thread_id: string };

export interface ThreadInfo {
  id: string;
  created_at: string;
  active: boolean;
  tags: string[];
  queue?: Queue;
}

/** What the console knows of one chat; history is merged by event id, in `created_at` order. */
export interface ConsoleChat {
  id: string;
  users: Record<string, User>;
  properties: Properties;
  access: Access;
  active: boolean;
  lastThreadId?: string;
  threads: Record<string, ThreadInfo>;
  events: Record<string, StoredEvent>;
  eventOrder: string[];
  /** Paging of `list_threads` towards older threads. `idle` = nothing loaded yet. */
  history: { status: 'idle' | 'partial' | 'complete'; olderPageId?: string };
  typing: boolean;
  sneakPeek?: string;
}

/** The three lists of the left column. */
export const CHAT_VIEWS = ['my', 'queued', 'archives'] as const;
export type ChatView = (typeof CHAT_VIEWS)[number];

/** One row of `list_archives`: a thread of a chat. */
export type ArchiveRow = Chat & { thread: Thread };

export interface ArchivesState {
  filters: ArchiveFilters;
  status: 'idle' | 'loading' | 'ready' | 'failed';
  rows: ArchiveRow[];
  found: number;
  nextPageId?: string;
  previousPageId?: string;
  /** 1-based page number shown to the reader. */
  page: number;
}

export interface ConsoleData {
  connection: { status: ConnectionState; reason?: string };
  me?: AgentProfile;
  routingStatus?: RoutingStatus;
  chats: Record<string, ConsoleChat>;
  selectedChatId?: string;
  view: ChatView;
  archives: ArchivesState;
  /** Customer details (`get_customer`) by customer id. */
  customers: Record<string, AgentCustomer>;
  /** Customers banned during this session (customer id → days). */
  banned: Record<string, number>;
  muted: boolean;
  /** The last failed command, shown in an alert until dismissed. */
  error?: string;
}

export function initialConsoleData(): ConsoleData {
  return {
    connection: { status: 'idle' },
    chats: {},
    view: 'my',
    archives: { filters: {}, status: 'idle', rows: [], found: 0, page: 1 },
    customers: {},
    banned: {},
    muted: false,
  };
}

export function emptyChat(id: string): ConsoleChat {
  return {
    id, users: {}, properties: {}, access: { group_ids: [] }, active: false,
    threads: {}, events: {}, eventOrder: [], history: { status: 'idle' }, typing: false,
  };
}
