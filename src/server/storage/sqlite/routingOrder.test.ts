import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Router } from '../../domain/agents/routing.js';
import type { AgentRecord, ChatRecord, ThreadRecord } from '../../domain/model.js';
import { SqliteStore } from './SqliteStore.js';

const dir = mkdtempSync(join(tmpdir(), 'switchboard-routing-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

type Priority = AgentRecord['groups'][number]['priority'];
const agent = (id: string, groups: [number, Priority][], routingStatus: AgentRecord['routingStatus'] = 'accepting_chats', maxChats = 3): AgentRecord => ({
  id, licenseId: 1, name: id, role: 'normal', isBot: false, maxChats, groups: groups.map(([g, priority]) => ({ id: g, priority })), routingStatus, loginStatus: routingStatus, createdAt: 1,
});
const chatOf = (id: string, groupIds: number[]): ChatRecord => ({
  id, licenseId: 1, customerId: `cust-${id}`, access: { group_ids: groupIds }, properties: {}, createdAt: 1, lastThreadId: `T${id}`, lastThreadCreatedAt: 1, activeThreadId: `T${id}`,
});
const threadOf = (chat: ChatRecord): ThreadRecord => ({ id: `T${chat.id}`, chatId: chat.id, seq: 1, createdAt: 1, active: true, userIds: [chat.customerId], properties: {}, access: chat.access, tags: [], lastEventSeq: 0 });

describe('Router', () => {
  describe('routeNewThread()', () => {
    it('assigns the agent candidates() ranks first — best priority over the chat groups, then least loaded, then id — without building the lists (#16)', async () => {
      const store = new SqliteStore({ filename: join(dir, 'routing.sqlite') });
      const router = new Router({ now: () => 1_000_000 });
      try {
        await store.atomically(async (tx) => {
          await tx.insertLicense({ id: 1, organizationId: 'org-1', createdAt: 1 });
          for (const a of [
            agent('zed', [[0, 'normal'], [1, 'first']]), agent('amy', [[0, 'normal']]), agent('bob', [[0, 'last'], [2, 'normal']]),
            agent('cat', [[1, 'supervisor'], [2, 'first']]), agent('dan', [[1, 'first']], 'not_accepting_chats'), agent('eve', [[2, 'last']], 'accepting_chats', 1),
          ]) await tx.insertAgent(a);
        });
        const picks: string[] = [];
        // Each chat changes the loads the next one is ranked by; both must agree at every step.
        for (const [i, groups] of [[0], [1], [1], [2], [0, 2], [1, 2], [0], [0], [2], [2], [1], [0, 1, 2], [0], [1], [2]].entries()) {
          const picked = await store.atomically(async (tx) => {
            const chat = chatOf(`c${i}`, groups);
            await tx.insertChat(chat);
            const thread = threadOf(chat);
            await tx.insertThread(thread);
            const expected = (await router.candidates(tx, 1, groups)).free[0]?.id ?? 'queued';
            const outcome = await router.routeNewThread(tx, chat, thread, { continuous: true, alreadyAssigned: false });
            expect(outcome.kind === 'assigned' ? outcome.agent.id : outcome.kind).toBe(expected);
            return expected;
          });
          picks.push(picked);
        }
        expect(picks.slice(0, 6)).toEqual(['amy', 'zed', 'zed', 'cat', 'cat', 'cat']);
        expect(new Set(picks)).toContain('queued');
      } finally {
        await store.close();
      }
    });
  });
});
