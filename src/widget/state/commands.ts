import type { Outbox } from '../../rtm/Outbox.js';
import type { RtmClient } from '../../rtm/RtmClient.js';
import { errorTypeOf } from '../../rtm/RtmError.js';
import type { WebApi } from '../../rtm/webApi.js';
import type { WidgetAction } from './actions.js';
import type { WidgetStore } from './createWidgetStore.js';
import { siteSettingsFrom, teamFrom, type SiteSettings, type TeamMember } from './siteSettings.js';
import { createVisitorCommands, type VisitorCommands } from './visitorCommands.js';

export type StartChatResult = { ok: true; chatId: string } | { ok: false; error: string };

/** One page of older history: the threads it merged into the store, and where older ones continue. */
export interface HistoryPage {
  threadIds: string[];
  olderPageId: string | undefined;
}

/**
 * What views may ask for. Views get it from context and never see the RTM client; tests can
 * pass their own implementation.
 */
export interface WidgetCommands extends VisitorCommands {
  selectChat(chatId: string | undefined): void;
  startChat(topic: string): Promise<StartChatResult>;
  sendMessage(chatId: string, text: string): void;
  sendFile(chatId: string, file: File, onProgress: (fraction: number) => void): Promise<void>;
  retry(customId: string): void;
  discard(customId: string): void;
  endChat(chatId: string): Promise<void>;
  sendSneakPeek(chatId: string, text: string): void;
  sendPostback(input: { chatId: string; threadId: string; eventId: string; postbackId: string; toggled: boolean }): Promise<void>;
  markSeen(chatId: string): void;
  loadHistoryPage(chatId: string, pageId: string | undefined): Promise<HistoryPage>;
  reconnect(): void;
  /** The license's widget settings (name, logo, brand colour, welcome text, reply time). */
  loadSiteSettings(): Promise<SiteSettings>;
  /** The team's names and avatars for the home view (`list_team`, a Switchboard extension). */
  loadTeam(): Promise<TeamMember[]>;
}

export interface CommandDeps {
  store: WidgetStore;
  client: RtmClient;
  outbox: Outbox;
  webApi: WebApi;
}

/** The commands over a live client: what `createSwitchboard` hands to the views. */
export function createCommands({ store, client, outbox, webApi }: CommandDeps): WidgetCommands {
  const dispatch = (action: WidgetAction) => store.getState().dispatch(action);
  const visitor = createVisitorCommands({ store, client });
  return {
    ...visitor,
    selectChat: (chatId) => dispatch({ type: 'selectChat', chatId }),

    startChat: (topic) => visitor.startFormChat({ topic }),

    sendMessage(chatId, text) {
      if (text.trim() === '') return;
      outbox.enqueue(chatId, { type: 'message', text });
    },

    async sendFile(chatId, file, onProgress) {
      const { url } = await webApi.uploadFile(file, file.name, { onProgress });
      outbox.enqueue(chatId, { type: 'file', url });
    },

    retry: (customId) => outbox.retry(customId),
    discard: (customId) => outbox.discard(customId),

    async endChat(chatId) {
      try {
        await client.request('deactivate_chat', { id: chatId });
      } catch (error) {
        if (errorTypeOf(error) !== 'chat_inactive') throw error;
      }
    },

    sendSneakPeek(chatId, text) {
      if (!store.getState().chats[chatId]?.active || client.state !== 'connected') return;
      client.request('send_sneak_peek', { chat_id: chatId, sneak_peek_text: text }).catch(() => undefined);
    },

    async sendPostback({ chatId, threadId, eventId, postbackId, toggled }) {
      await client.request('send_rich_message_postback', { chat_id: chatId, thread_id: threadId, event_id: eventId, postback: { id: postbackId, toggled } });
    },

    markSeen(chatId) {
      const { chats, customer } = store.getState();
      const chat = chats[chatId];
      const last = chat?.events[chat.eventOrder[chat.eventOrder.length - 1] as string];
      if (!chat || !last || !customer || client.state !== 'connected') return;
      const seen = chat.users[customer.id]?.events_seen_up_to ?? '';
      if (seen >= last.created_at) return;
      dispatch({ type: 'eventsSeen', payload: { user_id: customer.id, chat_id: chatId, seen_up_to: last.created_at } });
      client.request('mark_events_as_seen', { chat_id: chatId, seen_up_to: last.created_at }).catch(() => undefined);
    },

    async loadHistoryPage(chatId, pageId) {
      const page = await client.request('list_threads', pageId ? { chat_id: chatId, page_id: pageId } : { chat_id: chatId, min_events_count: 25 });
      dispatch({ type: 'threads', chatId, threads: page.threads, reachedOldest: page.next_page_id === undefined });
      return { threadIds: page.threads.map((thread) => thread.id), olderPageId: page.next_page_id };
    },

    reconnect: () => client.connect(),

    loadSiteSettings: async () => siteSettingsFrom(await webApi.action('list_license_properties', { namespace: 'switchboard' })),
    loadTeam: async () => teamFrom(await client.request('list_team', {})),
  };
}
