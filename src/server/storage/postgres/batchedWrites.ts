import type { ChatUserRecord, EventRecord, ThreadRecord } from '../../domain/model.js';
import { json } from './sql.js';
import { CHAT_PUSH_RETENTION_S } from './PostgresStoreTx.js';

/**
 * The writes of the hot path that units of one batch hold back and send together, one statement
 * per table for the whole batch (rows passed as arrays and expanded by `unnest`), instead of one
 * statement per unit and row.
 */
export class BatchedWrites {
  readonly events: EventRecord[] = [];
  /** Keyed so that a row written twice in a batch is sent once, with its last value. */
  readonly threads = new Map<string, ThreadRecord>();
  readonly users = new Map<string, ChatUserRecord>();
  readonly pushSeqs = new Map<string, number>();
  /** Each pushing unit's pushes under its number (PostgresStoreTx.nextChatPushSeq), as JSON text. */
  readonly pushUnits: { chatId: string; seq: number; pushes: string }[] = [];

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

  /** Takes `later`'s writes after this one's (a later write of the same row wins). */
  merge(later: BatchedWrites): void {
    this.events.push(...later.events);
    this.pushUnits.push(...later.pushUnits);
    for (const [k, v] of later.threads) this.threads.set(k, v);
    for (const [k, v] of later.users) this.users.set(k, v);
    for (const [k, v] of later.pushSeqs) this.pushSeqs.set(k, v);
  }

  /** The statements that store these writes, in the order they must run. */
  statements(): { text: string; values: unknown[] }[] {
    const out: { text: string; values: unknown[] }[] = [];
    if (this.events.length > 0) {
      const e = this.events;
      out.push({
        text: `INSERT INTO events (id, chat_id, thread_id, seq, created_at, type, author_id, custom_id, visibility, body, properties)
          SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::integer[], $5::bigint[], $6::text[], $7::text[], $8::text[], $9::text[], $10::jsonb[], $11::jsonb[])`,
        values: [e.map((r) => r.id), e.map((r) => r.chatId), e.map((r) => r.threadId), e.map((r) => r.seq), e.map((r) => r.createdAt), e.map((r) => r.type),
          e.map((r) => r.authorId ?? null), e.map((r) => r.customId ?? null), e.map((r) => r.visibility), e.map((r) => json(r.body)), e.map((r) => json(r.properties))],
      });
    }
    if (this.threads.size > 0) {
      const t = [...this.threads.values()];
      out.push({
        text: `UPDATE threads SET active = v.active, queued_at = v.queued_at, data = v.data
          FROM unnest($1::text[], $2::boolean[], $3::bigint[], $4::jsonb[]) v(id, active, queued_at, data) WHERE threads.id = v.id`,
        values: [t.map((r) => r.id), t.map((r) => r.active), t.map((r) => r.queuedAt ?? null), t.map((r) => json(r))],
      });
    }
    if (this.users.size > 0) {
      const u = [...this.users.values()];
      out.push({
        text: `INSERT INTO chat_users (chat_id, user_id, user_type, present, events_seen_up_to, visibility)
          SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::boolean[], $5::bigint[], $6::text[])
          ON CONFLICT (chat_id, user_id) DO UPDATE SET present = excluded.present, events_seen_up_to = excluded.events_seen_up_to, visibility = excluded.visibility`,
        values: [u.map((r) => r.chatId), u.map((r) => r.userId), u.map((r) => r.userType), u.map((r) => r.present), u.map((r) => r.eventsSeenUpTo), u.map((r) => r.visibility)],
      });
    }
    if (this.pushSeqs.size > 0) {
      out.push({
        text: 'UPDATE chats SET push_seq = v.seq FROM unnest($1::text[], $2::bigint[]) v(id, seq) WHERE chats.id = v.id',
        values: [[...this.pushSeqs.keys()], [...this.pushSeqs.values()]],
      });
      const p = this.pushUnits;
      out.push({
        text: `WITH pruned AS (DELETE FROM chat_push_units WHERE chat_id = ANY($1::text[]) AND created_at < now() - make_interval(secs => $4))
          INSERT INTO chat_push_units (chat_id, push_seq, pushes) SELECT * FROM unnest($1::text[], $2::bigint[], $3::text[])`,
        values: [p.map((u) => u.chatId), p.map((u) => u.seq), p.map((u) => u.pushes), CHAT_PUSH_RETENTION_S],
      });
    }
    return out;
  }
}
