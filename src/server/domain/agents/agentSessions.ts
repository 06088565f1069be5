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

/** A connection is `away` when its client said so, `idle` when auto-away found it inactive. */
type ConnectionState = 'present' | 'away' | 'idle';

/** Actions that are not a sign of someone at the keyboard. */
const NOT_ACTIVITY = new Set(['set_away_status']);

/**
 * A human agent's routing status follows its RTM sessions: the first connection makes it available
 * with its login status; when the last one drops it goes offline after a grace period, so a page
 * reload or a short network blip does not take it out of routing. Bots have no sessions.
 *
 * Away: each connection may be away (`set_away_status`, login `away`), or become idle after
 * `autoAwayMs` without a request (auto-away; 0 turns it off). When every connection of an accepting
 * agent is away or idle, the agent stops accepting chats; when one comes back, it accepts again —
 * unless its status was set explicitly in between.
 *
 * NOTE: connection counts are per node; with several nodes an agent connected elsewhere may be set
 * offline here. A shared presence store is the fix when scale-out arrives.
 */
export class AgentSessions {
  readonly #offlineTimers = new Map<string, unknown>();
  /** Logged out: already offline, so the closing connections need no grace timer. */
  readonly #loggedOut = new Set<string>();
  /** Per agent: its connections' away states. */
  readonly #connections = new Map<string, Map<string, ConnectionState>>();
  readonly #idleTimers = new Map<string, unknown>();
  /** Agents this class took out of routing because every connection was away. */
  readonly #awayDemoted = new Set<string>();
  /** Per agent: the last routing-status change this class started, so changes apply in order. */
  readonly #chains = new Map<string, Promise<void>>();
  #disposed = false;

  constructor(
    private readonly agents: AgentAccounts,
    private readonly router: Router,
    private readonly graceMs: number,
    private readonly timers: Timers = NODE_TIMERS,
    private readonly autoAwayMs = 0,
  ) {}

  /**
   * A connection of `agent` logged in. Keeps a status set during the session; restores the login
   * status after offline (not accepting chats when this connection starts away).
   */
  async connected(agent: AgentRecord, connection?: { id: string; away?: boolean }): Promise<void> {
    this.#cancel(agent.id);
    this.#loggedOut.delete(agent.id);
    if (agent.isBot) return;
    if (connection) {
      let states = this.#connections.get(agent.id);
      if (!states) this.#connections.set(agent.id, (states = new Map()));
      states.set(connection.id, connection.away ? 'away' : 'present');
      if (!connection.away) this.#armIdle(agent, connection.id);
    }
    if (agent.routingStatus === 'offline') {
      this.#awayDemoted.delete(agent.id);
      const login = agent.loginStatus === 'offline' ? 'accepting_chats' : agent.loginStatus;
      const away = login === 'accepting_chats' && this.#allAway(agent.id);
      if (away) this.#awayDemoted.add(agent.id);
      await this.#setStatus(agent, away ? 'not_accepting_chats' : login);
      return;
    }
    await this.#reconcile(agent);
  }

  /** A logged-in connection closed; `remaining` = the agent's other connections. */
  disconnected(agent: AgentRecord, remaining: number, connectionId?: string): void {
    if (agent.isBot || this.#disposed) return;
    if (connectionId !== undefined) this.#forget(agent.id, connectionId);
    if (remaining > 0) {
      // The ones left may all be away now.
      void this.#reconcile(agent).catch(() => undefined);
      return;
    }
    this.#cancel(agent.id);
    if (this.#loggedOut.delete(agent.id)) return;
    const handle = this.timers.set(() => {
      this.#offlineTimers.delete(agent.id);
      this.#awayDemoted.delete(agent.id);
      void this.agents.setRoutingStatus(agent.licenseId, agent.id, 'offline', this.router).catch(() => undefined);
    }, this.graceMs);
    this.#offlineTimers.set(agent.id, handle);
  }

  /** `set_away_status` on one connection. */
  async setAway(agent: AgentRecord, connectionId: string, away: boolean): Promise<void> {
    const states = this.#connections.get(agent.id);
    if (agent.isBot || !states?.has(connectionId)) return;
    states.set(connectionId, away ? 'away' : 'present');
    this.#clearIdle(connectionId);
    if (!away) this.#armIdle(agent, connectionId);
    await this.#reconcile(agent);
  }

  /** A request arrived on a connection: someone is there. Ends auto-away and restarts its clock. */
  activity(agent: AgentRecord, connectionId: string, action: string): void {
    const states = this.#connections.get(agent.id);
    const state = states?.get(connectionId);
    if (!states || state === undefined || state === 'away' || NOT_ACTIVITY.has(action)) return;
    this.#armIdle(agent, connectionId);
    if (state === 'idle') {
      states.set(connectionId, 'present');
      void this.#reconcile(agent).catch(() => undefined);
    }
  }

  /** Someone set the agent's routing status explicitly: away no longer decides it. */
  statusChosen(agentId: string): void {
    this.#awayDemoted.delete(agentId);
  }

  /** `logout`: offline at once, no grace. */
  async loggedOut(agent: AgentRecord): Promise<void> {
    this.#cancel(agent.id);
    this.#loggedOut.add(agent.id);
    this.#awayDemoted.delete(agent.id);
    await this.agents.setRoutingStatus(agent.licenseId, agent.id, 'offline', this.router);
  }

  /** Resolves when every routing-status change started so far has been made. */
  async idle(): Promise<void> {
    while (this.#chains.size > 0) await Promise.all([...this.#chains.values()].map((c) => c.catch(() => undefined)));
  }

  /** Agents waiting for their grace period to end. */
  get pending(): number {
    return this.#offlineTimers.size;
  }

  dispose(): void {
    this.#disposed = true;
    for (const handle of [...this.#offlineTimers.values(), ...this.#idleTimers.values()]) this.timers.clear(handle);
    this.#offlineTimers.clear();
    this.#idleTimers.clear();
  }

  #allAway(agentId: string): boolean {
    const states = [...(this.#connections.get(agentId)?.values() ?? [])];
    return states.length > 0 && states.every((s) => s !== 'present');
  }

  /** Demotes an accepting agent whose connections are all away; restores one this class demoted. */
  #reconcile(agent: AgentRecord): Promise<void> {
    return this.#serial(agent.id, async () => {
      const states = this.#connections.get(agent.id);
      if (!states || states.size === 0) return;
      const status = await this.agents.routingStatusOf(agent.licenseId, agent.id);
      if (this.#allAway(agent.id)) {
        if (status !== 'accepting_chats') return;
        this.#awayDemoted.add(agent.id);
        await this.agents.setRoutingStatus(agent.licenseId, agent.id, 'not_accepting_chats', this.router);
      } else if (this.#awayDemoted.delete(agent.id) && status === 'not_accepting_chats') {
        await this.agents.setRoutingStatus(agent.licenseId, agent.id, 'accepting_chats', this.router);
      }
    });
  }

  #setStatus(agent: AgentRecord, status: 'accepting_chats' | 'not_accepting_chats'): Promise<void> {
    return this.#serial(agent.id, () => this.agents.setRoutingStatus(agent.licenseId, agent.id, status, this.router));
  }

  #serial(agentId: string, fn: () => Promise<void>): Promise<void> {
    const next = (this.#chains.get(agentId) ?? Promise.resolve()).catch(() => undefined).then(fn);
    this.#chains.set(agentId, next);
    void next.finally(() => { if (this.#chains.get(agentId) === next) this.#chains.delete(agentId); }).catch(() => undefined);
    return next;
  }

  #armIdle(agent: AgentRecord, connectionId: string): void {
    this.#clearIdle(connectionId);
    if (this.autoAwayMs <= 0 || this.#disposed) return;
    this.#idleTimers.set(connectionId, this.timers.set(() => {
      this.#idleTimers.delete(connectionId);
      const states = this.#connections.get(agent.id);
      if (states?.get(connectionId) !== 'present') return;
      states.set(connectionId, 'idle');
      void this.#reconcile(agent).catch(() => undefined);
    }, this.autoAwayMs));
  }

  #clearIdle(connectionId: string): void {
    const handle = this.#idleTimers.get(connectionId);
    if (handle === undefined) return;
    this.timers.clear(handle);
    this.#idleTimers.delete(connectionId);
  }

  #forget(agentId: string, connectionId: string): void {
    this.#clearIdle(connectionId);
    const states = this.#connections.get(agentId);
    states?.delete(connectionId);
    if (states?.size === 0) this.#connections.delete(agentId);
  }

  #cancel(agentId: string): void {
    const handle = this.#offlineTimers.get(agentId);
    if (handle === undefined) return;
    this.timers.clear(handle);
    this.#offlineTimers.delete(agentId);
  }
}
