import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AgentRecord, ChatRecord, EventRecord, ThreadRecord } from '../domain/model.js';
import type { ChatPush } from '../domain/domainEvents.js';
import type { Store } from '../domain/ports.js';

/** What the contract needs from an adapter beyond the Store port, when the adapter has it. */
export interface StoreContractOptions {
  /**
   * Writes one row through a separate connection to the same database (as the admin CLI or a
   * second node does), giving up after a short lock wait; rejects when it cannot write.
   */
  writeFromAnotherConnection?: (store: Store) => Promise<void>;
}

/**
 * The behaviour every Store adapter must show, run once per adapter (SQLite now; PostgreSQL joins
 * by calling this with its own factory).
 */
export function describeStore(name: string, makeStore: () => Promise<Store>, options: StoreContractOptions = {}): void {
  describe(`${name} (Store contract)`, () => {
    let store: Store;
    beforeEach(async () => {
      store = await makeStore();
      await store.atomically(async (tx) => {
        await tx.insertLicense({ id: 1, organizationId: 'org-1', createdAt: 1 });
        await tx.insertCustomer({ id: 'cust-1', licenseId: 1, sessionFields: [], createdAt: 1, visitsCount: 0, pageViewsCount: 0 });
      });
    });
    afterEach(async () => { await store.close(); });

    const chat = (id: string, at: number): ChatRecord => ({ id, licenseId: 1, customerId: 'cust-1', access: { group_ids: [0] }, properties: {}, createdAt: at, lastThreadId: `T${id}`, lastThreadCreatedAt: at, activeThreadId: `T${id}` });
    const thread = (chatId: string, at: number): ThreadRecord => ({ id: `T${chatId}`, chatId, seq: 1, createdAt: at, active: true, userIds: [], properties: {}, access: { group_ids: [0] }, tags: [], lastEventSeq: 0 });
    const event = (chatId: string, seq: number, customId?: string): EventRecord => ({ id: `T${chatId}_${seq}`, chatId, threadId: `T${chatId}`, seq, createdAt: 100 + seq, type: 'message', authorId: 'cust-1', visibility: 'all', body: { text: `m${seq}` }, properties: {}, ...(customId ? { customId } : {}) });

    it('atomically() commits what the function wrote when it resolves', async () => {
      await store.atomically(async (tx) => { await tx.insertChat(chat('A', 10)); await tx.insertThread(thread('A', 10)); });
      expect(await store.read((tx) => tx.getChat(1, 'A'))).toMatchObject({ id: 'A', activeThreadId: 'TA' });
    });

    it('atomically() rolls everything back when the function throws', async () => {
      await expect(store.atomically(async (tx) => { await tx.insertChat(chat('B', 10)); throw new Error('boom'); })).rejects.toThrow('boom');
      expect(await store.read((tx) => tx.getChat(1, 'B'))).toBeUndefined();
    });

    it('viewChat() and viewCustomer() read what getChat and getCustomer read, as last written, and nothing of another license (#16)', async () => {
      await store.atomically(async (tx) => { await tx.insertChat(chat('V', 10)); await tx.insertThread(thread('V', 10)); });
      await store.atomically(async (tx) => {
        const changed = (await tx.getChat(1, 'V'))!;
        changed.properties = { routing: { pinned: true } };
        await tx.updateChat(changed);
      });
      await store.read(async (tx) => {
        expect(await tx.viewChat(1, 'V')).toEqual(await tx.getChat(1, 'V'));
        expect(await tx.viewChat(1, 'V')).toMatchObject({ id: 'V', properties: { routing: { pinned: true } } });
        expect(await tx.viewChat(2, 'V')).toBeUndefined();
        expect(await tx.viewChat(1, 'missing')).toBeUndefined();
        expect(await tx.viewCustomer(1, 'cust-1')).toEqual(await tx.getCustomer(1, 'cust-1'));
        expect(await tx.viewCustomer(2, 'cust-1')).toBeUndefined();
      });
    });

    it.runIf(options.writeFromAnotherConnection)('leaves no transaction open after a unit that fails alone in its turn, so another connection can write (#11)', async () => {
      // A refused start_chat: the unit reads, decides to refuse, and throws; nothing else is written in that turn.
      await expect(store.atomically(async (tx) => { await tx.countActiveChats('cust-1'); throw new Error('chat_limit_reached'); })).rejects.toThrow('chat_limit_reached');
      await expect(options.writeFromAnotherConnection!(store)).resolves.toBeUndefined();
      // And the store itself still works afterwards.
      await store.atomically((tx) => tx.insertChat(chat('H', 1)));
      expect((await store.read((tx) => tx.getChat(1, 'H')))?.id).toBe('H');
    });

    it('keeps chat followers once each, in the order they started, until they stop', async () => {
      await store.atomically(async (tx) => {
        await tx.insertChat(chat('F', 10));
        for (const id of ['b@x', 'a@x', 'b@x']) await tx.setChatFollower('F', id, true);
      });
      expect(await store.read((tx) => tx.listChatFollowers('F'))).toEqual(['b@x', 'a@x']);
      await store.atomically((tx) => tx.setChatFollower('F', 'b@x', false));
      expect(await store.read((tx) => tx.listChatFollowers('F'))).toEqual(['a@x']);
    });

    it('serializes concurrent transactions so that read-modify-write never loses an update', async () => {
      await store.atomically(async (tx) => { await tx.insertChat(chat('C', 10)); await tx.insertThread(thread('C', 10)); });
      await Promise.all(Array.from({ length: 20 }, () => store.atomically(async (tx) => {
        const t = (await tx.getThread('C', 'TC'))!;
        t.lastEventSeq += 1;
        await Promise.resolve();
        await tx.updateThread(t);
      })));
      expect((await store.read((tx) => tx.getThread('C', 'TC')))!.lastEventSeq).toBe(20);
    });

    it('pages chats of a customer by last thread time in both orders', async () => {
      await store.atomically(async (tx) => { for (const [id, at] of [['D1', 1], ['D2', 2], ['D3', 3]] as const) await tx.insertChat(chat(id, at)); });
      const desc = await store.read((tx) => tx.listCustomerChats('cust-1', { order: 'desc', limit: 2 }));
      expect(desc.items.map((c) => c.id)).toEqual(['D3', 'D2']);
      expect(desc.total).toBe(3);
      const next = await store.read((tx) => tx.listCustomerChats('cust-1', { order: 'desc', limit: 2, after: { key: 2, id: 'D2' } }));
      expect(next.items.map((c) => c.id)).toEqual(['D1']);
      const asc = await store.read((tx) => tx.listCustomerChats('cust-1', { order: 'asc', limit: 5 }));
      expect(asc.items.map((c) => c.id)).toEqual(['D1', 'D2', 'D3']);
    });

    it('finds events by custom id per author and refuses a duplicate custom id', async () => {
      await store.atomically(async (tx) => { await tx.insertChat(chat('E', 1)); await tx.insertThread(thread('E', 1)); await tx.insertEvent(event('E', 1, 'k1')); });
      expect((await store.read((tx) => tx.findEventByCustomId('E', 'cust-1', 'k1')))?.id).toBe('TE_1');
      expect(await store.read((tx) => tx.findEventByCustomId('E', 'someone-else', 'k1'))).toBeUndefined();
      await expect(store.atomically((tx) => tx.insertEvent(event('E', 2, 'k1')))).rejects.toThrow();
    });

    it('returns the newest event of each type and tells whether anything is unseen', async () => {
      await store.atomically(async (tx) => {
        await tx.insertChat(chat('F', 1)); await tx.insertThread(thread('F', 1));
        await tx.insertEvent(event('F', 1)); await tx.insertEvent(event('F', 2));
        await tx.insertEvent({ ...event('F', 3), type: 'system_message', authorId: undefined, visibility: 'agents' } as EventRecord);
      });
      const agentView = await store.read((tx) => tx.lastEventPerType('F', false));
      expect(agentView.map((e) => e.id).sort()).toEqual(['TF_2', 'TF_3']);
      const customerView = await store.read((tx) => tx.lastEventPerType('F', true));
      expect(customerView.map((e) => e.id)).toEqual(['TF_2']);
      expect(await store.read((tx) => tx.hasEventsAfter('F', 101, 'agent-x', true))).toBe(true);
      expect(await store.read((tx) => tx.hasEventsAfter('F', 102, 'agent-x', true))).toBe(false);
      expect(await store.read((tx) => tx.hasEventsAfter('F', 0, 'cust-1', true))).toBe(false);
    });

    it('merges license properties and deletes them by name', async () => {
      await store.atomically((tx) => tx.updateLicenseProperties(1, { routing: { max_customer_chats_count: 3 }, x: { a: 'b' } }));
      await store.atomically((tx) => tx.updateLicenseProperties(1, { routing: { max_customer_chats_count: 4 } }));
      await store.atomically((tx) => tx.deleteLicenseProperties(1, { x: ['a'] }));
      expect(await store.read((tx) => tx.getLicenseProperties(1))).toEqual({ routing: { max_customer_chats_count: 4 } });
    });

    it('applies a chat scope (groups, or present in the chat) to chat, archive and customer lists (#11)', async () => {
      const scope = { groupIds: [2], presentUserId: 'agent-2' };
      await store.atomically(async (tx) => {
        await tx.insertCustomer({ id: 'cust-2', licenseId: 1, sessionFields: [], createdAt: 2, visitsCount: 0, pageViewsCount: 0 });
        await tx.insertChat({ ...chat('S0', 1), activeThreadId: null });
        await tx.insertThread({ ...thread('S0', 1), active: false });
        await tx.insertChat({ ...chat('S2', 2), customerId: 'cust-2', access: { group_ids: [0, 2] }, activeThreadId: null });
        await tx.insertThread({ ...thread('S2', 2), active: false, access: { group_ids: [0, 2] } });
        await tx.insertChat(chat('SP', 3));
        await tx.upsertChatUser({ chatId: 'SP', userId: 'agent-2', userType: 'agent', present: true, eventsSeenUpTo: 0, visibility: 'all' });
        await tx.insertChat(chat('SA', 4));
        await tx.upsertChatUser({ chatId: 'SA', userId: 'agent-2', userType: 'agent', present: false, eventsSeenUpTo: 0, visibility: 'all' });
      });
      const chats = await store.read((tx) => tx.listLicenseChats(1, { scope }, { order: 'asc', limit: 10 }));
      expect({ ids: chats.items.map((c) => c.id), total: chats.total }).toEqual({ ids: ['S2', 'SP'], total: 2 });
      const archives = await store.read((tx) => tx.listArchivedThreads({ licenseId: 1, order: 'asc', limit: 10, scope }));
      expect({ ids: archives.items.map((t) => t.chatId), total: archives.total }).toEqual({ ids: ['S2'], total: 1 });
      const everyCustomer = { licenseId: 1, order: 'asc' as const, limit: 10, sortBy: 'created_at' as const, match: [], ranges: [], includeWithoutChats: true };
      const customers = await store.read((tx) => tx.findCustomers({ ...everyCustomer, scope: { groupIds: [2], presentUserId: 'nobody' } }));
      expect({ ids: customers.items.map((c) => c.customer.id), total: customers.total }).toEqual({ ids: ['cust-2'], total: 1 });
      expect((await store.read((tx) => tx.findCustomers(everyCustomer))).total).toBe(2);
    });

    it('records the pushes of each numbered unit and lists a range of them back in number order (#12)', async () => {
      const pushOf = (n: number): ChatPush => ({ kind: 'chat_push', licenseId: 1, chatId: 'P', name: 'incoming_event', agentPayload: { n, text: 'lone \udfff and \u0000' }, userIds: ['cust-1'] });
      await store.atomically((tx) => tx.insertChat(chat('P', 1)));
      const seqs: (number | undefined)[] = [];
      for (const pushes of [[pushOf(1)], [pushOf(2), pushOf(3)], [pushOf(4)]]) seqs.push(await store.atomically(async (tx) => tx.nextChatPushSeq?.('P', pushes)));
      const listed = await store.read((tx) => tx.listChatPushUnits('P', 0, 4));
      if (seqs[0] === undefined) {
        // A store that commits one unit at a time numbers nothing, so it has nothing to give back.
        expect({ seqs, listed }).toEqual({ seqs: [undefined, undefined, undefined], listed: [] });
        return;
      }
      expect(seqs).toEqual([1, 2, 3]);
      expect(await store.read((tx) => tx.listChatPushUnits('P', 1, 3))).toEqual([{ ...pushOf(2), chatSeq: 2 }, { ...pushOf(3), chatSeq: 2 }]);
      expect(listed.map((p) => p.chatSeq)).toEqual([1, 2, 2, 3]);
    });

    it('reads customers and agents by a list of ids, leaving out ids that do not exist or belong to another license', async () => {
      const agent = (id: string, licenseId = 1): AgentRecord => ({ id, licenseId, name: id, role: 'normal', isBot: false, maxChats: 6, groups: [{ id: 0, priority: 'normal' }], routingStatus: 'accepting_chats', loginStatus: 'accepting_chats', createdAt: 1 });
      await store.atomically(async (tx) => {
        await tx.insertLicense({ id: 2, organizationId: 'org-2', createdAt: 1 });
        await tx.insertCustomer({ id: 'cust-2', licenseId: 1, name: 'Zoë', sessionFields: [], createdAt: 2, visitsCount: 0, pageViewsCount: 0 });
        await tx.insertCustomer({ id: 'cust-x', licenseId: 2, sessionFields: [], createdAt: 3, visitsCount: 0, pageViewsCount: 0 });
        await tx.insertAgent(agent('ann@x'));
        await tx.insertAgent(agent('bob@x'));
        await tx.insertAgent(agent('eve@x', 2));
      });
      const customers = await store.read((tx) => tx.getCustomersById(1, ['cust-2', 'nobody', 'cust-1', 'cust-x']));
      expect(customers.map((c) => c.id).sort()).toEqual(['cust-1', 'cust-2']);
      expect(customers.find((c) => c.id === 'cust-2')?.name).toBe('Zoë');
      const agents = await store.read((tx) => tx.getAgentsById(1, ['bob@x', 'eve@x', 'ann@x', 'gone@x']));
      expect(agents.map((a) => a.id).sort()).toEqual(['ann@x', 'bob@x']);
      expect(await store.read((tx) => tx.getAgentsById(1, []))).toEqual([]);
    });

    it('viewAgent() reads what getAgent reads, as last written, and nothing of another license (#16)', async () => {
      const ann: AgentRecord = { id: 'ann@x', licenseId: 1, name: 'Ann', role: 'normal', isBot: false, maxChats: 6, groups: [{ id: 0, priority: 'normal' }], routingStatus: 'accepting_chats', loginStatus: 'accepting_chats', createdAt: 1 };
      await store.atomically((tx) => tx.insertAgent(ann));
      expect(await store.read((tx) => tx.viewAgent(1, 'ann@x'))).toEqual(ann);
      await store.atomically((tx) => tx.updateAgent({ ...ann, name: 'Ann B.', patHash: 'h2' }));
      await store.read(async (tx) => {
        expect(await tx.viewAgent(1, 'ann@x')).toEqual(await tx.getAgent(1, 'ann@x'));
        expect((await tx.viewAgent(1, 'ann@x'))?.patHash).toBe('h2');
        expect(await tx.viewAgent(2, 'ann@x')).toBeUndefined();
        expect(await tx.viewAgent(1, 'gone@x')).toBeUndefined();
      });
    });

    it('counts active chats of a customer', async () => {
      await store.atomically(async (tx) => { await tx.insertChat(chat('G1', 1)); await tx.insertChat({ ...chat('G2', 2), activeThreadId: null }); });
      expect(await store.read((tx) => tx.countActiveChats('cust-1'))).toBe(1);
    });
  });
}
