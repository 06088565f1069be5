import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import type { AgentRecord, ChatRecord, ChatUserRecord, EventRecord, ThreadRecord } from '../../domain/model.js';
import type { StoreTx } from '../../domain/ports.js';
import { cloneJson } from './hotState.js';
import { SqliteStore } from './SqliteStore.js';

const dir = mkdtempSync(join(tmpdir(), 'switchboard-hot-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;

const chat: ChatRecord = { id: 'C', licenseId: 1, customerId: 'cust-1', access: { group_ids: [0] }, properties: {}, createdAt: 1, lastThreadId: 'T', lastThreadCreatedAt: 1, activeThreadId: 'T' };
const thread: ThreadRecord = { id: 'T', chatId: 'C', seq: 1, createdAt: 1, active: true, userIds: ['cust-1'], properties: {}, access: { group_ids: [0] }, tags: [], lastEventSeq: 0 };
const customer: ChatUserRecord = { chatId: 'C', userId: 'cust-1', userType: 'customer', present: true, eventsSeenUpTo: 0, visibility: 'all' };

/** What send_event does to the store: read the thread, append one event, move the sender's seen mark. */
async function send(tx: StoreTx, text: string): Promise<EventRecord> {
  const t = (await tx.getThread('C', 'T'))!;
  t.lastEventSeq += 1;
  const event: EventRecord = { id: `T_${t.lastEventSeq}`, chatId: 'C', threadId: 'T', seq: t.lastEventSeq, createdAt: 100 + t.lastEventSeq, type: 'message', authorId: 'cust-1', visibility: 'all', body: { text }, properties: {} };
  await tx.insertEvent(event);
  await tx.updateThread(t);
  const me = (await tx.getChatUsers('C')).find((m) => m.userId === 'cust-1')!;
  await tx.upsertChatUser({ ...me, eventsSeenUpTo: event.createdAt });
  return event;
}

describe('SqliteStore', () => {
  let file: string;
  let store: SqliteStore;
  beforeEach(async () => {
    file = join(dir, `hot${++n}.sqlite`);
    store = new SqliteStore({ filename: file });
    await store.atomically(async (tx) => {
      await tx.insertLicense({ id: 1, organizationId: 'org-1', createdAt: 1 });
      await tx.insertChat(chat);
      await tx.insertThread(thread);
      await tx.upsertChatUser(customer);
    });
  });
  afterEach(async () => { await store.close(); });

  describe('atomically() with the in-memory chat state (#16)', () => {
    it('leaves no cached chat, users, thread or followers of a unit that failed: reads see the rolled-back rows', async () => {
      await store.read(async (tx) => { await tx.getChat(1, 'C'); await tx.getChatUsers('C'); await tx.getThread('C', 'T'); await tx.listChatFollowers('C'); });
      await expect(store.atomically(async (tx) => {
        await tx.updateChat({ ...chat, activeThreadId: null, properties: { x: { y: 1 } } });
        await tx.upsertChatUser({ ...customer, present: false });
        await tx.upsertChatUser({ chatId: 'C', userId: 'agent@x', userType: 'agent', present: true, eventsSeenUpTo: 0, visibility: 'all' });
        await tx.setChatFollower('C', 'boss@x', true);
        await tx.listChatFollowers('C');
        await send(tx, 'never stored');
        await tx.updateThread({ ...(await tx.getThread('C', 'T'))!, active: false, tags: ['gone'] });
        throw new Error('refused');
      })).rejects.toThrow('refused');

      await store.read(async (tx) => {
        expect(await tx.getChat(1, 'C')).toEqual(chat);
        expect(await tx.getChatUsers('C')).toEqual([customer]);
        expect(await tx.getThread('C', 'T')).toEqual(thread);
        expect(await tx.listChatFollowers('C')).toEqual([]);
        expect(await tx.listThreadEvents('T')).toEqual([]);
      });
      // The next event takes the seq the failed one did not keep.
      const next = await store.atomically((tx) => send(tx, 'kept'));
      expect(next.seq).toBe(1);
    });

    it('keeps what the units before a failed one in the same group commit wrote', async () => {
      const [ok, failed] = await Promise.allSettled([
        store.atomically((tx) => send(tx, 'first')),
        store.atomically(async (tx) => { await send(tx, 'second'); throw new Error('refused'); }),
      ]);
      expect(ok.status).toBe('fulfilled');
      expect(failed.status).toBe('rejected');
      const third = await store.atomically((tx) => send(tx, 'third'));
      expect(third.seq).toBe(2);
      expect((await store.read((tx) => tx.listThreadEvents('T'))).map((e) => e.body.text)).toEqual(['first', 'third']);
      expect((await store.read((tx) => tx.getChatUsers('C')))[0]!.eventsSeenUpTo).toBe(third.createdAt);
    });

    it('keeps a customer as last written, and forgets a customer change of a unit that failed', async () => {
      const base = { id: 'cust-1', licenseId: 1, sessionFields: [], createdAt: 1, visitsCount: 0, pageViewsCount: 0 };
      await store.atomically((tx) => tx.insertCustomer(base));
      await store.atomically(async (tx) => tx.updateCustomer({ ...(await tx.getCustomer(1, 'cust-1'))!, name: 'Ann' }));
      await expect(store.atomically(async (tx) => {
        await tx.updateCustomer({ ...(await tx.getCustomer(1, 'cust-1'))!, bannedUntil: 9e15 });
        throw new Error('refused');
      })).rejects.toThrow('refused');
      expect(await store.read((tx) => tx.getCustomer(1, 'cust-1'))).toEqual({ ...base, name: 'Ann' });
      expect(await store.read((tx) => tx.getCustomer(2, 'cust-1'))).toBeUndefined();
    });

    it('hands out copies: changing a record read from the store changes nothing stored', async () => {
      await store.read(async (tx) => {
        const c = (await tx.getChat(1, 'C'))!;
        c.access.group_ids.push(7);
        c.properties.x = { y: 2 };
        (await tx.getThread('C', 'T'))!.userIds.push('intruder');
        (await tx.getChatUsers('C'))[0]!.present = false;
      });
      await store.read(async (tx) => {
        expect(await tx.getChat(1, 'C')).toEqual(chat);
        expect(await tx.getThread('C', 'T')).toEqual(thread);
        expect(await tx.getChatUsers('C')).toEqual([customer]);
      });
    });

    it('hands out its cached chat deeply frozen to viewChat, so a reader that tried to change it would throw, and copies to getChat', async () => {
      await store.read(async (tx) => {
        const shared = (await tx.viewChat(1, 'C'))!;
        expect(Object.isFrozen(shared) && Object.isFrozen(shared.access.group_ids)).toBe(true);
        expect(() => { (shared as ChatRecord).activeThreadId = null; }).toThrow(TypeError);
        expect(await tx.viewChat(1, 'C')).toBe(shared);
        const copy = (await tx.getChat(1, 'C'))!;
        copy.access.group_ids.push(7);
        expect(await tx.viewChat(1, 'C')).toEqual(chat);
      });
    });

    it('hands out its cached customer deeply frozen to viewCustomer, and copies to getCustomer', async () => {
      await store.atomically((tx) => tx.insertCustomer({ id: 'cust-9', licenseId: 1, sessionFields: [{ plan: 'pro' }], createdAt: 1, visitsCount: 0, pageViewsCount: 0 }));
      await store.read(async (tx) => {
        const shared = (await tx.viewCustomer(1, 'cust-9'))!;
        expect(Object.isFrozen(shared) && Object.isFrozen(shared.sessionFields[0])).toBe(true);
        expect(await tx.viewCustomer(1, 'cust-9')).toBe(shared);
        expect(await tx.viewCustomer(2, 'cust-9')).toBeUndefined();
        const copy = (await tx.getCustomer(1, 'cust-9'))!;
        copy.sessionFields.push({ plan: 'free' });
        expect((await tx.viewCustomer(1, 'cust-9'))!.sessionFields).toEqual([{ plan: 'pro' }]);
      });
    });

    it('hands out cached agents deeply frozen to viewAgent, and reads them again after another connection wrote agents', async () => {
      const ann: AgentRecord = { id: 'ann@x', licenseId: 1, name: 'Ann', role: 'normal', isBot: false, maxChats: 6, groups: [{ id: 0, priority: 'normal' }], routingStatus: 'accepting_chats', loginStatus: 'accepting_chats', createdAt: 1, patHash: 'h1' };
      await store.atomically((tx) => tx.insertAgent(ann));
      const shared = (await store.read((tx) => tx.viewAgent(1, 'ann@x')))!;
      expect(Object.isFrozen(shared) && Object.isFrozen(shared.groups[0])).toBe(true);
      expect(await store.read((tx) => tx.viewAgent(1, 'ann@x'))).toBe(shared);
      // The admin CLI revokes the token on its own connection.
      const other = new Database(file);
      other.prepare('UPDATE agents SET pat_hash = ?, data = ? WHERE id = ?').run('h2', JSON.stringify({ ...ann, patHash: 'h2' }), 'ann@x');
      other.close();
      expect((await store.read((tx) => tx.viewAgent(1, 'ann@x')))?.patHash).toBe('h2');
      // Checked once per transaction: a unit that begins after another commit sees it too.
      const again = new Database(file);
      again.prepare('UPDATE agents SET pat_hash = ?, data = ? WHERE id = ?').run('h3', JSON.stringify({ ...ann, patHash: 'h3' }), 'ann@x');
      again.close();
      expect(await store.atomically(async (tx) => [(await tx.viewAgent(1, 'ann@x'))?.patHash, (await tx.listAgents(1))[0]?.patHash])).toEqual(['h3', 'h3']);
    });

    it('makes lastEventSeq durable through the event rows alone, so a reopened store continues the sequence', async () => {
      for (const text of ['a', 'b', 'c']) await store.atomically((tx) => send(tx, text));
      // The thread row was not rewritten for these events: its JSON still says 0.
      const row = store.db.prepare('SELECT data FROM threads WHERE id = ?').get('T') as { data: string };
      expect((JSON.parse(row.data) as ThreadRecord).lastEventSeq).toBe(0);
      await store.close();

      store = new SqliteStore({ filename: file });
      expect((await store.read((tx) => tx.getThread('C', 'T')))!.lastEventSeq).toBe(3);
      expect((await store.read((tx) => tx.getChatUsers('C')))[0]!.eventsSeenUpTo).toBe(103);
      expect((await store.atomically((tx) => send(tx, 'd'))).id).toBe('T_4');
    });

    it('never moves lastEventSeq back when a thread read from a list (an older copy) is written', async () => {
      const listed = (await store.read((tx) => tx.listThreads('C', { order: 'asc', limit: 10 }))).items[0]!;
      await store.atomically((tx) => send(tx, 'a'));
      await store.atomically((tx) => tx.updateThread({ ...listed, lastEventSeq: 0, tags: ['vip'] }));
      const t = (await store.read((tx) => tx.getThread('C', 'T')))!;
      expect(t).toMatchObject({ tags: ['vip'], lastEventSeq: 1 });
      expect((await store.atomically((tx) => send(tx, 'b'))).seq).toBe(2);
    });

    it('fails every unit of a group commit whose transaction SQLite rolled back, and keeps none of their writes', async () => {
      // A trigger that makes SQLite roll back the whole transaction, as a disk-full error would.
      store.db.exec("CREATE TEMP TRIGGER doom BEFORE INSERT ON events WHEN NEW.body LIKE '%doom%' BEGIN SELECT RAISE(ROLLBACK, 'doomed'); END");
      const results = await Promise.allSettled([
        store.atomically((tx) => send(tx, 'before')),
        store.atomically((tx) => send(tx, 'doom')),
        store.atomically((tx) => send(tx, 'after')),
      ]);
      expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected', 'rejected']);
      await store.read(async (tx) => {
        expect(await tx.listThreadEvents('T')).toEqual([]);
        expect(await tx.getThread('C', 'T')).toEqual(thread);
        expect(await tx.getChatUsers('C')).toEqual([customer]);
      });
      expect((await store.atomically((tx) => send(tx, 'later'))).seq).toBe(1);
    });

    it('keeps no license of a unit that failed, and serves a stored one from the cache as a copy', async () => {
      await expect(store.atomically(async (tx) => {
        await tx.insertLicense({ id: 2, organizationId: 'org-2', createdAt: 2 });
        expect(await tx.getLicenseByOrganization('org-2')).toEqual({ id: 2, organizationId: 'org-2', createdAt: 2 });
        throw new Error('refused');
      })).rejects.toThrow('refused');
      await store.read(async (tx) => {
        expect(await tx.getLicenseByOrganization('org-2')).toBeUndefined();
        const first = (await tx.getLicenseByOrganization('org-1'))!;
        first.organizationId = 'changed by a reader';
        expect(await tx.getLicenseByOrganization('org-1')).toEqual({ id: 1, organizationId: 'org-1', createdAt: 1 });
      });
    });
  });
});

describe('cloneJson()', () => {
  it('copies every object and array of a record, so a reader that mutates its copy leaves the cache as it was (#16)', () => {
    const thread = { id: 'T', userIds: ['c', 'a'], properties: { routing: { start_url: 'http://x', tags: [{ n: 1 }] } }, access: { group_ids: [0] }, tags: [], active: true, queuedAt: null, lastEventSeq: 3 };
    const copy = cloneJson(thread);
    expect(copy).toEqual(thread);
    expect(JSON.stringify(copy)).toBe(JSON.stringify(thread));
    copy.userIds.push('b');
    copy.properties.routing.tags[0]!.n = 2;
    copy.access.group_ids[0] = 7;
    expect(thread).toEqual({ id: 'T', userIds: ['c', 'a'], properties: { routing: { start_url: 'http://x', tags: [{ n: 1 }] } }, access: { group_ids: [0] }, tags: [], active: true, queuedAt: null, lastEventSeq: 3 });
  });
});
