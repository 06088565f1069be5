/**
 * The cells of the authorization matrix (authorizationMatrix.test.ts, docs/security.md "Access
 * rules"): for every action of the Customer and Agent Chat APIs, what a stranger sends and what
 * must come back. Keyed by action name so that the test fails when an action has no cell.
 */

/** Ids the cells aim at: another customer's chat (active, with one event) and an archived one. */
export interface Target {
  chatId: string;
  threadId: string;
  eventId: string;
  archivedChatId: string;
  customerId: string;
  ownerId: string;
  botId: string;
  /** The requester's own id. */
  me: string;
}

export type Refusal = 'not_found' | 'authorization';

export type Cell =
  /** Must fail with this type. */
  | { payload: (t: Target) => Record<string, unknown>; refused: Refusal }
  /** Answers, but only with the requester's own things: `check` throws when something foreign shows. */
  | { payload: (t: Target) => Record<string, unknown>; scoped: (body: Record<string, unknown>, t: Target) => void }
  /** Names no chat, customer or bot of someone else; why is written here and in docs/security.md. */
  | { open: string };

const ids = (list: unknown, key = 'id'): string[] => (Array.isArray(list) ? list.map((x) => String((x as Record<string, unknown>)[key])) : []);

function mustNotContain(found: string[], ...foreign: string[]): void {
  const leaked = foreign.filter((id) => found.includes(id));
  if (leaked.length > 0) throw new Error(`foreign ids listed: ${leaked.join(', ')}`);
}

const chatRefs = {
  get_chat: { payload: (t: Target) => ({ chat_id: t.chatId }), refused: 'not_found' },
  list_threads: { payload: (t: Target) => ({ chat_id: t.chatId }), refused: 'not_found' },
  resume_chat: { payload: (t: Target) => ({ chat: { id: t.archivedChatId } }), refused: 'not_found' },
  deactivate_chat: { payload: (t: Target) => ({ id: t.chatId }), refused: 'not_found' },
  send_event: { payload: (t: Target) => ({ chat_id: t.chatId, event: { type: 'message', text: 'intrusion' } }), refused: 'not_found' },
  send_rich_message_postback: { payload: (t: Target) => ({ chat_id: t.chatId, thread_id: t.threadId, event_id: t.eventId, postback: { id: 'yes', toggled: true } }), refused: 'not_found' },
  mark_events_as_seen: { payload: (t: Target) => ({ chat_id: t.chatId, seen_up_to: new Date().toISOString() }), refused: 'not_found' },
  update_chat_properties: { payload: (t: Target) => ({ id: t.chatId, properties: { test: { string_property: 'x' } } }), refused: 'not_found' },
  delete_chat_properties: { payload: (t: Target) => ({ id: t.chatId, properties: { test: ['string_property'] } }), refused: 'not_found' },
  update_thread_properties: { payload: (t: Target) => ({ chat_id: t.chatId, thread_id: t.threadId, properties: { test: { string_property: 'x' } } }), refused: 'not_found' },
  delete_thread_properties: { payload: (t: Target) => ({ chat_id: t.chatId, thread_id: t.threadId, properties: { test: ['string_property'] } }), refused: 'not_found' },
  update_event_properties: { payload: (t: Target) => ({ chat_id: t.chatId, thread_id: t.threadId, event_id: t.eventId, properties: { test: { bool_property: true } } }), refused: 'not_found' },
  delete_event_properties: { payload: (t: Target) => ({ chat_id: t.chatId, thread_id: t.threadId, event_id: t.eventId, properties: { test: ['bool_property'] } }), refused: 'not_found' },
} satisfies Record<string, Cell>;

/** A customer × another customer's chats. */
export const customerCells: Record<string, Cell> = {
  ...chatRefs,
  list_chats: { payload: () => ({}), scoped: (b, t) => mustNotContain(ids(b.chats_summary), t.chatId, t.archivedChatId) },
  get_customer: { payload: () => ({}), scoped: (b, t) => { if (b.id !== t.me) throw new Error(`get_customer answered ${String(b.id)}`); } },
  start_chat: { open: 'creates a chat of the requester itself; chat.users naming others are ignored' },
  send_sneak_peek: { payload: (t) => ({ chat_id: t.chatId, sneak_peek_text: 'peek' }), refused: 'not_found' },
  update_customer: { open: 'changes the requester\'s own profile; the payload names no customer' },
  set_customer_session_fields: { open: 'changes the requester\'s own session fields' },
  update_customer_page: { open: 'records the requester\'s own page' },
  list_license_properties: { open: 'public widget configuration of the license' },
  list_group_properties: { open: 'public widget configuration of a group' },
  list_group_statuses: { open: 'whether groups are online: shown to every visitor' },
  get_form: { open: 'the license\'s or a group\'s public form definition, shown to every visitor' },
  send_transcript: { payload: (t) => ({ chat_id: t.chatId, email: 'intruder@example.com' }), refused: 'not_found' },
  get_url_info: { open: 'a preview of a public URL the requester names; reads nothing of other customers' },
  accept_greeting: { open: 'answers a greeting on display to the requester itself (unknown ones are greeting_not_found)' },
  cancel_greeting: { open: 'answers a greeting on display to the requester itself (unknown ones are greeting_not_found)' },
  get_predicted_agent: { open: 'which agent of a group would take a new chat: shown to every visitor before a chat starts' },
  list_team: { open: 'the human agents\' names and avatars (never ids, e-mails or statuses): shown to every visitor on the home view' },
};

/**
 * A normal agent of another group × a chat of group 0 (and its customer), and × a bot its app
 * does not own. Across organizations every `authorization` here reads `not_found`.
 */
export const agentCells: Record<string, Cell> = {
  ...chatRefs,
  deactivate_chat: { payload: (t) => ({ id: t.chatId, ignore_requester_presence: true }), refused: 'not_found' },
  list_chats: { payload: () => ({}), scoped: (b, t) => mustNotContain(ids(b.chats_summary), t.chatId, t.archivedChatId) },
  list_archives: { payload: () => ({}), scoped: (b, t) => mustNotContain(ids(b.chats), t.chatId, t.archivedChatId) },
  start_chat: { payload: (t) => ({ chat: { users: [{ id: t.customerId, type: 'customer' }], access: { group_ids: [0] } } }), refused: 'authorization' },
  add_user_to_chat: { payload: (t) => ({ chat_id: t.chatId, user_id: t.me, user_type: 'agent', visibility: 'all' }), refused: 'not_found' },
  remove_user_from_chat: { payload: (t) => ({ chat_id: t.chatId, user_id: t.ownerId, user_type: 'agent', ignore_requester_presence: true }), refused: 'not_found' },
  transfer_chat: { payload: (t) => ({ id: t.chatId, target: { type: 'agent', ids: [t.me] }, ignore_requester_presence: true }), refused: 'not_found' },
  send_typing_indicator: { payload: (t) => ({ chat_id: t.chatId, is_typing: true }), refused: 'not_found' },
  ban_customer: { payload: (t) => ({ id: t.customerId, ban: { days: 1 } }), refused: 'not_found' },
  get_customer: { payload: (t) => ({ id: t.customerId }), refused: 'not_found' },
  list_customers: { payload: () => ({}), scoped: (b, t) => mustNotContain(ids(b.customers), t.customerId) },
  tag_thread: { payload: (t) => ({ chat_id: t.chatId, thread_id: t.threadId, tag: 'intrusion' }), refused: 'not_found' },
  untag_thread: { payload: (t) => ({ chat_id: t.chatId, thread_id: t.threadId, tag: 'vip' }), refused: 'not_found' },
  set_routing_status: { payload: (t) => ({ agent_id: t.botId, status: 'accepting_chats' }), refused: 'authorization' },
  list_routing_statuses: { open: 'every agent sees the routing status of the license\'s agents (agents--all:ro, a normal agent\'s scope)' },
  logout: { open: 'ends the requester\'s own session only' },
  follow_chat: { payload: (t) => ({ id: t.chatId }), refused: 'not_found' },
  unfollow_chat: { payload: (t) => ({ id: t.chatId }), refused: 'not_found' },
  list_agents_for_transfer: { payload: (t) => ({ chat_id: t.chatId }), refused: 'not_found' },
  set_away_status: { open: 'marks the requester\'s own connection away' },
  create_customer: { open: 'creates a new customer; names no existing one' },
  update_customer: { payload: (t) => ({ id: t.customerId, name: 'intruder' }), refused: 'not_found' },
};

export function statusOf(type: string): number {
  return ({ not_found: 404, authorization: 403, authentication: 401 } as Record<string, number>)[type] ?? 0;
}
