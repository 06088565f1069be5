import type {
  AgentChatSummary, AgentUser, ChatEvent, Chat, CustomerChatSummary, CustomerUser, LastEventOfType, Thread, User,
} from '../../../protocol/entities.js';
import { formatTimestamp } from '../../../protocol/time.js';
import type { AgentRecord, ChatRecord, ChatUserRecord, CustomerRecord, EventRecord, ThreadRecord } from '../model.js';
import type { Viewer } from '../identity/actor.js';

/** Renders stored records as wire objects for one kind of viewer (customers see less). */

export function renderEvent(e: EventRecord, viewer: Viewer): ChatEvent {
  const out: Record<string, unknown> = { id: e.id, created_at: formatTimestamp(e.createdAt), type: e.type };
  if (e.authorId !== undefined) out.author_id = e.authorId;
  if (e.customId !== undefined) out.custom_id = e.customId;
  Object.assign(out, e.body);
  if (hasKeys(e.properties)) out.properties = e.properties;
  if (viewer === 'agent') out.visibility = e.visibility;
  return out as unknown as ChatEvent;
}

/** Whether `o` has an enumerable key, without the array Object.keys makes (every event is rendered twice per push: #16). */
export function hasKeys(o: object): boolean {
  for (const _ in o) return true;
  return false;
}

export function visibleTo(e: { visibility: string }, viewer: Viewer): boolean {
  return viewer === 'agent' || e.visibility === 'all';
}

/** `queuePosition`: the thread's place in the queue when it is queued (callers look it up). */
export function renderThread(t: ThreadRecord, events: EventRecord[], viewer: Viewer, now: number, queuePosition = 1): Thread {
  const thread: Thread = {
    id: t.id,
    created_at: formatTimestamp(t.createdAt),
    active: t.active,
    user_ids: t.userIds,
    events: events.filter((e) => visibleTo(e, viewer)).map((e) => renderEvent(e, viewer)),
    properties: t.properties,
    access: t.access,
  };
  if (t.queuedAt !== undefined && t.active) {
    thread.queue = { position: queuePosition, wait_time: Math.max(0, Math.round((now - t.queuedAt) / 1e6)), queued_at: formatTimestamp(t.queuedAt) };
  }
  if (t.previousThreadId) thread.previous_thread_id = t.previousThreadId;
  if (t.nextThreadId) thread.next_thread_id = t.nextThreadId;
  if (viewer === 'agent') {
    thread.tags = t.tags;
    if (t.queuesDuration !== undefined) thread.queues_duration = t.queuesDuration;
  }
  return thread;
}

export function renderCustomer(c: CustomerRecord, viewer: Viewer, membership?: ChatUserRecord): CustomerUser {
  const u: CustomerUser = { id: c.id, type: 'customer' };
  if (c.name !== undefined) u.name = c.name;
  if (c.email !== undefined) u.email = c.email;
  if (c.avatar !== undefined) u.avatar = c.avatar;
  if (c.sessionFields.length > 0) u.session_fields = c.sessionFields;
  if (membership) {
    u.present = membership.present;
    u.events_seen_up_to = formatTimestamp(membership.eventsSeenUpTo);
  }
  if (viewer === 'agent') {
    u.created_at = formatTimestamp(c.createdAt);
    if (c.lastPage || c.referrer || c.userAgent) {
      u.last_visit = {
        ...(c.referrer ? { referrer: c.referrer } : {}),
        ...(c.userAgent ? { user_agent: c.userAgent } : {}),
        ...(c.lastPage ? { last_pages: [{ opened_at: formatTimestamp(c.lastPage.openedAt), url: c.lastPage.url, ...(c.lastPage.title ? { title: c.lastPage.title } : {}) }] } : {}),
      };
    }
  }
  return u;
}

export function renderAgent(a: AgentRecord, viewer: Viewer, membership?: ChatUserRecord): AgentUser {
  const u: AgentUser = { id: a.id, type: 'agent', name: a.name, avatar: a.avatar ?? '' };
  if (a.jobTitle !== undefined) u.job_title = a.jobTitle;
  if (viewer === 'agent') {
    u.email = a.email ?? a.id;
    u.visibility = membership?.visibility ?? 'all';
  }
  if (membership) {
    u.present = membership.present;
    u.events_seen_up_to = formatTimestamp(membership.eventsSeenUpTo);
  }
  return u;
}

/** Lookup of user records by id, filled by the caller from the store. */
export interface UserDirectory {
  customers: Map<string, CustomerRecord>;
  agents: Map<string, AgentRecord>;
}

export function renderUsers(members: ChatUserRecord[], dir: UserDirectory, viewer: Viewer): User[] {
  const users: User[] = [];
  for (const m of members) {
    if (viewer === 'customer' && m.visibility === 'agents') continue;
    if (m.userType === 'customer') {
      const c = dir.customers.get(m.userId);
      if (c) users.push(renderCustomer(c, viewer, m));
    } else {
      const a = dir.agents.get(m.userId);
      if (a) users.push(renderAgent(a, viewer, m));
      else users.push({ id: m.userId, type: 'agent', name: 'Former agent', avatar: '', present: false, events_seen_up_to: formatTimestamp(m.eventsSeenUpTo) });
    }
  }
  return users;
}

export function renderChat(chat: ChatRecord, users: User[], thread: Thread | undefined, viewer: Viewer): Chat {
  const out: Chat = { id: chat.id, users, properties: chat.properties, access: chat.access };
  if (thread) out.thread = thread;
  if (viewer === 'agent') out.is_followed = false;
  return out;
}

export function renderLastEvents(events: EventRecord[], threads: Map<string, ThreadRecord>, viewer: Viewer): Record<string, LastEventOfType> {
  const out: Record<string, LastEventOfType> = {};
  for (const e of events) {
    const t = threads.get(e.threadId);
    out[e.type] = { thread_id: e.threadId, thread_created_at: formatTimestamp(t?.createdAt ?? e.createdAt), event: renderEvent(e, viewer) };
  }
  return out;
}

export function renderCustomerSummary(chat: ChatRecord, users: User[], lastEvents: Record<string, LastEventOfType>): CustomerChatSummary {
  return {
    id: chat.id,
    last_thread_id: chat.lastThreadId,
    last_thread_created_at: formatTimestamp(chat.lastThreadCreatedAt),
    last_event_per_type: lastEvents,
    users,
    access: chat.access,
    properties: chat.properties,
    active: chat.activeThreadId !== null,
  };
}

export function renderAgentSummary(chat: ChatRecord, users: User[], lastEvents: Record<string, LastEventOfType>, lastThread: ThreadRecord | undefined, now: number, queuePosition = 1): AgentChatSummary {
  const summary: AgentChatSummary = {
    id: chat.id,
    last_event_per_type: lastEvents,
    users,
    properties: chat.properties,
    access: chat.access,
    is_followed: false,
  };
  if (lastThread) {
    summary.last_thread_summary = {
      id: lastThread.id,
      created_at: formatTimestamp(lastThread.createdAt),
      user_ids: lastThread.userIds,
      properties: lastThread.properties,
      active: lastThread.active,
      access: lastThread.access,
      ...(lastThread.queuedAt !== undefined && lastThread.active
        ? { queue: { position: queuePosition, wait_time: Math.max(0, Math.round((now - lastThread.queuedAt) / 1e6)), queued_at: formatTimestamp(lastThread.queuedAt) } }
        : {}),
    };
  }
  return summary;
}
