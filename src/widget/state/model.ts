import type { ChatCore, PendingSend } from '../../chat/model.js';
import type { CustomerUser } from '../../protocol/entities.js';
import type { ConnectionState } from '../../rtm/RtmClient.js';

export type { ConnectionState };
export type { StoredEvent, ThreadInfo } from '../../chat/model.js';

/** A chat as the widget keeps it: the shared chat core plus its own history paging flag. */
export type ChatState = ChatCore & {
  /** False once the chat's first thread is loaded. */
  hasOlder: boolean;
};

/** A message the visitor wrote that is not (yet) an event in the chat. */
export type OutgoingMessage = PendingSend;

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
