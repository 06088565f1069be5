import { describe, expect, it } from 'vitest';
import type { AgentAccounts } from '../domain/agents/agents.js';
import { AgentSessions, type Timers } from '../domain/agents/agentSessions.js';
import type { AgentRecord } from '../domain/model.js';
import type { Router } from '../domain/agents/routing.js';
import { InProcessJobScheduler } from './InProcessJobScheduler.js';
import { InProcessPresence } from './InProcessPresence.js';

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
  const sessions = new AgentSessions(agents, {} as Router, 15_000, new InProcessPresence(), new InProcessJobScheduler(), { timers, autoAwayMs });
  const agent = (over: Partial<AgentRecord> = {}): AgentRecord => ({
    id: 'a@example.com', licenseId: 1, name: 'A', role: 'normal', isBot: false, maxChats: 3, groups: [], routingStatus: 'offline', loginStatus: 'accepting_chats', createdAt: 0, ...over,
  });
  return { calls, timers, sessions, agent };
}

/** Away and auto-away (the offline grace period over Presence and jobs: AgentSessions.test.ts). */
describe('AgentSessions', () => {
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
      await sessions.close();
      expect(timers.pending.size).toBe(0);
    });
  });
});
