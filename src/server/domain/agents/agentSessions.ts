import type { RoutingStatus } from '../../../protocol/entities.js';
import type { AgentAccounts } from './agents.js';
import type { AgentRecord } from '../model.js';
import type { JobScheduler, Presence } from '../ports.js';
import type { Router } from './routing.js';

/** Job kind of the offline grace timer; its argument is `<licenseId>:<agentId>`. */
export const AGENT_OFFLINE_JOB = 'agent-offline';

/** Where this node's delayed work (auto-away) is scheduled; tests pass fake timers. */
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

type StatusAccess = Pick<AgentAccounts, 'setRoutingStatus' | 'routingStatusOf'>;

/** A connection is `away` when its client said so, `idle` when auto-away found it inactive. */
type ConnectionState = 'present' | 'away' | 'idle';

/** Actions that are not a sign of someone at the keyboard. */
const NOT_ACTIVITY = new Set(['set_away_status']);

/**
 * A human agent's routing status follows its RTM sessions anywhere in the cluster (Presence): the
 * first connection makes it available with its login status; when its last connection on every
 * node is gone it goes offline after a grace period, so a page reload, a short network blip or a
 * move to another node does not take it out of routing. The grace period is a cluster-wide job
 * (JobScheduler), so it fires once and survives the node that started it; an agent whose node
 * died is reported lost by Presence and goes offline the same grace period after its node fell silent.
 * Bots have no sessions.
 *
 * Away: each connection may be away (`set_away_status`, login `away`), or become idle after
 * `autoAwayMs` without a request (auto-away; 0 turns it off). When every connection of an accepting
 * agent is away or idle, the agent stops accepting chats; when one comes back, it accepts again —
 * unless its status was set explicitly in between.
 * NOTE: away states are per node (the connections this node holds); an agent with connections on
 * two nodes is judged away by each node from its own connections.
 */
export class AgentSessions {
  /** Logged out on this node: already offline, so its closing connections need no grace timer. */
  readonly #loggedOut = new Set<string>();
  readonly #stop: (() => void)[] = [];
  /** Closes still being recorded, so that shutdown waits for their grace jobs to be scheduled. */
  readonly #closing = new Set<Promise<void>>();
  /** Per agent: the away states of its connections on this node. */
  readonly #connections = new Map<string, Map<string, ConnectionState>>();
  readonly #idleTimers = new Map<string, unknown>();
  /** Agents this class took out of routing because every connection was away. */
  readonly #awayDemoted = new Set<string>();
  /** Per agent: the last routing-status change this class started, so changes apply in order. */
  readonly #chains = new Map<string, Promise<void>>();
  #closed = false;
  private readonly timers: Timers;
  private readonly autoAwayMs: number;

  constructor(
    private readonly agents: StatusAccess,
    private readonly router: Router,
    private readonly graceMs: number,
    private readonly presence: Presence,
    private readonly jobs: JobScheduler,
    options: { timers?: Timers; autoAwayMs?: number } = {},
  ) {
    this.timers = options.timers ?? NODE_TIMERS;
    this.autoAwayMs = options.autoAwayMs ?? 0;
    this.#stop.push(jobs.handle(AGENT_OFFLINE_JOB, (argument) => this.#graceEnded(argument)));
    this.#stop.push(presence.onLost((licenseId, agentId, silentForMs) => {
      void jobs.schedule(offlineJob(licenseId, agentId), Math.max(0, graceMs - silentForMs)).catch(() => undefined);
    }));
  }

  /**
   * A connection of `agent` logged in. Keeps a status set during the session; restores the login
   * status after offline (not accepting chats when this connection starts away).
   */
  async connected(agent: AgentRecord, connection?: { id: string; away?: boolean }): Promise<void> {
    if (agent.isBot) return;
    await this.presence.connectionOpened(agent.licenseId, agent.id);
    await this.jobs.cancel(offlineJob(agent.licenseId, agent.id));
    this.#loggedOut.delete(offlineJob(agent.licenseId, agent.id));
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
      await this.#serial(agent.id, () => this.agents.setRoutingStatus(agent.licenseId, agent.id, away ? 'not_accepting_chats' : login, this.router));
      return;
    }
    await this.#reconcile(agent);
  }

  /** A logged-in connection of `agent` closed (on this node). */
  disconnected(agent: AgentRecord, connectionId?: string): Promise<void> {
    if (agent.isBot || this.#closed) return Promise.resolve();
    if (connectionId !== undefined) this.#forget(agent.id, connectionId);
    const done = this.#recordClose(agent).finally(() => this.#closing.delete(done));
    this.#closing.add(done);
    return done;
  }

  async #recordClose(agent: AgentRecord): Promise<void> {
    const gone = await this.presence.connectionClosed(agent.licenseId, agent.id);
    // Others remain: the ones left here may all be away now.
    if (!gone) return this.#reconcile(agent);
    const key = offlineJob(agent.licenseId, agent.id);
    if (this.#loggedOut.delete(key)) return;
    await this.jobs.schedule(key, this.graceMs);
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
    const key = offlineJob(agent.licenseId, agent.id);
    await this.jobs.cancel(key);
    this.#loggedOut.add(key);
    this.#awayDemoted.delete(agent.id);
    await this.agents.setRoutingStatus(agent.licenseId, agent.id, 'offline', this.router);
  }

  /** Resolves when every routing-status change started so far has been made. */
  async idle(): Promise<void> {
    while (this.#chains.size > 0) await Promise.all([...this.#chains.values()].map((c) => c.catch(() => undefined)));
  }

  /**
   * Waits for the closes in flight (a node shutting down schedules the grace jobs of its agents,
   * which another node runs), then stops auto-away, job handling and loss reports. Idempotent.
   */
  async close(): Promise<void> {
    this.#closed = true;
    for (const handle of this.#idleTimers.values()) this.timers.clear(handle);
    this.#idleTimers.clear();
    await Promise.allSettled([...this.#closing]);
    for (const stop of this.#stop.splice(0)) stop();
  }

  /** Runs on whichever node claimed the job; a rerun finds the agent offline and does nothing. */
  async #graceEnded(argument: string): Promise<void> {
    const i = argument.indexOf(':');
    const licenseId = Number(argument.slice(0, i));
    const agentId = argument.slice(i + 1);
    if (await this.presence.isConnected(licenseId, agentId)) return;
    this.#awayDemoted.delete(agentId);
    const status: RoutingStatus | undefined = await this.agents.routingStatusOf(licenseId, agentId);
    if (status === undefined || status === 'offline') return;
    await this.agents.setRoutingStatus(licenseId, agentId, 'offline', this.router);
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

  #serial(agentId: string, fn: () => Promise<void>): Promise<void> {
    const next = (this.#chains.get(agentId) ?? Promise.resolve()).catch(() => undefined).then(fn);
    this.#chains.set(agentId, next);
    void next.finally(() => { if (this.#chains.get(agentId) === next) this.#chains.delete(agentId); }).catch(() => undefined);
    return next;
  }

  #armIdle(agent: AgentRecord, connectionId: string): void {
    this.#clearIdle(connectionId);
    if (this.autoAwayMs <= 0 || this.#closed) return;
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
}

function offlineJob(licenseId: number, agentId: string): string {
  return `${AGENT_OFFLINE_JOB}:${licenseId}:${agentId}`;
}
