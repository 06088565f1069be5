import type { AgentProfile } from '../../protocol/agent.js';
import type { AgentRtmClient } from '../../rtm/agentFlavour.js';
import type { ConsoleStore } from './createConsoleStore.js';
import type { ConsoleChat, ConsoleData } from './model.js';
import { isMember } from './selectors.js';

/**
 * Supervision: owners and administrators see every active chat of the license (also those a bot
 * or another agent holds), follow the one they open and can take it over.
 */

const SUPERVISORS = new Set<AgentProfile['permission']>(['owner', 'viceowner', 'administrator']);
/** One `list_chats` page; a license with more active chats at once shows the newest. */
const ACTIVE_PAGE = 100;

export function canSupervise(me: AgentProfile | undefined): boolean {
  return me !== undefined && SUPERVISORS.has(me.permission);
}

/** Every active chat the console knows, newest activity first. */
export function allActiveChats(data: Pick<ConsoleData, 'chats'>): ConsoleChat[] {
  return Object.values(data.chats).filter((chat) => chat.active).sort((a, b) => (a.lastActivityAt < b.lastActivityAt ? 1 : -1));
}

/** Who holds the chat now: the names of its present agents and bots. */
export function holders(chat: ConsoleChat): string[] {
  return Object.values(chat.users).filter((user) => user.type === 'agent' && user.present !== false).map((user) => ('name' in user && user.name) || user.id);
}

export interface SupervisionCommands {
  /** Loads every active chat of the license (`list_chats`), for the "All chats" view. */
  loadActiveChats(): Promise<void>;
  /** Takes a chat someone else holds: `transfer_chat` to oneself. */
  takeOver(chatId: string): Promise<boolean>;
  /** Follows a chat one is not in while it is open (`follow_chat`), and stops on leaving it. */
  watch(chatId: string | undefined): void;
}

type Client = Pick<AgentRtmClient, 'request'>;

export function createSupervision(store: ConsoleStore, client: Client, fail: (action: string) => (error: unknown) => void): SupervisionCommands {
  const dispatch = store.getState().dispatch;
  let followed: string | undefined;
  return {
    async loadActiveChats() {
      try {
        const page = await client.request('list_chats', { filters: { active: true }, limit: ACTIVE_PAGE });
        dispatch({ type: 'chatSummaries', summaries: page.chats_summary });
      } catch (error) {
        fail('Loading all chats')(error);
      }
    },
    async takeOver(chatId) {
      const me = store.getState().me;
      if (!me) return false;
      try {
        await client.request('transfer_chat', { id: chatId, target: { type: 'agent', ids: [me.id] }, ignore_requester_presence: true, ignore_agents_availability: true });
        return true;
      } catch (error) {
        fail('Taking over')(error);
        return false;
      }
    },
    watch(chatId) {
      const { chats, me } = store.getState();
      const chat = chatId ? chats[chatId] : undefined;
      const next = chat && chat.active && !isMember(chat, me?.id) ? chatId : undefined;
      if (next === followed) return;
      // NOTE: a server without follow_chat (or a chat closed meanwhile) answers with an error; the
      // open chat then shows what get_chat returned, so the failure is not worth an alert.
      if (followed) client.request('unfollow_chat', { id: followed }).catch(() => undefined);
      if (next) client.request('follow_chat', { id: next }).catch(() => undefined);
      followed = next;
    },
  };
}
