import type { AgentUser, Chat, ChatEvent, CustomerChatSummary, CustomerUser, Thread } from '../../protocol/entities.js';

/** Builders of wire objects for widget tests. Timestamps: `at(n)` is n seconds after a fixed start. */
export function at(seconds: number): string {
  return new Date(Date.UTC(2024, 4, 14, 7, 0, 0) + seconds * 1000).toISOString().replace(/\.(\d{3})Z$/, '.$1000Z');
}

export const CUSTOMER_ID = 'cust-1';
export const customer: CustomerUser = { id: CUSTOMER_ID, type: 'customer', name: 'Ada' };
export const agent: AgentUser = { id: 'smith@example.com', type: 'agent', name: 'Agent Smith', avatar: 'https://example.com/a.png', present: true };

export function message(id: string, seconds: number, text: string, author = agent.id, extra: Partial<ChatEvent> = {}): ChatEvent {
  return { id, type: 'message', text, created_at: at(seconds), author_id: author, ...extra } as ChatEvent;
}

export function thread(id: string, seconds: number, events: ChatEvent[], active = false, extra: Partial<Thread> = {}): Thread {
  return { id, created_at: at(seconds), active, user_ids: [CUSTOMER_ID, agent.id], events, ...extra };
}

export function chat(id: string, t: Thread, topic?: string): Chat {
  return { id, users: [{ ...customer, present: true }, agent], thread: t, properties: topic ? { switchboard: { topic } } : {}, access: { group_ids: [0] } };
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
