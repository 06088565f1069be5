import type { Chat, CustomerChatSummary, Thread } from '../../../protocol/entities.js';
import type { Actor, Viewer } from '../identity/actor.js';
import { directoryFor, loadChat, loadThread } from './chatAccess.js';
import { DomainError } from '../errors.js';
import type { ChatRecord, ThreadRecord } from '../model.js';
import { encodePageToken, paginate, resolvePage } from '../pagination.js';
import type { Clock, StoreTx } from '../ports.js';
import type { UnitOfWork } from '../unitOfWork.js';
import { renderChat, renderCustomerSummary, renderLastEvents, renderThread, renderUsers, visibleTo } from './views.js';

export interface ListThreadsInput { chat_id: string; sort_order?: 'asc' | 'desc'; limit?: number; page_id?: string; min_events_count?: number; filters?: { from?: string; to?: string } }

/** Read side shared by customers and agents. */
export class ChatQueries {
  constructor(private readonly uow: UnitOfWork, private readonly clock: Clock) {}

  getChat(actor: Actor, input: { chat_id: string; thread_id?: string }): Promise<Chat> {
    return this.uow.read(async (tx) => {
      const chat = await loadChat(tx, actor, input.chat_id);
      const thread = input.thread_id !== undefined ? await loadThread(tx, chat, input.thread_id) : await tx.getThread(chat.id, chat.lastThreadId);
      const rendered = await this.renderChat(tx, chat, thread, actor.type);
      if (actor.type === 'agent') rendered.is_followed = (await tx.listChatFollowers(chat.id)).includes(actor.id);
      return rendered;
    });
  }

  async renderChat(tx: StoreTx, chat: ChatRecord, thread: ThreadRecord | undefined, viewer: Viewer): Promise<Chat> {
    const members = await tx.getChatUsers(chat.id);
    const dir = await directoryFor(tx, chat.licenseId, members);
    const rendered = thread ? renderThread(thread, await tx.listThreadEvents(thread.id), viewer, this.clock.now(), await tx.queuePosition(chat.licenseId, thread)) : undefined;
    return renderChat(chat, renderUsers(members, dir, viewer), rendered, viewer);
  }

  listThreads(actor: Actor, input: ListThreadsInput): Promise<{ threads: Thread[]; found_threads: number; next_page_id?: string; previous_page_id?: string }> {
    return this.uow.read(async (tx) => {
      const chat = await loadChat(tx, actor, input.chat_id);
      const now = this.clock.now();
      if (input.min_events_count !== undefined && (input.limit !== undefined || input.page_id !== undefined)) {
        throw new DomainError('validation', 'min_events_count cannot be combined with limit or page_id');
      }
      const minEvents = input.min_events_count;
      if (minEvents !== undefined && (!Number.isInteger(minEvents) || minEvents < 1 || minEvents > 100)) {
        throw new DomainError('validation', 'min_events_count must be between 1 and 100');
      }
      const token = resolvePage({ page_id: input.page_id, limit: input.limit, sort_order: input.sort_order }, { limit: 3, max: 100 }, now, `threads:${chat.id}`);
      const viewer = actor.type;
      const out: Thread[] = [];
      if (minEvents !== undefined) {
        // The newest threads, as many as it takes to hold `min_events_count` visible events.
        const all = await tx.listThreads(chat.id, { order: token.order, limit: 100_000 });
        let events = 0;
        for (const t of all.items) {
          const threadEvents = await tx.listThreadEvents(t.id);
          out.push(renderThread(t, threadEvents, viewer, now, await tx.queuePosition(chat.licenseId, t)));
          events += threadEvents.filter((e) => visibleTo(e, viewer)).length;
          if (events >= minEvents) break;
        }
        const last = all.items[out.length - 1];
        const more = out.length < all.items.length && last;
        return { threads: out, found_threads: all.total, ...(more ? { next_page_id: encodePageToken({ order: token.order, limit: 3, scope: token.scope, after: { key: last.createdAt, id: last.id } }, now) } : {}) };
      }
      const page = await paginate(token, now, (t: ThreadRecord) => ({ key: t.createdAt, id: t.id }), (order, after, limit) => tx.listThreads(chat.id, { order, after, limit }));
      for (const t of page.rows) out.push(renderThread(t, await tx.listThreadEvents(t.id), viewer, now, await tx.queuePosition(chat.licenseId, t)));
      return { threads: out, found_threads: page.total, ...page.links };
    });
  }

  listCustomerChats(actor: Actor, input: { limit?: number; sort_order?: 'asc' | 'desc'; page_id?: string }): Promise<{ chats_summary: CustomerChatSummary[]; total_chats: number; next_page_id?: string; previous_page_id?: string }> {
    return this.uow.read(async (tx) => {
      const now = this.clock.now();
      const token = resolvePage({ page_id: input.page_id, limit: input.limit, sort_order: input.sort_order }, { limit: 10, max: 25 }, now, `chats:${actor.id}`);
      const page = await paginate(token, now, (c: ChatRecord) => ({ key: c.lastThreadCreatedAt, id: c.id }), (order, after, limit) => tx.listCustomerChats(actor.id, { order, after, limit }));
      const summaries: CustomerChatSummary[] = [];
      for (const chat of page.rows) summaries.push(await this.customerSummary(tx, chat));
      return { chats_summary: summaries, total_chats: page.total, ...page.links };
    });
  }

  async customerSummary(tx: StoreTx, chat: ChatRecord): Promise<CustomerChatSummary> {
    const members = await tx.getChatUsers(chat.id);
    const dir = await directoryFor(tx, chat.licenseId, members);
    const last = await tx.lastEventPerType(chat.id, true);
    const threads = new Map<string, ThreadRecord>();
    for (const e of last) if (!threads.has(e.threadId)) { const t = await tx.getThread(chat.id, e.threadId); if (t) threads.set(t.id, t); }
    return renderCustomerSummary(chat, renderUsers(members, dir, 'customer'), renderLastEvents(last, threads, 'customer'));
  }
}

