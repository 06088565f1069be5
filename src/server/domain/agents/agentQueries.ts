import type { AgentChatSummary, Chat, CustomerUser } from '../../../protocol/entities.js';
import { formatTimestamp, parseTimestamp } from '../../../protocol/time.js';
import type { AgentActor } from '../identity/actor.js';
import { directoryFor, loadReachableCustomer } from '../conversations/chatAccess.js';
import { chatScopeOf } from '../identity/access.js';
import { DomainError } from '../errors.js';
import type { AgentRecord, ChatRecord, CustomerRecord, ThreadRecord } from '../model.js';
import { paginate, resolvePage } from '../pagination.js';
import type { ChatScope, Clock, StoreTx } from '../ports.js';
import type { UnitOfWork } from '../unitOfWork.js';
import { renderAgentSummary, renderChat, renderCustomer, renderLastEvents, renderThread, renderUsers } from '../conversations/views.js';

export interface AgentListChatsInput {
  filters?: { include_active?: boolean; active?: boolean | null; group_ids?: number[]; my_chats?: boolean; queued?: boolean };
  sort_order?: 'asc' | 'desc';
  limit?: number;
  page_id?: string;
}

export interface ListArchivesInput {
  filters?: { query?: string; from?: string; to?: string; agents?: { values?: string[] } | string[]; group_ids?: number[]; customer_id?: string };
  sort_order?: 'asc' | 'desc';
  limit?: number;
  page_id?: string;
}

type ChatFilters = NonNullable<AgentListChatsInput['filters']>;
type ArchiveFilters = NonNullable<ListArchivesInput['filters']>;

/** The agent read side: chat lists, archives, customers, and what `login` returns. */
export class AgentQueries {
  constructor(private readonly uow: UnitOfWork, private readonly clock: Clock) {}

  /** `login` payload: license, the agent's profile, and its current chats. */
  login(agent: AgentRecord): Promise<{ license: Record<string, unknown>; my_profile: Record<string, unknown>; chats_summary: AgentChatSummary[] }> {
    return this.uow.read(async (tx) => {
      const license = await tx.getLicense(agent.licenseId);
      if (!license) throw new DomainError('license_not_found');
      const fresh = (await tx.getAgent(agent.licenseId, agent.id)) ?? agent;
      const mine = await tx.listLicenseChats(agent.licenseId, { active: true, userId: agent.id }, { order: 'desc', limit: 100 });
      const scope = chatScopeOf(fresh);
      const queued = await tx.listLicenseChats(agent.licenseId, { active: true, queued: true, ...(scope ? { scope } : {}) }, { order: 'desc', limit: 100 });
      const chats = [...mine.items, ...queued.items.filter((q) => !mine.items.some((m) => m.id === q.id))];
      const summaries: AgentChatSummary[] = [];
      for (const chat of chats) summaries.push(await this.#summary(tx, chat, agent.id));
      return {
        license: {
          id: String(license.id), organization_id: license.organizationId, plan: 'enterprise', in_trial: false,
          creation_timestamp: Math.floor(license.createdAt / 1e6), expiration_timestamp: Math.floor(license.createdAt / 1e6) + 100 * 365 * 86_400,
        },
        my_profile: {
          id: fresh.id, type: 'agent', name: fresh.name, email: fresh.email ?? fresh.id, avatar: fresh.avatar ?? '', present: true,
          events_seen_up_to: formatTimestamp(this.clock.now()), routing_status: fresh.routingStatus, permission: fresh.role,
          ...(fresh.jobTitle ? { job_title: fresh.jobTitle } : {}),
        },
        chats_summary: summaries,
      };
    });
  }

  /** `list_chats`: the license's chats by newest thread; filters are remembered by the page token. */
  listChats(actor: AgentActor, input: AgentListChatsInput): Promise<{ chats_summary: AgentChatSummary[]; found_chats: number; next_page_id?: string; previous_page_id?: string }> {
    return this.uow.read(async (tx) => {
      const now = this.clock.now();
      const token = resolvePage<ChatFilters>(input, { limit: 10, max: 100 }, now, `agent-chats:${actor.licenseId}:${actor.id}`);
      const f = token.filters ?? {};
      // 3.6 `active` (true/false/null) wins over 3.5 `include_active` (false = inactive chats only).
      const active = f.active === null ? undefined : f.active ?? (f.include_active === false ? false : undefined);
      const filter = {
        ...(active !== undefined ? { active } : {}),
        ...(f.my_chats ? { userId: actor.id } : {}),
        ...(f.queued ? { queued: true } : {}),
        ...(f.group_ids?.length ? { groupIds: f.group_ids } : {}),
        ...scopeOf(actor),
      };
      const page = await paginate(token, now, (c: ChatRecord) => ({ key: c.lastThreadCreatedAt, id: c.id }), (order, after, limit) => tx.listLicenseChats(actor.licenseId, filter, { order, after, limit }));
      const summaries: AgentChatSummary[] = [];
      for (const chat of page.rows) summaries.push(await this.#summary(tx, chat, actor.id));
      return { chats_summary: summaries, found_chats: page.total, ...page.links };
    });
  }

  /** `list_archives`: one row per closed thread, filtered by date, agent, group, customer and message text. */
  listArchives(actor: AgentActor, input: ListArchivesInput): Promise<{ chats: Chat[]; found_chats: number; next_page_id?: string; previous_page_id?: string }> {
    return this.uow.read(async (tx) => {
      const now = this.clock.now();
      const token = resolvePage<ArchiveFilters>(input, { limit: 10, max: 100 }, now, `archives:${actor.licenseId}:${actor.id}`);
      const f = token.filters ?? {};
      const time = (v: string | undefined, name: string) => {
        if (v === undefined) return undefined;
        const t = parseTimestamp(v.includes('T') ? v : `${v}T00:00:00Z`);
        if (Number.isNaN(t)) throw new DomainError('validation', `filters.${name} must be an RFC 3339 timestamp`);
        return t;
      };
      const from = time(f.from, 'from');
      const to = time(f.to, 'to');
      const agentIds = Array.isArray(f.agents) ? f.agents : f.agents?.values;
      const page = await paginate(token, now, (t: ThreadRecord) => ({ key: t.createdAt, id: t.id }), (order, after, limit) => tx.listArchivedThreads({
        licenseId: actor.licenseId, order, after, limit,
        ...(from !== undefined ? { from } : {}), ...(to !== undefined ? { to } : {}),
        ...(agentIds?.length ? { agentIds } : {}), ...(f.group_ids?.length ? { groupIds: f.group_ids } : {}),
        ...(f.customer_id ? { customerId: f.customer_id } : {}), ...(f.query ? { query: f.query } : {}),
        ...scopeOf(actor),
      }));
      const chats: Chat[] = [];
      for (const thread of page.rows) {
        const chat = await tx.getChat(actor.licenseId, thread.chatId);
        if (!chat) continue;
        const members = await tx.getChatUsers(chat.id);
        const dir = await directoryFor(tx, chat.licenseId, members);
        chats.push(renderChat(chat, renderUsers(members, dir, 'agent'), renderThread(thread, await tx.listThreadEvents(thread.id), 'agent', now), 'agent'));
      }
      return { chats, found_chats: page.total, ...page.links };
    });
  }

  /** `get_customer` (agent view) with the ids of the customer's chats. */
  getCustomer(actor: AgentActor, id: string): Promise<CustomerUser & { chat_ids: string[] }> {
    return this.uow.read(async (tx) => {
      const { customer, chatIds } = await loadReachableCustomer(tx, actor.agent, id);
      return { ...this.#customer(customer), chat_ids: chatIds };
    });
  }

  /** `list_customers`, minimal: newest first, paginated; no filters yet. */
  listCustomers(actor: AgentActor, input: { limit?: number; sort_order?: 'asc' | 'desc'; page_id?: string }): Promise<{ customers: CustomerUser[]; total_customers: number; next_page_id?: string; previous_page_id?: string }> {
    return this.uow.read(async (tx) => {
      const now = this.clock.now();
      const token = resolvePage(input, { limit: 10, max: 100 }, now, `customers:${actor.licenseId}`);
      const page = await paginate(token, now, (c: CustomerRecord) => ({ key: c.createdAt, id: c.id }), (order, after, limit) => tx.listCustomers(actor.licenseId, { order, after, limit }, scopeOf(actor).scope));
      return { customers: page.rows.map((c) => this.#customer(c)), total_customers: page.total, ...page.links };
    });
  }

  #customer(c: CustomerRecord): CustomerUser {
    return {
      ...renderCustomer(c, 'agent'),
      statistics: { chats_count: c.chatsCount ?? 0, threads_count: c.threadsCount ?? 0, visits_count: c.visitsCount, page_views_count: c.pageViewsCount, greetings_shown_count: 0, greetings_accepted_count: 0 },
    } as CustomerUser;
  }

  /** One chat as `viewerId` sees it in a list (`is_followed` is the viewer's). */
  async #summary(tx: StoreTx, chat: ChatRecord, viewerId: string): Promise<AgentChatSummary> {
    const members = await tx.getChatUsers(chat.id);
    const dir = await directoryFor(tx, chat.licenseId, members);
    const last = await tx.lastEventPerType(chat.id, false);
    const threads = new Map<string, ThreadRecord>();
    for (const e of last) if (!threads.has(e.threadId)) { const t = await tx.getThread(chat.id, e.threadId); if (t) threads.set(t.id, t); }
    const lastThread = await tx.getThread(chat.id, chat.lastThreadId);
    const summary = renderAgentSummary(chat, renderUsers(members, dir, 'agent'), renderLastEvents(last, threads, 'agent'), lastThread, this.clock.now(), lastThread ? await tx.queuePosition(chat.licenseId, lastThread) : 0);
    summary.is_followed = (await tx.listChatFollowers(chat.id)).includes(viewerId);
    return summary;
  }
}

/** The list filter of identity/access.ts for the acting agent, as an optional field. */
function scopeOf(actor: AgentActor): { scope?: ChatScope } {
  const scope = chatScopeOf(actor.agent);
  return scope ? { scope } : {};
}
