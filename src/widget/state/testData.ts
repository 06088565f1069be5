import { AGENT_ID, CUSTOMER_ID, agentUser, at, customerUser, messageEvent, wireChat, wireThread } from '../../chat/testData.js';
import type { AgentUser, Chat, ChatEvent, CustomerChatSummary, CustomerUser, Thread } from '../../protocol/entities.js';

/** The widget's side of the shared fixtures (`src/chat/testData.ts`): the visitor is `customer`. */
export { at, CUSTOMER_ID };

export const customer: CustomerUser = { id: CUSTOMER_ID, type: 'customer', name: customerUser.name };
export const agent: AgentUser = agentUser;

/** A message, by default from the agent. */
export function message(id: string, seconds: number, text: string, author = AGENT_ID, extra: Partial<ChatEvent> = {}): ChatEvent {
  return messageEvent(id, seconds, author, text, extra);
}

export function thread(id: string, seconds: number, events: ChatEvent[], active = false, extra: Partial<Thread> = {}): Thread {
  return wireThread(id, seconds, events, active, { user_ids: [CUSTOMER_ID, AGENT_ID], ...extra });
}

export function chat(id: string, t: Thread, topic?: string): Chat {
  return wireChat(id, [{ ...customer, present: true }, agent], t, topic);
}

export function summary(id: string, lastThread: Thread, lastEvent: ChatEvent | undefined, topic?: string): CustomerChatSummary {
  return {
    id,
    last_thread_id: lastThread.id,
    last_thread_created_at: lastThread.created_at,
    last_event_per_type: lastEvent ? { [lastEvent.type]: { thread_id: lastThread.id, thread_created_at: lastThread.created_at, event: lastEvent } } : {},
    users: [{ ...customer, present: true }, agent],
    access: { group_ids: [0] },
    properties: topic ? { switchboard: { topic } } : {},
    active: lastThread.active,
  };
}
