import type { AgentAccounts } from './agents.js';
import type { AgentRecord } from '../model.js';
import type { Router } from './routing.js';

/** Where delayed work is scheduled; tests pass fake timers. */
export interface Timers {
  set(fn: () => void, ms: number): unknown;
  clear(handle: unknown): void;
}

const NODE_TIMERS: Timers = {
  set: (fn, ms) => {
    const t = setTimeout(fn, ms);
    (t as { unref?: () => void }).unref?.();
    return t;
  },
  clear: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

/**
 * A human agent's routing status follows its RTM sessions: the first connection makes it available
 * with its login status; when the last one drops it goes offline after a grace period, so a page
 * reload or a short network blip does not take it out of routing. Bots have no sessions.
 *
 * NOTE: connection counts are per node; with several nodes an agent connected elsewhere may be set
 * offline here. A shared presence store is the fix when scale-out arrives.
 */
export class AgentSessions {
  readonly #offlineTimers = new Map<string, unknown>();
  /** Logged out: already offline, so the closing connections need no grace timer. */
  readonly #loggedOut = new Set<string>();
  #disposed = false;

  constructor(
    private readonly agents: AgentAccounts,
    private readonly router: Router,
    private readonly graceMs: number,
    private readonly timers: Timers = NODE_TIMERS,
  ) {}

  /** A connection of `agent` logged in. Keeps a status set during the session; restores the login status after offline. */
  async connected(agent: AgentRecord): Promise<void> {
    this.#cancel(agent.id);
    this.#loggedOut.delete(agent.id);
    if (agent.isBot || agent.routingStatus !== 'offline') return;
    await this.agents.setRoutingStatus(agent.licenseId, agent.id, agent.loginStatus === 'offline' ? 'accepting_chats' : agent.loginStatus, this.router);
  }

  /** A logged-in connection closed; `remaining` = the agent's other connections. */
  disconnected(agent: AgentRecord, remaining: number): void {
    if (agent.isBot || remaining > 0 || this.#disposed) return;
    this.#cancel(agent.id);
    if (this.#loggedOut.delete(agent.id)) return;
    const handle = this.timers.set(() => {
      this.#offlineTimers.delete(agent.id);
      void this.agents.setRoutingStatus(agent.licenseId, agent.id, 'offline', this.router).catch(() => undefined);
    }, this.graceMs);
    this.#offlineTimers.set(agent.id, handle);
  }

  /** `logout`: offline at once, no grace. */
  async loggedOut(agent: AgentRecord): Promise<void> {
    this.#cancel(agent.id);
    this.#loggedOut.add(agent.id);
    await this.agents.setRoutingStatus(agent.licenseId, agent.id, 'offline', this.router);
  }

  /** Agents waiting for their grace period to end. */
  get pending(): number {
    return this.#offlineTimers.size;
  }

  dispose(): void {
    this.#disposed = true;
    for (const handle of this.#offlineTimers.values()) this.timers.clear(handle);
    this.#offlineTimers.clear();
  }

  #cancel(agentId: string): void {
    const handle = this.#offlineTimers.get(agentId);
    if (handle === undefined) return;
    this.timers.clear(handle);
    this.#offlineTimers.delete(agentId);
  }
}
