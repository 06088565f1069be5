import { describe, expect, it } from 'vitest';
import type { AgentAccounts } from './agents.js';
import { AgentSessions, type Timers } from './agentSessions.js';
import type { AgentRecord } from '../model.js';
import type { Router } from './routing.js';

/** Timers run by hand: `fire()` runs every pending one. */
class ManualTimers implements Timers {
  readonly pending = new Map<number, () => void>();
  #n = 0;
  set(fn: () => void): unknown { this.pending.set(++this.#n, fn); return this.#n; }
  clear(handle: unknown): void { this.pending.delete(handle as number); }
  fire(): void { for (const [k, fn] of [...this.pending]) { this.pending.delete(k); fn(); } }
}

function setup(autoAwayMs = 0) {
  const calls: [string, string][] = [];
  const statuses = new Map<string, string>();
  const agents = {
    setRoutingStatus: async (_l: number, id: string, status: string) => { calls.push([id, status]); statuses.set(id, status); },
    routingStatusOf: async (_l: number, id: string) => statuses.get(id),
  } as unknown as AgentAccounts;
  const timers = new ManualTimers();
  const sessions = new AgentSessions(agents, {} as Router, 15_000, timers, autoAwayMs);
  const agent = (over: Partial<AgentRecord> = {}): AgentRecord => ({
    id: 'a@example.com', licenseId: 1, name: 'A', role: 'normal', isBot: false, maxChats: 3, groups: [], routingStatus: 'offline', loginStatus: 'accepting_chats', createdAt: 0, ...over,
  });
  return { calls, timers, sessions, agent };
}

describe('AgentSessions', () => {
  describe('connected()', () => {
    it('restores the login status of an offline agent and keeps a status set during the session', async () => {
      const { calls, sessions, agent } = setup();
      await sessions.connected(agent({ loginStatus: 'not_accepting_chats' }));
      await sessions.connected(agent({ routingStatus: 'accepting_chats' }));
      expect(calls).toEqual([['a@example.com', 'not_accepting_chats']]);
    });

    it('ignores bots, which have no sessions', async () => {
      const { calls, sessions, agent } = setup();
      await sessions.connected(agent({ isBot: true }));
      sessions.disconnected(agent({ isBot: true }), 0);
      expect(calls).toEqual([]);
    });
  });

  describe('disconnected()', () => {
    it('takes the agent offline only after the grace period, and only when its last connection dropped', () => {
      const { calls, timers, sessions, agent } = setup();
      sessions.disconnected(agent(), 1);
      expect(timers.pending.size).toBe(0);
      sessions.disconnected(agent(), 0);
      expect(calls).toEqual([]);
      timers.fire();
      expect(calls).toEqual([['a@example.com', 'offline']]);
    });

    it('keeps the agent available when it reconnects within the grace period (a page reload)', async () => {
      const { calls, timers, sessions, agent } = setup();
      sessions.disconnected(agent({ routingStatus: 'accepting_chats' }), 0);
      await sessions.connected(agent({ routingStatus: 'accepting_chats' }));
      timers.fire();
      expect(calls).toEqual([]);
    });

    it('schedules nothing after logout (already offline) or after dispose()', async () => {
      const { calls, timers, sessions, agent } = setup();
      await sessions.loggedOut(agent());
      sessions.disconnected(agent(), 0);
      expect(timers.pending.size).toBe(0);
      sessions.disconnected(agent({ id: 'b@example.com' }), 0);
      sessions.dispose();
      expect(timers.pending.size).toBe(0);
      sessions.disconnected(agent({ id: 'c@example.com' }), 0);
      expect(timers.pending.size).toBe(0);
      expect(calls).toEqual([['a@example.com', 'offline']]);
    });
  });

  describe('setAway()', () => {
    it('stops accepting chats only when every connection is away, and accepts again when one returns', async () => {
      const { calls, sessions, agent } = setup();
      await sessions.connected(agent(), { id: 'desk' });
      await sessions.connected(agent({ routingStatus: 'accepting_chats' }), { id: 'phone' });
      await sessions.setAway(agent(), 'desk', true);
      expect(calls).toEqual([['a@example.com', 'accepting_chats']]);
      await sessions.setAway(agent(), 'phone', true);
      await sessions.setAway(agent(), 'phone', false);
      expect(calls.slice(1)).toEqual([['a@example.com', 'not_accepting_chats'], ['a@example.com', 'accepting_chats']]);
    });

    it('does not bring back an agent whose status was chosen while it was away', async () => {
      const { calls, sessions, agent } = setup();
      await sessions.connected(agent(), { id: 'desk', away: true });
      expect(calls).toEqual([['a@example.com', 'not_accepting_chats']]);
      sessions.statusChosen('a@example.com');
      await sessions.setAway(agent(), 'desk', false);
      expect(calls).toHaveLength(1);
    });
  });

  describe('activity() (auto-away)', () => {
    it('marks a connection idle when its timer fires, and any request but set_away_status ends it', async () => {
      const { calls, timers, sessions, agent } = setup(60_000);
      await sessions.connected(agent(), { id: 'desk' });
      timers.fire();
      await sessions.idle();
      expect(calls.at(-1)).toEqual(['a@example.com', 'not_accepting_chats']);
      sessions.activity(agent(), 'desk', 'set_away_status');
      await sessions.idle();
      expect(calls).toHaveLength(2);
      sessions.activity(agent(), 'desk', 'list_chats');
      await sessions.idle();
      expect(calls.at(-1)).toEqual(['a@example.com', 'accepting_chats']);
      expect(calls).toHaveLength(3);
      expect(timers.pending.size).toBe(1);
      sessions.dispose();
      expect(timers.pending.size).toBe(0);
    });
  });
});
