import type { AgentActions, ArchiveFilters, TransferTarget } from '../../protocol/agent.js';
import type { RoutingStatus } from '../../protocol/entities.js';
import type { AgentRtmClient } from '../../rtm/agentFlavour.js';
import type { WebApi } from '../../rtm/webApi.js';
import { errorTypeOf } from '../../rtm/RtmError.js';
import type { ConsoleStore } from './createConsoleStore.js';
import { currentThread } from '../../chat/threads.js';
import { customerOf } from '../../chat/users.js';
import { isMember } from './selectors.js';
import { createSupervision, type SupervisionCommands } from './supervision.js';
import type { TransferFacts } from './transferTargets.js';

/** How many threads one history page asks for. */
const HISTORY_PAGE = 5;
const ARCHIVE_PAGE = 20;

export interface ConsoleCommands extends SupervisionCommands {
  openChat(chatId: string | undefined): void;
  loadOlder(chatId: string): Promise<void>;
  markSeen(chatId: string): void;
  sendMessage(chatId: string, text: string): Promise<boolean>;
  sendFile(chatId: string, file: File): Promise<boolean>;
  setTyping(chatId: string, isTyping: boolean): void;
  join(chatId: string): Promise<void>;
  transfer(chatId: string, target: TransferTarget): Promise<boolean>;
  close(chatId: string): Promise<void>;
  tag(chatId: string, tag: string): Promise<boolean>;
  ban(customerId: string, days: number): Promise<boolean>;
  setRoutingStatus(status: RoutingStatus): Promise<void>;
  searchArchives(filters: ArchiveFilters): Promise<void>;
  archivesPage(direction: 'next' | 'previous'): Promise<void>;
  loadCustomer(customerId: string): Promise<void>;
  /** Agent ids known to the server with their routing status. */
  listAgents(): Promise<{ agent_id: string; status: RoutingStatus }[]>;
  /** Who may take this chat and how busy they are, for the transfer dialog. */
  transferFacts(chatId: string): Promise<TransferFacts>;
  setMuted(muted: boolean): void;
  dismissError(): void;
}

type Client = Pick<AgentRtmClient, 'request'>;
type Uploader = Pick<WebApi<AgentActions>, 'uploadFile'>;

const MESSAGES: Record<string, string> = {
  not_connected: 'Not connected. Trying again…',
  connection_lost: 'The connection was lost. Trying again…',
  chat_inactive: 'This chat is closed.',
  authorization: 'You are not allowed to do that in this chat.',
  group_unavailable: 'Nobody there can take the chat right now.',
  agent_offline: 'That agent is offline.',
  entity_too_large: 'Files may be at most 10 MB.',
  not_found: 'Not found.',
  validation: 'The server refused the request.',
};

/**
 * What the views can do: each command calls the Agent Chat API and lets the resulting pushes
 * update the store (so every tab sees the same picture); failures land in `error`.
 */
export function createCommands(store: ConsoleStore, client: Client, uploads: Uploader, storage: Pick<Storage, 'setItem'> | undefined = undefined): ConsoleCommands {
  const dispatch = store.getState().dispatch;
  const fail = (action: string) => (error: unknown) => {
    const type = errorTypeOf(error);
    dispatch({ type: 'error', message: `${action}: ${MESSAGES[type] ?? (error instanceof Error ? error.message : type)}` });
  };
  const typingState = new Map<string, boolean>();
  const loading = new Set<string>();

  async function loadHistory(chatId: string): Promise<void> {
    const chat = store.getState().chats[chatId];
    if (loading.has(chatId) || chat?.history.status === 'complete') return;
    const pageId = chat?.history.status === 'partial' ? chat.history.olderPageId : undefined;
    loading.add(chatId);
    try {
      const page = pageId
        ? await client.request('list_threads', { chat_id: chatId, page_id: pageId })
        : await client.request('list_threads', { chat_id: chatId, sort_order: 'desc', limit: HISTORY_PAGE });
      dispatch({ type: 'threads', chatId, threads: page.threads, olderPageId: page.next_page_id });
    } finally {
      loading.delete(chatId);
    }
  }

  const supervision = createSupervision(store, client, fail);
  const commands: ConsoleCommands = {
    ...supervision,
    openChat(chatId) {
      dispatch({ type: 'selectChat', chatId });
      supervision.watch(chatId);
      if (!chatId) return;
      const chat = store.getState().chats[chatId];
      // A chat one is not in gets no message pushes until followed: load it as it is now.
      const current = chat && Object.keys(chat.users).length > 0 && (!chat.active || isMember(chat, store.getState().me?.id));
      const work = current ? Promise.resolve() : client.request('get_chat', { chat_id: chatId }).then((full) => dispatch({ type: 'chat', chat: full }));
      void work
        .then(() => (store.getState().chats[chatId]?.history.status === 'idle' ? loadHistory(chatId) : undefined))
        .then(() => {
          const customer = store.getState().chats[chatId];
          const id = customer ? customerOf(customer)?.id : undefined;
          commands.markSeen(chatId);
          return id ? commands.loadCustomer(id) : undefined;
        })
        .catch(fail('Opening the chat'));
    },
    loadOlder: (chatId) => loadHistory(chatId).catch(fail('Loading history')),
    markSeen(chatId) {
      const { chats, me } = store.getState();
      const chat = chats[chatId];
      const lastId = chat?.eventOrder[chat.eventOrder.length - 1];
      const last = lastId ? chat?.events[lastId] : undefined;
      const mine = me ? chat?.users[me.id] : undefined;
      if (!chat || !last || !mine || (mine.events_seen_up_to ?? '') >= last.created_at) return;
      client.request('mark_events_as_seen', { chat_id: chatId, seen_up_to: last.created_at }).catch(() => undefined);
    },
    async sendMessage(chatId, text) {
      const trimmed = text.trim();
      if (!trimmed) return false;
      typingState.delete(chatId);
      try {
        await client.request('send_event', { chat_id: chatId, event: { type: 'message', text: trimmed, visibility: 'all' } });
        return true;
      } catch (error) {
        fail('Sending')(error);
        return false;
      }
    },
    async sendFile(chatId, file) {
      try {
        const { url } = await uploads.uploadFile(file, file.name);
        await client.request('send_event', { chat_id: chatId, event: { type: 'file', url } });
        return true;
      } catch (error) {
        fail('Sending the file')(error);
        return false;
      }
    },
    setTyping(chatId, isTyping) {
      if ((typingState.get(chatId) ?? false) === isTyping) return;
      typingState.set(chatId, isTyping);
      client.request('send_typing_indicator', { chat_id: chatId, is_typing: isTyping }).catch(() => undefined);
    },
    async join(chatId) {
      const me = store.getState().me;
      if (!me) return;
      await client.request('add_user_to_chat', { chat_id: chatId, user_id: me.id, user_type: 'agent', visibility: 'all' }).catch(fail('Joining'));
    },
    async transfer(chatId, target) {
      try {
        await client.request('transfer_chat', { id: chatId, target, ignore_agents_availability: target.type === 'group' });
        return true;
      } catch (error) {
        fail('Transferring')(error);
        return false;
      }
    },
    async close(chatId) {
      await client.request('deactivate_chat', { id: chatId, ignore_requester_presence: true }).catch(fail('Closing'));
    },
    async tag(chatId, tag) {
      const chat = store.getState().chats[chatId];
      const threadId = chat ? currentThread(chat)?.id : undefined;
      if (!threadId || !tag.trim()) return false;
      try {
        await client.request('tag_thread', { chat_id: chatId, thread_id: threadId, tag: tag.trim() });
        dispatch({ type: 'threadTagged', payload: { chat_id: chatId, thread_id: threadId, tag: tag.trim() }, tagged: true });
        return true;
      } catch (error) {
        fail('Tagging')(error);
        return false;
      }
    },
    async ban(customerId, days) {
      try {
        await client.request('ban_customer', { id: customerId, ban: { days } });
        dispatch({ type: 'customerBanned', payload: { customer_id: customerId, ban: { days } } });
        return true;
      } catch (error) {
        fail('Banning')(error);
        return false;
      }
    },
    async setRoutingStatus(status) {
      try {
        await client.request('set_routing_status', { status });
        const me = store.getState().me;
        if (me) dispatch({ type: 'routingStatus', agentId: me.id, status });
      } catch (error) {
        fail('Changing the status')(error);
      }
    },
    async searchArchives(filters) {
      dispatch({ type: 'archivesLoading', filters });
      try {
        const page = await client.request('list_archives', { filters, limit: ARCHIVE_PAGE });
        dispatch({ type: 'archivesLoaded', rows: page.chats, found: page.found_chats, page: 1, ...pageIds(page) });
      } catch (error) {
        dispatch({ type: 'archivesFailed' });
        fail('Searching archives')(error);
      }
    },
    async archivesPage(direction) {
      const { archives } = store.getState();
      const pageId = direction === 'next' ? archives.nextPageId : archives.previousPageId;
      if (!pageId) return;
      dispatch({ type: 'archivesLoading', filters: archives.filters });
      try {
        const page = await client.request('list_archives', { page_id: pageId });
        dispatch({ type: 'archivesLoaded', rows: page.chats, found: page.found_chats, page: archives.page + (direction === 'next' ? 1 : -1), ...pageIds(page) });
      } catch (error) {
        dispatch({ type: 'archivesFailed' });
        fail('Loading archives')(error);
      }
    },
    async loadCustomer(customerId) {
      const customer = await client.request('get_customer', { id: customerId });
      dispatch({ type: 'customer', customer });
      const known = store.getState().chats;
      const others = (customer.chat_ids ?? []).filter((id) => !known[id] || Object.keys(known[id]?.users ?? {}).length === 0);
      await Promise.all(others.map((id) => client.request('get_chat', { chat_id: id }).then((chat) => dispatch({ type: 'chat', chat })).catch(() => undefined)));
    },
    listAgents: () => client.request('list_routing_statuses', {}),
    async transferFacts(chatId) {
      const [candidates, statuses] = await Promise.all([client.request('list_agents_for_transfer', { chat_id: chatId }), client.request('list_routing_statuses', {})]);
      return { candidates, statuses };
    },
    setMuted(muted) {
      dispatch({ type: 'muted', muted });
      storage?.setItem('switchboard.console.muted', muted ? '1' : '0');
    },
    dismissError: () => dispatch({ type: 'error', message: undefined }),
  };
  return commands;
}

function pageIds(page: { next_page_id?: string; previous_page_id?: string }): { nextPageId?: string; previousPageId?: string } {
  return { ...(page.next_page_id ? { nextPageId: page.next_page_id } : {}), ...(page.previous_page_id ? { previousPageId: page.previous_page_id } : {}) };
}
