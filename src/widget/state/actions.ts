import type { CustomerLoginResponse, CustomerPushes } from '../../protocol/customer.js';
import type { Chat, CustomerChatSummary, Thread } from '../../protocol/entities.js';
import type { OutboxItem, SentResult } from '../../rtm/Outbox.js';
import type { ConnectionState } from './model.js';

/** Everything that can change widget state, as data. `reduce()` is the only interpreter. */
export type WidgetAction =
  | { type: 'connection'; status: ConnectionState; reason?: string }
  | { type: 'login'; response: CustomerLoginResponse }
  | { type: 'chatSummaries'; summaries: CustomerChatSummary[] }
  | { type: 'threads'; chatId: string; threads: Thread[]; reachedOldest: boolean }
  | { type: 'incomingChat'; chat: Chat }
  | { type: 'incomingEvent'; payload: CustomerPushes['incoming_event'] }
  | { type: 'chatDeactivated'; payload: CustomerPushes['chat_deactivated'] }
  | { type: 'userAdded'; payload: CustomerPushes['user_added_to_chat'] }
  | { type: 'userRemoved'; payload: CustomerPushes['user_removed_from_chat'] }
  | { type: 'chatPropertiesUpdated'; payload: CustomerPushes['chat_properties_updated'] }
  | { type: 'chatPropertiesDeleted'; payload: CustomerPushes['chat_properties_deleted'] }
  | { type: 'typing'; payload: CustomerPushes['incoming_typing_indicator'] }
  | { type: 'eventsSeen'; payload: CustomerPushes['events_marked_as_seen'] }
  | { type: 'queue'; payload: CustomerPushes['queue_position_updated'] }
  | { type: 'chatTransferred'; payload: CustomerPushes['chat_transferred'] }
  | { type: 'customerUpdated'; payload: CustomerPushes['customer_updated'] }
  | { type: 'groupsStatus'; payload: CustomerPushes['groups_status_updated'] }
  | { type: 'outbox'; items: readonly OutboxItem[] }
  | { type: 'outgoingSent'; result: SentResult }
  | { type: 'selectChat'; chatId: string | undefined }
  /** The widget is on screen (the embed panel is open); false stops marking messages seen. */
  | { type: 'visibility'; visible: boolean }
  /** A chat start was refused (`error` type), or a new attempt began (undefined). */
  | { type: 'startChatFailure'; error: string | undefined };
