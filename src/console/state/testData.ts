import { at, messageEvent, wireChat, wireThread } from '../../chat/testData.js';
import type { AgentProfile } from '../../protocol/agent.js';
import type { AgentChatSummary, Chat, ChatEvent, Thread, User } from '../../protocol/entities.js';

/** The console's side of the shared fixtures (`src/chat/testData.ts`): the reader is the agent `ME`. */
export { at };

export const ME = 'agent@example.com';
export const CUSTOMER = 'b7eff798-f8df-4364-8059-649c35c9ed0c';

export function profile(overrides: Partial<AgentProfile> = {}): AgentProfile {
  return { id: ME, type: 'agent', name: 'Agent Smith', email: ME, avatar: '', present: true, events_seen_up_to: at(0), routing_status: 'accepting_chats', permission: 'owner', ...overrides };
}

export function customer(name = 'Thomas Anderson', seen = at(0)): User {
  return { id: CUSTOMER, type: 'customer', name, present: true, events_seen_up_to: seen };
}

export function agent(id = ME, seen = at(0), present = true): User {
  return { id, type: 'agent', name: id === ME ? 'Agent Smith' : 'Other', present, events_seen_up_to: seen };
}

/** A message, by default from the customer. */
export function message(id: string, second: number, author = CUSTOMER, text = `text ${id}`): ChatEvent {
  return messageEvent(id, second, author, text);
}

/** A thread that starts with its first event (active unless overridden). */
export function thread(id: string, events: ChatEvent[], overrides: Partial<Thread> = {}): Thread {
  const first = events[0]?.created_at ?? at(0);
  return { ...wireThread(id, 0, events, true), created_at: first, ...overrides };
}

export function chat(id: string, users: User[], t: Thread, topic?: string): Chat & { thread: Thread } {
  return wireChat(id, users, t, topic);
}

export function summary(id: string, users: User[], last: ChatEvent | undefined, threadId = 'T1', active = true): AgentChatSummary {
  return {
    id, users, access: { group_ids: [0] }, properties: {}, is_followed: false,
    last_event_per_type: last ? { [last.type]: { thread_id: threadId, thread_created_at: at(0), event: last } } : {},
    last_thread_summary: { id: threadId, created_at: at(0), user_ids: [], properties: {}, active, access: { group_ids: [0] } },
  };
}
