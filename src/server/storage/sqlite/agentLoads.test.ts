import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AgentRecord, ChatRecord, ChatUserRecord } from '../../domain/model.js';
import { SqliteStore } from './SqliteStore.js';

const dir = mkdtempSync(join(tmpdir(), 'switchboard-loads-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;

const chatOf = (id: string, licenseId = 1, active = true): ChatRecord => ({
  id, licenseId, customerId: `cust-${id}`, access: { group_ids: [0] }, properties: {}, createdAt: 1, lastThreadId: `T${id}`, lastThreadCreatedAt: 1, activeThreadId: active ? `T${id}` : null,
});
const agent = (id: string, routingStatus: AgentRecord['routingStatus'] = 'accepting_chats'): AgentRecord => ({
  id, licenseId: 1, name: id, role: 'normal', isBot: false, maxChats: 6, groups: [{ id: 0, priority: 'normal' }], routingStatus, loginStatus: routingStatus, createdAt: 1,
});
const agentIn = (chatId: string, userId: string, present = true): ChatUserRecord => ({ chatId, userId, userType: 'agent', present, eventsSeenUpTo: 0, visibility: 'all' });

describe('SqliteStore', () => {
  let store: SqliteStore;
  /** The loads as the tables hold them, counted afresh by a second store on the same file. */
  let counted: (licenseId: number) => Promise<ReadonlyMap<string, number>>;
  let file: string;
  beforeEach(async () => {
    file = join(dir, `loads${++n}.sqlite`);
    store = new SqliteStore({ filename: file });
    await store.atomically(async (tx) => {
      await tx.insertLicense({ id: 1, organizationId: 'org-1', createdAt: 1 });
      await tx.insertLicense({ id: 2, organizationId: 'org-2', createdAt: 1 });
    });
    counted = async (licenseId) => {
      const fresh = new SqliteStore({ filename: file });
      try { return await fresh.read((tx) => tx.countAgentActiveChats(licenseId)); } finally { await fresh.close(); }
    };
  });
  afterEach(async () => { await store.close(); });

  describe('countAgentActiveChats() kept in memory (#16)', () => {
    it('follows agents joining and leaving, chats closing and reopening, and other licenses, as a fresh count does', async () => {
      expect(await store.read((tx) => tx.countAgentActiveChats(1))).toEqual(new Map());
      await store.atomically(async (tx) => {
        await tx.insertChat(chatOf('A'));
        await tx.insertChat(chatOf('B'));
        await tx.insertChat(chatOf('Z', 2));
        await tx.upsertChatUser(agentIn('A', 'ann'));
        await tx.upsertChatUser(agentIn('B', 'ann'));
        await tx.upsertChatUser(agentIn('B', 'bob'));
        await tx.upsertChatUser(agentIn('Z', 'ann'));
        await tx.upsertChatUser({ chatId: 'A', userId: 'cust-A', userType: 'customer', present: true, eventsSeenUpTo: 0, visibility: 'all' });
      });
      expect(await store.read((tx) => tx.countAgentActiveChats(1))).toEqual(new Map([['ann', 2], ['bob', 1]]));

      await store.atomically(async (tx) => {
        await tx.updateChat(chatOf('A', 1, false)); // closed: ann loses one
        await tx.upsertChatUser(agentIn('B', 'bob', false)); // bob left
        await tx.upsertChatUser({ ...agentIn('B', 'ann'), eventsSeenUpTo: 5 }); // only a seen mark
      });
      expect(await store.read((tx) => tx.countAgentActiveChats(1))).toEqual(new Map([['ann', 1]]));
      expect(await store.read((tx) => tx.countAgentActiveChats(1))).toEqual(await counted(1));

      await store.atomically(async (tx) => {
        await tx.updateChat(chatOf('A')); // reopened with ann still present
        await tx.upsertChatUser(agentIn('A', 'cid'));
      });
      expect(await store.read((tx) => tx.countAgentActiveChats(1))).toEqual(new Map([['ann', 2], ['cid', 1]]));
      expect(await store.read((tx) => tx.countAgentActiveChats(1))).toEqual(await counted(1));
      expect(await store.read((tx) => tx.countAgentActiveChats(2))).toEqual(await counted(2));
    });

    it('drops what a failed unit changed: the loads read afterwards are those of the rolled-back tables', async () => {
      await store.atomically(async (tx) => {
        await tx.insertChat(chatOf('A'));
        await tx.upsertChatUser(agentIn('A', 'ann'));
      });
      expect(await store.read((tx) => tx.countAgentActiveChats(1))).toEqual(new Map([['ann', 1]]));
      await expect(store.atomically(async (tx) => {
        await tx.insertChat(chatOf('B'));
        await tx.upsertChatUser(agentIn('B', 'ann'));
        await tx.upsertChatUser(agentIn('A', 'bob'));
        expect(await tx.countAgentActiveChats(1)).toEqual(new Map([['ann', 2], ['bob', 1]]));
        throw new Error('refused');
      })).rejects.toThrow('refused');
      expect(await store.read((tx) => tx.countAgentActiveChats(1))).toEqual(new Map([['ann', 1]]));
      expect(await store.read((tx) => tx.countAgentActiveChats(1))).toEqual(await counted(1));
    });

    it('hands out the kept map read-only instead of a copy per read (#16: allocation per new chat)', async () => {
      await store.atomically(async (tx) => {
        await tx.insertChat(chatOf('A'));
        await tx.upsertChatUser(agentIn('A', 'ann'));
      });
      const [first, second] = await store.read(async (tx) => [await tx.countAgentActiveChats(1), await tx.countAgentActiveChats(1)]);
      expect(second).toBe(first);
      expect(first).toEqual(new Map([['ann', 1]]));
    });
  });

  describe('listAgents() kept in memory (#16)', () => {
    const statuses = async (s: SqliteStore) => (await s.read((tx) => tx.listAgents(1))).map((a) => `${a.id}:${a.routingStatus}`);

    it('sees its own writes and what another process committed (the admin CLI)', async () => {
      await store.atomically(async (tx) => { await tx.insertAgent(agent('ann')); });
      expect(await statuses(store)).toEqual(['ann:accepting_chats']);
      await store.atomically(async (tx) => { await tx.updateAgent(agent('ann', 'not_accepting_chats')); });
      expect(await statuses(store)).toEqual(['ann:not_accepting_chats']);

      const other = new SqliteStore({ filename: file });
      try {
        await other.atomically(async (tx) => { await tx.insertAgent(agent('bob')); await tx.updateAgent(agent('ann', 'offline')); });
      } finally { await other.close(); }
      expect(await statuses(store)).toEqual(['ann:offline', 'bob:accepting_chats']);
      await store.atomically(async (tx) => { await tx.deleteAgent(1, 'bob'); });
      expect(await statuses(store)).toEqual(['ann:offline']);
    });

    it('drops agents read inside a unit that failed, and hands out records nobody can change (#16)', async () => {
      await store.atomically(async (tx) => { await tx.insertAgent(agent('ann')); });
      await expect(store.atomically(async (tx) => {
        await tx.updateAgent(agent('ann', 'offline'));
        expect((await tx.listAgents(1))[0]!.routingStatus).toBe('offline');
        throw new Error('refused');
      })).rejects.toThrow('refused');
      expect(await statuses(store)).toEqual(['ann:accepting_chats']);
      const shared = (await store.read((tx) => tx.listAgents(1)))[0] as AgentRecord;
      expect(() => { shared.maxChats = 99; }).toThrow(TypeError);
      expect(() => { shared.groups.push({ id: 7, priority: 'normal' }); }).toThrow(TypeError);
      expect((await store.read((tx) => tx.listAgents(1)))[0]!.maxChats).toBe(6);
    });
  });
});
