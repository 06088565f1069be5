import type { ChatUserRecord, EventRecord, ThreadRecord } from '../../domain/model.js';
import { json, jsonText } from './sql.js';

/**
 * The writes of the hot path that units of one batch hold back and send together, one statement
 * per table for the whole batch (rows passed as one JSON parameter), instead of one
 * statement per unit and row.
 */
export class BatchedWrites {
  events: EventRecord[] = [];
  /** Keyed so that a row written twice in a batch is sent once, with its last value. */
  readonly threads = new Map<string, ThreadRecord>();
  readonly users = new Map<string, ChatUserRecord>();
  readonly pushSeqs = new Map<string, number>();
  /** Each pushing unit's pushes under its number (PostgresStoreTx.nextChatPushSeq), as JSON text. */
  pushUnits: { chatId: string; seq: number; pushes: string }[] = [];

  get empty(): boolean {
    return this.events.length === 0 && this.threads.size === 0 && this.users.size === 0 && this.pushSeqs.size === 0;
  }

  /** The chats these writes touch (locked before they are sent). */
  chatIds(): string[] {
    const ids = new Set<string>(this.pushSeqs.keys());
    for (const e of this.events) ids.add(e.chatId);
    for (const t of this.threads.values()) ids.add(t.chatId);
    for (const u of this.users.values()) ids.add(u.chatId);
    return [...ids];
  }

  /** Empties it for reuse (the statements built from it hold copies of what they send). */
  clear(): void {
    if (this.events.length > 0) this.events = [];
    if (this.pushUnits.length > 0) this.pushUnits = [];
    this.threads.clear();
    this.users.clear();
    this.pushSeqs.clear();
  }

  /** Takes `later`'s writes after this one's (a later write of the same row wins). */
  merge(later: BatchedWrites): void {
    this.events.push(...later.events);
    this.pushUnits.push(...later.pushUnits);
    for (const [k, v] of later.threads) this.threads.set(k, v);
    for (const [k, v] of later.users) this.users.set(k, v);
    for (const [k, v] of later.pushSeqs) this.pushSeqs.set(k, v);
  }

  /**
   * The statements that store these writes, in the order they must run. Each table's rows travel
   * as one JSON parameter expanded by `json_populate_recordset` (keys are the table's columns):
   * one native JSON.stringify, where text arrays had pg escape every element in JavaScript.
   */
  statements(): { text: string; values: unknown[] }[] {
    const out: { text: string; values: unknown[] }[] = [];
    if (this.events.length > 0) {
      out.push({
        text: `INSERT INTO events (id, chat_id, thread_id, seq, created_at, type, author_id, custom_id, visibility, body, properties)
          SELECT id, chat_id, thread_id, seq, created_at, type, author_id, custom_id, visibility, body, properties
          FROM json_populate_recordset(NULL::events, $1::json)`,
        values: [json(this.events.map((r) => ({
          id: r.id, chat_id: r.chatId, thread_id: r.threadId, seq: r.seq, created_at: r.createdAt, type: r.type,
          author_id: r.authorId ?? null, custom_id: r.customId ?? null, visibility: r.visibility, body: r.body, properties: r.properties,
        })))],
      });
    }
    if (this.threads.size > 0) {
      out.push({
        text: `UPDATE threads SET active = v.active, queued_at = v.queued_at, data = v.data
          FROM json_populate_recordset(NULL::threads, $1::json) v WHERE threads.id = v.id`,
        values: [json([...this.threads.values()].map((r) => ({ id: r.id, active: r.active, queued_at: r.queuedAt ?? null, data: r })))],
      });
    }
    if (this.users.size > 0) {
      out.push({
        text: `INSERT INTO chat_users (chat_id, user_id, user_type, present, events_seen_up_to, visibility)
          SELECT chat_id, user_id, user_type, present, events_seen_up_to, visibility FROM json_populate_recordset(NULL::chat_users, $1::json)
          ON CONFLICT (chat_id, user_id) DO UPDATE SET present = excluded.present, events_seen_up_to = excluded.events_seen_up_to, visibility = excluded.visibility`,
        values: [json([...this.users.values()].map((r) => ({
          chat_id: r.chatId, user_id: r.userId, user_type: r.userType, present: r.present, events_seen_up_to: r.eventsSeenUpTo, visibility: r.visibility,
        })))],
      });
    }
    if (this.pushSeqs.size > 0) {
      out.push({
        text: 'UPDATE chats SET push_seq = v.push_seq FROM json_populate_recordset(NULL::chats, $1::json) v WHERE chats.id = v.id',
        values: [json([...this.pushSeqs].map(([id, seq]) => ({ id, push_seq: seq })))],
      });
      // The pushes are JSON text already: spliced in as they are, not encoded a second time.
      const units = this.pushUnits.map((u) => `{"chat_id":${JSON.stringify(u.chatId)},"push_seq":${u.seq},"pushes":${u.pushes}}`);
      out.push({
        text: `INSERT INTO chat_push_units (chat_id, push_seq, pushes)
          SELECT chat_id, push_seq, pushes FROM json_populate_recordset(NULL::chat_push_units, $1::json)`,
        values: [jsonText(`[${units.join(',')}]`)],
      });
    }
    return out;
  }
}
