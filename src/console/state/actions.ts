import type { AgentCustomer, AgentLoginResponse, AgentPushes } from '../../protocol/agent.js';
import type { AgentChatSummary, Chat, RoutingStatus, Thread } from '../../protocol/entities.js';
import type { ArchiveRow, ArchivesState, ChatView, ConnectionState } from './model.js';

/** Everything that can change console state, as data. `reduce()` is the only interpreter. */
export type ConsoleAction =
  | { type: 'connection'; status: ConnectionState; reason?: string }
  | { type: 'login'; response: AgentLoginResponse }
  | { type: 'chatSummaries'; summaries: AgentChatSummary[] }
  | { type: 'chat'; chat: Chat }
  | { type: 'threads'; chatId: string; threads: Thread[]; olderPageId: string | undefined }
  | { type: 'incomingChat'; payload: AgentPushes['incoming_chat'] }
  | { type: 'incomingEvent'; payload: AgentPushes['incoming_event'] }
  | { type: 'chatDeactivated'; payload: AgentPushes['chat_deactivated'] }
  | { type: 'userAdded'; payload: AgentPushes['user_added_to_chat'] }
  | { type: 'userRemoved'; payload: AgentPushes['user_removed_from_chat'] }
  | { type: 'chatTransferred'; payload: AgentPushes['chat_transferred'] }
  | { type: 'chatAccessUpdated'; payload: AgentPushes['chat_access_updated'] }
  | { type: 'threadTagged'; payload: AgentPushes['thread_tagged']; tagged: boolean }
  | { type: 'sneakPeek'; payload: AgentPushes['incoming_sneak_peek'] }
  | { type: 'typing'; payload: AgentPushes['incoming_typing_indicator'] }
  | { type: 'eventsSeen'; payload: AgentPushes['events_marked_as_seen'] }
  | { type: 'routingStatus'; agentId: string; status: RoutingStatus }
  | { type: 'customerBanned'; payload: AgentPushes['customer_banned'] }
  | { type: 'customerUpdated'; payload: AgentPushes['customer_updated'] }
  | { type: 'chatProperties'; payload: AgentPushes['chat_properties_updated'] }
  | { type: 'queuePositions'; payload: AgentPushes['queue_positions_updated'] }
  | { type: 'customer'; customer: AgentCustomer }
  | { type: 'selectChat'; chatId: string | undefined }
  | { type: 'setView'; view: ChatView }
  | { type: 'archivesLoading'; filters: ArchivesState['filters'] }
  | { type: 'archivesLoaded'; rows: ArchiveRow[]; found: number; nextPageId?: string; previousPageId?: string; page: number }
  | { type: 'archivesFailed' }
  | { type: 'muted'; muted: boolean }
  | { type: 'error'; message: string | undefined };
