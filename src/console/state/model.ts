import type { AgentCustomer, AgentProfile, ArchiveFilters } from '../../protocol/agent.js';
import { emptyChatCore, type ChatCore } from '../../chat/model.js';
import type { Access, Chat, RoutingStatus, Thread } from '../../protocol/entities.js';
import type { ConnectionState } from '../../rtm/RtmClient.js';

export type { ConnectionState };
export type { StoredEvent, ThreadInfo } from '../../chat/model.js';

/** What the console knows of one chat: the shared chat core plus agent-side state. */
export type ConsoleChat = ChatCore & {
  access: Access;
  /** Paging of `list_threads` towards older threads. `idle` = nothing loaded yet. */
  history: { status: 'idle' | 'partial' | 'complete'; olderPageId?: string };
  typing: boolean;
  sneakPeek?: string;
};

/** The lists of the left column; `all` (every active chat) only for owners and administrators. */
export const CHAT_VIEWS = ['my', 'queued', 'all', 'archives'] as const;
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
  return { ...emptyChatCore(id), access: { group_ids: [] }, history: { status: 'idle' }, typing: false };
}
