import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CredentialReads } from '../domain/identity/credentialReads.js';
import type { AgentRecord } from '../domain/model.js';
import type { ReadOptions, Store, StoreTx } from '../domain/ports.js';
import { UnitOfWork } from '../domain/unitOfWork.js';
import { InProcessFanOut } from '../fanout/InProcessFanOut.js';
import { SqliteStore } from './sqlite/SqliteStore.js';

const agent = (id: string): AgentRecord => ({ id, licenseId: 1, name: id, role: 'normal', isBot: false, maxChats: 6, groups: [{ id: 0, priority: 'normal' }], routingStatus: 'accepting_chats', loginStatus: 'accepting_chats', createdAt: 1 });

describe('CredentialReads', () => {
  let store: SqliteStore;
  let reads: number;
  let uow: UnitOfWork;
  beforeEach(async () => {
    store = new SqliteStore({ filename: ':memory:' });
    await store.atomically(async (tx) => {
      await tx.insertLicense({ id: 1, organizationId: 'org-1', createdAt: 1 });
      await tx.insertLicense({ id: 2, organizationId: 'org-2', createdAt: 1 });
      for (const id of ['c1', 'c2', 'c3']) await tx.insertCustomer({ id, licenseId: 1, sessionFields: [], createdAt: 1, visitsCount: 0, pageViewsCount: 0 });
      await tx.insertCustomer({ id: 'd1', licenseId: 2, sessionFields: [], createdAt: 1, visitsCount: 0, pageViewsCount: 0 });
      await tx.insertAgent(agent('ann@x'));
    });
    reads = 0;
    // The real store, with its reads counted.
    const real: Store = store;
    const counted: Store = {
      atomically: (fn, hint) => real.atomically(fn, hint),
      read: <T>(fn: (tx: StoreTx) => Promise<T>, options?: ReadOptions) => { reads += 1; return real.read(fn, options); },
      close: () => store.close(),
    };
    uow = new UnitOfWork(counted, new InProcessFanOut());
  });
  afterEach(async () => { await store.close(); });

  describe('customer() and agent(), coalescing', () => {
    it('answers the checks made in one turn with one read per license and kind, each caller with its own record', async () => {
      const credentials = new CredentialReads(uow, true);
      const [c1, c2, missing, d1, again, ann, ann2, gone] = await Promise.all([
        credentials.customer(1, 'c1'), credentials.customer(1, 'c2'), credentials.customer(1, 'nobody'), credentials.customer(2, 'd1'),
        credentials.customer(1, 'c1'), credentials.agent(1, 'ann@x'), credentials.agent(1, 'ann@x'), credentials.agent(1, 'gone@x'),
      ]);
      expect([c1?.id, c2?.id, missing, d1?.id, again?.id, ann?.id, ann2?.id, gone]).toEqual(['c1', 'c2', undefined, 'd1', 'c1', 'ann@x', 'ann@x', undefined]);
      expect(reads).toBe(3);
      expect(again).not.toBe(c1);
      expect(ann2).not.toBe(ann);
    });

    it('reads what was committed before the call (a ban is seen by the next check)', async () => {
      const credentials = new CredentialReads(uow, true);
      expect((await credentials.customer(1, 'c3'))?.bannedUntil).toBeUndefined();
      await store.atomically(async (tx) => tx.updateCustomer({ ...(await tx.getCustomer(1, 'c3'))!, bannedUntil: 9e15 }));
      expect((await credentials.customer(1, 'c3'))?.bannedUntil).toBe(9e15);
    });

    it('fails every check of a read that failed', async () => {
      const credentials = new CredentialReads(uow, true);
      const checks = [credentials.customer(1, 'c1'), credentials.customer(1, 'c2')];
      await store.close();
      for (const check of checks) await expect(check).rejects.toThrow(/closed/);
    });
  });

  describe('customer(), without coalescing', () => {
    it('reads each check on its own', async () => {
      const credentials = new CredentialReads(uow, false);
      await Promise.all([credentials.customer(1, 'c1'), credentials.customer(1, 'c2'), credentials.agent(1, 'ann@x')]);
      expect(reads).toBe(3);
    });
  });
});
