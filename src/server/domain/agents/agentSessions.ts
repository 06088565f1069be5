import type { RoutingStatus } from '../../../protocol/entities.js';
import type { AgentAccounts } from './agents.js';
import type { AgentRecord } from '../model.js';
import type { JobScheduler, Presence } from '../ports.js';
import type { Router } from './routing.js';

/** Job kind of the offline grace timer; its argument is `<licenseId>:<agentId>`. */
export const AGENT_OFFLINE_JOB = 'agent-offline';

type StatusAccess = Pick<AgentAccounts, 'setRoutingStatus' | 'routingStatusOf'>;

/**
 * A human agent's routing status follows its RTM sessions anywhere in the cluster (Presence): the
 * first connection makes it available with its login status; when its last connection on every
 * node is gone it goes offline after a grace period, so a page reload, a short network blip or a
 * move to another node does not take it out of routing. The grace period is a cluster-wide job
 * (JobScheduler), so it fires once and survives the node that started it; an agent whose node
 * died is reported lost by Presence and goes offline the same grace period after its node fell silent.
 * Bots have no sessions.
 */
export class AgentSessions {
  /** Logged out on this node: already offline, so its closing connections need no grace timer. */
  readonly #loggedOut = new Set<string>();
  readonly #stop: (() => void)[] = [];
  /** Closes still being recorded, so that shutdown waits for their grace jobs to be scheduled. */
  readonly #closing = new Set<Promise<void>>();
  #closed = false;

  constructor(
    private readonly agents: StatusAccess,
    private readonly router: Router,
    private readonly graceMs: number,
    private readonly presence: Presence,
    private readonly jobs: JobScheduler,
  ) {
    this.#stop.push(jobs.handle(AGENT_OFFLINE_JOB, (argument) => this.#graceEnded(argument)));
    this.#stop.push(presence.onLost((licenseId, agentId, silentForMs) => {
      void jobs.schedule(offlineJob(licenseId, agentId), Math.max(0, graceMs - silentForMs)).catch(() => undefined);
    }));
  }

  /** A connection of `agent` logged in. Keeps a status set during the session; restores the login status after offline. */
  async connected(agent: AgentRecord): Promise<void> {
    if (agent.isBot) return;
    await this.presence.connectionOpened(agent.licenseId, agent.id);
    await this.jobs.cancel(offlineJob(agent.licenseId, agent.id));
    this.#loggedOut.delete(offlineJob(agent.licenseId, agent.id));
    if (agent.routingStatus !== 'offline') return;
    await this.agents.setRoutingStatus(agent.licenseId, agent.id, agent.loginStatus === 'offline' ? 'accepting_chats' : agent.loginStatus, this.router);
  }

  /** A logged-in connection of `agent` closed (on this node). */
  disconnected(agent: AgentRecord): Promise<void> {
    if (agent.isBot || this.#closed) return Promise.resolve();
    const done = this.#recordClose(agent).finally(() => this.#closing.delete(done));
    this.#closing.add(done);
    return done;
  }

  async #recordClose(agent: AgentRecord): Promise<void> {
    const gone = await this.presence.connectionClosed(agent.licenseId, agent.id);
    if (!gone) return;
    const key = offlineJob(agent.licenseId, agent.id);
    if (this.#loggedOut.delete(key)) return;
    await this.jobs.schedule(key, this.graceMs);
  }

  /** `logout`: offline at once, no grace. */
  async loggedOut(agent: AgentRecord): Promise<void> {
    const key = offlineJob(agent.licenseId, agent.id);
    await this.jobs.cancel(key);
    this.#loggedOut.add(key);
    await this.agents.setRoutingStatus(agent.licenseId, agent.id, 'offline', this.router);
  }

  /**
   * Waits for the closes in flight (a node shutting down schedules the grace jobs of its agents,
   * which another node runs), then stops handling jobs and losses. Idempotent.
   */
  async close(): Promise<void> {
    this.#closed = true;
    await Promise.allSettled([...this.#closing]);
    for (const stop of this.#stop.splice(0)) stop();
  }

  /** Runs on whichever node claimed the job; a rerun finds the agent offline and does nothing. */
  async #graceEnded(argument: string): Promise<void> {
    const i = argument.indexOf(':');
    const licenseId = Number(argument.slice(0, i));
    const agentId = argument.slice(i + 1);
    if (await this.presence.isConnected(licenseId, agentId)) return;
    const status: RoutingStatus | undefined = await this.agents.routingStatusOf(licenseId, agentId);
    if (status === undefined || status === 'offline') return;
    await this.agents.setRoutingStatus(licenseId, agentId, 'offline', this.router);
  }
}

function offlineJob(licenseId: number, agentId: string): string {
  return `${AGENT_OFFLINE_JOB}:${licenseId}:${agentId}`;
}
