import { afterAll, afterEach, beforeEach, describe, expect, inject, it } from 'vitest';
import { createDatabase } from '../../../testing/services/postgres.js';
import { DomainError } from '../../domain/errors.js';
import type { ChatRecord, EventRecord, ThreadRecord } from '../../domain/model.js';
import type { StoreTx } from '../../domain/ports.js';
import { PostgresStore } from './PostgresStore.js';

const adminUrl = inject('postgresAdminUrl');
const drops: (() => Promise<void>)[] = [];
afterAll(async () => { for (const drop of drops) await drop(); }, 120_000);

const chat: ChatRecord = { id: 'X', licenseId: 1, customerId: 'c1', access: { group_ids: [0] }, properties: {}, createdAt: 1, lastThreadId: 'TX', lastThreadCreatedAt: 1, activeThreadId: 'TX' };
const hint = { licenseId: 1, chatId: 'X' };
const thread: ThreadRecord = { id: 'TX', chatId: 'X', seq: 1, createdAt: 1, active: true, userIds: ['c1'], properties: {}, access: { group_ids: [0] }, tags: [], lastEventSeq: 0 };

/** What send_event does to the store: one event appended to the active thread, seen by its author, one push. */
async function appendMessage(tx: StoreTx, text: string, chatId = 'X'): Promise<number> {
  const c = (await tx.getChat(1, chatId))!;
  const users = await tx.getChatUsers(c.id);
  const t = (await tx.getThread(c.id, c.activeThreadId!))!;
  t.lastEventSeq += 1;
  const event: EventRecord = { id: `${t.id}_${t.lastEventSeq}`, chatId, threadId: t.id, seq: t.lastEventSeq, createdAt: 100 + t.lastEventSeq, type: 'message', authorId: 'c1', visibility: 'all', body: { text }, properties: {}, customId: text };
  await tx.insertEvent(event);
  await tx.updateThread(t);
  const me = users.find((u) => u.userId === 'c1')!;
  me.eventsSeenUpTo = event.createdAt;
  await tx.upsertChatUser(me);
  return (await tx.nextChatPushSeq!(chatId, []))!;
}

describe('UnitBatcher (PostgresStore.atomically with a hint)', () => {
  let store: PostgresStore;
  let url: string;
  const commits: number[] = [];
  beforeEach(async () => {
    const db = await createDatabase(adminUrl);
    drops.push(db.drop);
    url = db.url;
    commits.length = 0;
    // One lane: every unit of these tests meets the others in one queue, whatever its chat.
    store = await PostgresStore.open({ connectionString: db.url, lanes: 1, observer: { committed: (info) => commits.push(info.units) } });
    await store.atomically(async (tx) => {
      await tx.insertLicense({ id: 1, organizationId: 'org', createdAt: 1 });
      await tx.insertChat(chat);
      await tx.insertThread(thread);
      await tx.upsertChatUser({ chatId: 'X', userId: 'c1', userType: 'customer', present: true, eventsSeenUpTo: 0, visibility: 'all' });
    });
    commits.length = 0;
  });
  afterEach(async () => { await store.close(); });

  describe('atomically()', () => {
    it('commits units that wait together in one transaction, each seeing the ones before it', async () => {
      const seqs = await Promise.all(Array.from({ length: 30 }, (_, i) => store.atomically((tx) => appendMessage(tx, `m${i}`), hint)));
      expect([...seqs].sort((a, b) => a - b)).toEqual(Array.from({ length: 30 }, (_, i) => i + 1));
      expect(commits.reduce((a, b) => a + b, 0)).toBe(30);
      expect(Math.max(...commits)).toBeGreaterThan(1);
      const stored = await store.read(async (tx) => ({ events: await tx.listThreadEvents('TX'), thread: await tx.getThread('X', 'TX'), users: await tx.getChatUsers('X') }));
      expect(stored.events.map((e) => e.seq)).toEqual(Array.from({ length: 30 }, (_, i) => i + 1));
      expect(stored.thread!.lastEventSeq).toBe(30);
      expect(stored.users[0]!.eventsSeenUpTo).toBe(130);
      expect((await store.pool.query('SELECT push_seq FROM chats WHERE id = $1', ['X'])).rows[0].push_seq).toBe(30);
    });

    it('stores quotes, backslashes, U+0000 and lone surrogates of batched rows like a lone unit does (U+FFFD for the last two) (#12)', async () => {
      const texts = ['say "hi" \\ back', 'a\u0000b', 'c\udfffd', 'é 😀 \\u0000 kept'];
      await Promise.all(texts.map((text) => store.atomically((tx) => appendMessage(tx, text), hint)));
      const events = await store.read((tx) => tx.listThreadEvents('TX'));
      expect(events.map((e) => e.body.text)).toEqual(['say "hi" \\ back', 'a\ufffdb', 'c\ufffdd', 'é 😀 \\u0000 kept']);
      expect(events.map((e) => e.customId)).toEqual(events.map((e) => e.body.text));
      expect(Math.max(...commits)).toBeGreaterThan(1);
    });

    it('leaves nothing of a unit that fails with a domain error, held back or sent, while its neighbours commit', async () => {
      const results = await Promise.allSettled(Array.from({ length: 12 }, (_, i) => store.atomically(async (tx) => {
        const seq = await appendMessage(tx, `m${i}`);
        if (i === 4) throw new DomainError('validation', 'refused after its writes were held back');
        if (i === 8) {
          await tx.updateLicenseProperties(1, { test: { written_by: 'unit 8' } });
          await appendMessage(tx, 'm8-second');
          throw new DomainError('validation', 'refused after writing on its own');
        }
        return seq;
      }, hint)));
      expect(results.map((r) => r.status)).toEqual(Array.from({ length: 12 }, (_, i) => (i === 4 || i === 8 ? 'rejected' : 'fulfilled')));
      expect(((results[4] as PromiseRejectedResult).reason as DomainError).type).toBe('validation');
      const events = await store.read((tx) => tx.listThreadEvents('TX'));
      expect(events.map((e) => e.body.text).sort()).toEqual(['m0', 'm1', 'm10', 'm11', 'm2', 'm3', 'm5', 'm6', 'm7', 'm9']);
      expect(events.map((e) => e.seq)).toEqual(Array.from({ length: 10 }, (_, i) => i + 1));
      expect((await store.read((tx) => tx.getThread('X', 'TX')))!.lastEventSeq).toBe(10);
      expect(await store.read((tx) => tx.getLicenseProperties(1))).toEqual({});
      expect((await store.pool.query('SELECT push_seq FROM chats WHERE id = $1', ['X'])).rows[0].push_seq).toBe(10);
    });

    it('runs the units of a batch that failed once more each, alone, so every one commits exactly once', async () => {
      let failures = 0;
      const seqs = await Promise.all(Array.from({ length: 10 }, (_, i) => store.atomically(async (tx) => {
        const seq = await appendMessage(tx, `m${i}`);
        // A conflict reported by PostgreSQL (serialization_failure) the first time this unit runs.
        if (i === 3 && failures++ === 0) throw Object.assign(new Error('could not serialize access'), { code: '40001' });
        return seq;
      }, hint)));
      expect(failures).toBe(2);
      expect(new Set(seqs).size).toBe(10);
      const events = await store.read((tx) => tx.listThreadEvents('TX'));
      expect(events.map((e) => e.body.text).sort()).toEqual(Array.from({ length: 10 }, (_, i) => `m${i}`).sort());
    });

    it('finds a custom id held back by an earlier unit of the same batch', async () => {
      const found = await Promise.all([
        store.atomically((tx) => appendMessage(tx, 'k1'), hint),
        store.atomically(async (tx) => (await tx.findEventByCustomId('X', 'c1', 'k1'))?.id ?? null, hint),
      ]);
      expect(found[1]).toBe('TX_1');
    });

    it('makes a unit that read a chat before a batch wrote it run again, instead of overwriting what the batch wrote', async () => {
      let release!: () => void;
      const batchDone = new Promise<void>((r) => { release = r; });
      let runs = 0;
      // A unit of another kind (SERIALIZABLE, alone): reads the thread, then tags it once the batch has committed.
      const tagging = store.atomically(async (tx) => {
        runs += 1;
        const t = (await tx.getThread('X', 'TX'))!;
        await batchDone;
        t.tags = ['vip'];
        await tx.updateThread(t);
      });
      await new Promise((r) => setTimeout(r, 50));
      await Promise.all(Array.from({ length: 5 }, (_, i) => store.atomically((tx) => appendMessage(tx, `m${i}`), hint)));
      release();
      await tagging;
      expect(runs).toBe(2);
      const t = (await store.read((tx) => tx.getThread('X', 'TX')))!;
      expect(t.lastEventSeq).toBe(5);
      expect(t.tags).toEqual(['vip']);
    });

    it('keeps a change another unit made to a chat the batch holds: that unit waits for the batch, then runs again on what it wrote', async () => {
      let open!: () => void;
      const gate = new Promise<void>((r) => { open = r; });
      const batch = store.atomically(async (tx) => {
        await tx.getChat(1, 'X');
        await gate;
        return appendMessage(tx, 'm0');
      }, hint);
      await new Promise((r) => setTimeout(r, 100));
      let runs = 0;
      const tagging = store.atomically(async (tx) => {
        runs += 1;
        const t = (await tx.getThread('X', 'TX'))!;
        t.tags = ['vip'];
        await tx.updateThread(t);
      });
      await new Promise((r) => setTimeout(r, 100));
      open();
      await Promise.all([batch, tagging]);
      const t = (await store.read((tx) => tx.getThread('X', 'TX')))!;
      expect(t.lastEventSeq).toBe(1);
      expect(t.tags).toEqual(['vip']);
      expect(runs).toBe(2);
    });

    it('leaves a unit whose chat another node\'s batch holds for its next batch, instead of waiting while holding its own locks', async () => {
      await store.atomically(async (tx) => {
        await tx.insertChat({ ...chat, id: 'Y', lastThreadId: 'TY', activeThreadId: 'TY' });
        await tx.insertThread({ ...thread, id: 'TY', chatId: 'Y' });
        await tx.upsertChatUser({ chatId: 'Y', userId: 'c1', userType: 'customer', present: true, eventsSeenUpTo: 0, visibility: 'all' });
      });
      const other = await PostgresStore.open({ connectionString: url, lanes: 1 });
      const gate = () => { let open!: () => void; const shut = new Promise<void>((r) => { open = r; }); return { open, shut }; };
      const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));
      try {
        const onOther = gate();
        const a = other.atomically(async (tx) => { await tx.getChat(1, 'Y'); await onOther.shut; return appendMessage(tx, 'a0', 'Y'); }, { licenseId: 1, chatId: 'Y' });
        await pause(100);
        const onThis = gate();
        const b0 = store.atomically(async (tx) => { await tx.getChat(1, 'X'); await onThis.shut; return appendMessage(tx, 'b0'); }, hint);
        await pause(50);
        const b1 = store.atomically((tx) => appendMessage(tx, 'b1', 'Y'), { licenseId: 1, chatId: 'Y' });
        const b2 = store.atomically((tx) => appendMessage(tx, 'b2'), hint);
        onThis.open();
        // This node's batch commits while the other node still holds chat Y.
        const settled = await Promise.race([Promise.all([b0, b2]), pause(5000).then(() => 'waited on chat Y')]);
        expect(settled).toEqual([1, 2]);
        onOther.open();
        expect(await a).toBe(1);
        expect(await b1).toBe(2);
        const events = await store.read((tx) => tx.listThreadEvents('TY'));
        expect(events.map((e) => e.body.text)).toEqual(['a0', 'b1']);
      } finally {
        await other.close();
      }
    });
  });
});
