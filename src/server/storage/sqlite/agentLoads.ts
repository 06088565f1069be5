import type Database from 'better-sqlite3';
import type { ChatUserRecord } from '../../domain/model.js';
import type { HotState } from './hotState.js';

type Row = Record<string, unknown>;

/**
 * Agents' loads (active chats each agent is present in) per license, counted from the tables once
 * and then moved by the writes that change them: a chat becoming active or inactive, an agent
 * joining or leaving a chat. Routing and group statuses read the loads on every new chat; counting
 * them each time grew with the number of chats (#16: setup fell to 53 customers/s at C = 10,000).
 *
 * Lives in HotState (`hot.loads`), so a unit or transaction that rolls back drops the license's
 * loads like any other cached row, and the next read counts them again.
 */
export class AgentLoads {
  constructor(
    private readonly hot: HotState,
    private readonly q: (sql: string) => Database.Statement,
  ) {}

  /**
   * agent id → active chats, as the database holds them now: the kept map itself, not a copy (#16:
   * routing and group statuses read it on every new chat), so it is valid until the caller's next write.
   */
  read(licenseId: number): ReadonlyMap<string, number> {
    let loads = this.hot.loads.get(licenseId);
    if (!loads) {
      // Driven by the partial index of present agents, so the cost follows agents' chats, not all chats.
      const rows = this.q(`SELECT u.user_id, COUNT(*) n FROM chat_users u INDEXED BY chat_users_present_agents JOIN chats c ON c.id = u.chat_id
        WHERE u.user_type = 'agent' AND u.present = 1 AND c.license_id = ? AND c.active_thread_id IS NOT NULL GROUP BY u.user_id`).all(licenseId) as Row[];
      loads = new Map(rows.map((r) => [r.user_id as string, r.n as number]));
      this.hot.loads.set(licenseId, loads);
      this.hot.touch('loads', licenseId);
    }
    return loads;
  }

  /** Before a chat row is written: whether it is active now (undefined: no loads to keep, or no row). */
  chatActiveBefore(licenseId: number, chatId: string): boolean | undefined {
    if (!this.hot.loads.has(licenseId)) return undefined;
    const cached = this.hot.chats.get(chatId);
    if (cached) return cached.activeThreadId !== null;
    const r = this.q('SELECT active_thread_id FROM chats WHERE id = ?').get(chatId) as Row | undefined;
    return r ? r.active_thread_id !== null : undefined;
  }

  /** After a chat row was written (inserted: `before` false): its present agents gain or lose one. */
  chatWritten(licenseId: number, chatId: string, before: boolean | undefined, after: boolean): void {
    if (before === undefined || before === after) return;
    const agents = this.q("SELECT user_id FROM chat_users WHERE chat_id = ? AND user_type = 'agent' AND present = 1").all(chatId) as Row[];
    for (const r of agents) this.#add(licenseId, r.user_id as string, after ? 1 : -1);
  }

  /** Before a chat user row is upserted: whether it counts now, and the chat's license (undefined: no loads to keep). */
  userCountsBefore(u: ChatUserRecord): { counts: boolean; isAgent: boolean; licenseId: number; chatActive: boolean } | undefined {
    if (this.hot.loads.size === 0) return undefined;
    const chat = this.q('SELECT license_id, active_thread_id FROM chats WHERE id = ?').get(u.chatId) as Row | undefined;
    if (!chat || !this.hot.loads.has(chat.license_id as number)) return undefined;
    const row = this.q('SELECT user_type, present FROM chat_users WHERE chat_id = ? AND user_id = ?').get(u.chatId, u.userId) as Row | undefined;
    const chatActive = chat.active_thread_id !== null;
    // On conflict the row keeps its user_type, as the upsert statement does.
    const isAgent = (row ? row.user_type : u.userType) === 'agent';
    return { counts: chatActive && isAgent && row?.present === 1, isAgent, licenseId: chat.license_id as number, chatActive };
  }

  userWritten(u: ChatUserRecord, before: ReturnType<AgentLoads['userCountsBefore']>): void {
    if (!before) return;
    const counts = before.chatActive && before.isAgent && u.present;
    if (counts !== before.counts) this.#add(before.licenseId, u.userId, counts ? 1 : -1);
  }

  #add(licenseId: number, agentId: string, delta: number): void {
    const loads = this.hot.loads.get(licenseId);
    if (!loads) return;
    const n = (loads.get(agentId) ?? 0) + delta;
    if (n > 0) loads.set(agentId, n);
    else loads.delete(agentId);
    this.hot.touch('loads', licenseId);
  }
}
