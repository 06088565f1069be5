import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, inject, it, vi } from 'vitest';
import type { RoutingStatus } from '../../protocol/entities.js';
import { AgentSessions } from '../domain/agents/agentSessions.js';
import type { Router } from '../domain/agents/routing.js';
import type { AgentRecord } from '../domain/model.js';
import type { JobScheduler, Presence } from '../domain/ports.js';
import { InProcessJobScheduler } from './InProcessJobScheduler.js';
import { InProcessPresence } from './InProcessPresence.js';
import { RedisJobScheduler } from './RedisJobScheduler.js';
import { RedisPresence } from './RedisPresence.js';

const GRACE_MS = 150;

/** Routing statuses as the store would hold them, with every change recorded. */
class StatusTable {
  readonly statuses = new Map<string, RoutingStatus>();
  readonly changes: [string, RoutingStatus][] = [];
  async setRoutingStatus(_licenseId: number, id: string, status: RoutingStatus): Promise<void> {
    this.statuses.set(id, status);
    this.changes.push([id, status]);
  }
  async routingStatusOf(_licenseId: number, id: string): Promise<RoutingStatus | undefined> {
    return this.statuses.get(id) ?? 'offline';
  }
  agent(id: string, over: Partial<AgentRecord> = {}): AgentRecord {
    return { id, licenseId: 1, name: id, role: 'normal', isBot: false, maxChats: 3, groups: [], routingStatus: this.statuses.get(id) ?? 'offline', loginStatus: 'accepting_chats', createdAt: 0, ...over };
  }
  offline(id: string): boolean {
    return this.changes.some(([who, s]) => who === id && s === 'offline');
  }
}

interface Node { presence: Presence; jobs: JobScheduler; sessions: AgentSessions }
type MakeNode = (table: StatusTable) => Promise<Node>;

const inProcess: MakeNode = async (table) => {
  const presence = new InProcessPresence();
  const jobs = new InProcessJobScheduler({ retryMs: 20 });
  return { presence, jobs, sessions: new AgentSessions(table, {} as Router, GRACE_MS, presence, jobs) };
};

const redisCluster = (prefix: string, ttlMs = 30_000): MakeNode => async (table) => {
  const url = inject('redisUrl');
  const presence = await RedisPresence.connect({ url, prefix, nodeId: randomUUID(), ttlMs, heartbeatMs: ttlMs / 4 });
  const jobs = await RedisJobScheduler.connect({ url, prefix, pollMs: 20, leaseMs: 30_000, retryMs: 20 });
  return { presence, jobs, sessions: new AgentSessions(table, {} as Router, GRACE_MS, presence, jobs) };
};

const nodes: Node[] = [];
afterEach(async () => {
  for (const n of nodes.splice(0)) {
    await n.sessions.close();
    await n.jobs.close();
    await n.presence.close();
  }
});

async function start(make: MakeNode, table: StatusTable): Promise<Node> {
  const node = await make(table);
  nodes.push(node);
  return node;
}

function describeSessions(name: string, make: () => MakeNode): void {
  describe(`AgentSessions over ${name}`, () => {
    describe('connected()', () => {
      it('restores the login status of an offline agent and keeps a status set during the session', async () => {
        const table = new StatusTable();
        const { sessions } = await start(make(), table);
        await sessions.connected(table.agent('a', { loginStatus: 'not_accepting_chats' }));
        await sessions.connected(table.agent('a'));
        expect(table.changes).toEqual([['a', 'not_accepting_chats']]);
      });

      it('keeps the agent available when it reconnects within the grace period (a page reload)', async () => {
        const table = new StatusTable();
        const { sessions } = await start(make(), table);
        await sessions.connected(table.agent('a'));
        await sessions.connected(table.agent('marker'));
        await sessions.disconnected(table.agent('a'));
        await sessions.connected(table.agent('a'));
        await sessions.disconnected(table.agent('marker'));
        await vi.waitFor(() => expect(table.offline('marker')).toBe(true));
        expect(table.offline('a')).toBe(false);
      });
    });

    describe('disconnected()', () => {
      it('takes the agent offline after the grace period, once, and only when its last connection dropped', async () => {
        const table = new StatusTable();
        const { sessions } = await start(make(), table);
        await sessions.connected(table.agent('a'));
        await sessions.connected(table.agent('a'));
        await sessions.connected(table.agent('marker'));
        await sessions.disconnected(table.agent('a'));
        await sessions.disconnected(table.agent('marker'));
        await vi.waitFor(() => expect(table.offline('marker')).toBe(true));
        expect(table.offline('a')).toBe(false);
        await sessions.disconnected(table.agent('a'));
        await vi.waitFor(() => expect(table.offline('a')).toBe(true));
        expect(table.changes.filter(([id]) => id === 'a')).toEqual([['a', 'accepting_chats'], ['a', 'offline']]);
      });

      it('ignores bots, which have no sessions', async () => {
        const table = new StatusTable();
        const { sessions, presence } = await start(make(), table);
        await sessions.connected(table.agent('bot', { isBot: true }));
        expect(await presence.isConnected(1, 'bot')).toBe(false);
        expect(table.changes).toEqual([]);
      });
    });

    describe('loggedOut()', () => {
      it('takes the agent offline at once, and its closing connection schedules nothing more', async () => {
        const table = new StatusTable();
        const { sessions } = await start(make(), table);
        await sessions.connected(table.agent('a'));
        await sessions.connected(table.agent('marker'));
        await sessions.loggedOut(table.agent('a'));
        expect(table.changes.at(-1)).toEqual(['a', 'offline']);
        await sessions.disconnected(table.agent('a'));
        await sessions.disconnected(table.agent('marker'));
        await vi.waitFor(() => expect(table.offline('marker')).toBe(true));
        expect(table.changes.filter(([id]) => id === 'a')).toEqual([['a', 'accepting_chats'], ['a', 'offline']]);
      });
    });
  });
}

describeSessions('in-process presence and timers', () => inProcess);
describeSessions('Redis presence and timers', () => redisCluster(`test:${randomUUID()}:`));

describe('AgentSessions over Redis, two nodes (#12)', () => {
  it('keeps an agent available while it moves from one node to another', async () => {
    const table = new StatusTable();
    const prefix = `test:${randomUUID()}:`;
    const a = await start(redisCluster(prefix), table);
    const b = await start(redisCluster(prefix), table);
    await a.sessions.connected(table.agent('x'));
    await b.sessions.connected(table.agent('x'));
    await b.sessions.connected(table.agent('marker'));
    await a.sessions.disconnected(table.agent('x'));
    await b.sessions.disconnected(table.agent('marker'));
    await vi.waitFor(() => expect(table.offline('marker')).toBe(true));
    expect(table.offline('x')).toBe(false);
  });

  it('treats the agent of a node that died as disconnected after the grace period, once', async () => {
    const table = new StatusTable();
    const prefix = `test:${randomUUID()}:`;
    const ttlMs = 200;
    const dying = await redisCluster(prefix, ttlMs)(table);
    const survivor = await start(redisCluster(prefix, ttlMs), table);
    await dying.sessions.connected(table.agent('x'));
    expect(await survivor.presence.isConnected(1, 'x')).toBe(true);
    // The node dies: no close of its connections, no more heartbeats, no job polling.
    await dying.sessions.close();
    await dying.jobs.close();
    await dying.presence.close();
    await vi.waitFor(() => expect(table.offline('x')).toBe(true), { timeout: 5000 });
    expect(await survivor.presence.isConnected(1, 'x')).toBe(false);
    expect(table.changes).toEqual([['x', 'accepting_chats'], ['x', 'offline']]);
  });
});
