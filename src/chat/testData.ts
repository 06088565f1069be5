import type { AgentUser, Chat, ChatEvent, CustomerUser, Thread, User } from '../protocol/entities.js';

/**
 * Wire-shaped builders for chat tests of every front end (`src/chat`, widget, console), so that a
 * fixture means the same thing everywhere. `at(n)` is n seconds after a fixed start, in the
 * platform's fixed-width timestamp format (strings compare in time order).
 */
export function at(seconds: number): string {
  return new Date(Date.UTC(2024, 4, 14, 7, 0, 0) + seconds * 1000).toISOString().replace(/\.(\d{3})Z$/, '.$1000Z');
}

export const CUSTOMER_ID = 'cust-1';
export const AGENT_ID = 'smith@example.com';
export const customerUser: CustomerUser = { id: CUSTOMER_ID, type: 'customer', name: 'Ada', present: true };
export const agentUser: AgentUser = { id: AGENT_ID, type: 'agent', name: 'Agent Smith', avatar: 'https://example.com/a.png', present: true };

export function messageEvent(id: string, seconds: number, authorId: string, text = `text ${id}`, extra: Partial<ChatEvent> = {}): ChatEvent {
  return { id, type: 'message', text, created_at: at(seconds), author_id: authorId, ...extra } as ChatEvent;
}

export function wireThread(id: string, seconds: number, events: ChatEvent[], active = false, extra: Partial<Thread> = {}): Thread {
  return { id, created_at: at(seconds), active, user_ids: [], events, ...extra };
}

/** A chat object as `get_chat` and `incoming_chat` carry it, with the topic property when given. */
export function wireChat(id: string, users: User[], thread: Thread, topic?: string): Chat & { thread: Thread } {
  return { id, users, thread, properties: topic ? { switchboard: { topic } } : {}, access: { group_ids: [0] } };
}
