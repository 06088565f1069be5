import type { DomainEvent } from '../../domain/domainEvents.js';
import type { GroupAvailability } from '../../domain/agents/groupAvailability.js';
import { seesGroups, type ConnectionRegistry } from './connections.js';

/** Pushes after which a group may have gone online, offline or full. */
const AVAILABILITY_CHANGES = new Set([
  'routing_status_set', 'incoming_chat', 'user_added_to_chat', 'user_removed_from_chat', 'chat_deactivated', 'chat_transferred',
  'agent_created', 'agent_updated', 'agent_deleted', 'bot_created', 'bot_updated', 'bot_deleted', 'group_created', 'group_deleted',
]);

/**
 * `groups_status_updated`: after anything that may change who can take chats, recomputes every
 * group's availability and pushes the groups whose status changed — customers in their view
 * (`online` / `online_for_queue` / `offline`), agents in theirs (routing statuses) and only for
 * groups they have access to.
 *
 * NOTE: each node watches the whole fan-out and pushes to its own connections only, from its own
 * last known statuses, so several nodes never push twice. Recomputations for one license run one at
 * a time and start on the next turn of the event loop, so all the changes of one turn (a burst of
 * routing statuses, a chat that closes and moves its agent) cost one read; changes arriving during a
 * read are folded into one more run, which reads the state after them.
 */
export class GroupStatusPushes {
  readonly #last = new Map<number, Map<number, GroupAvailability>>();
  readonly #running = new Map<number, Promise<void>>();
  readonly #again = new Set<number>();
  #closed = false;

  constructor(
    private readonly read: (licenseId: number) => Promise<GroupAvailability[]>,
    private readonly registry: ConnectionRegistry,
    private readonly onError: (err: unknown) => void,
  ) {}

  /** Records the current statuses of a license, so that its first change is pushed too. */
  async prime(licenseId: number): Promise<void> {
    this.#last.set(licenseId, byId(await this.read(licenseId)));
  }

  observe(event: DomainEvent): void {
    if (this.#closed || event.kind === 'disconnect_user') return;
    // A change of an agent's groups moves group statuses like a routing status change does.
    if (event.kind !== 'agent_access_changed' && !AVAILABILITY_CHANGES.has(event.name)) return;
    const licenseId = event.licenseId;
    if (this.#running.has(licenseId)) {
      this.#again.add(licenseId);
      return;
    }
    this.#running.set(licenseId, this.#refreshUntilQuiet(licenseId));
  }

  /** Resolves when every recomputation started so far has finished. */
  async idle(): Promise<void> {
    while (this.#running.size > 0) await Promise.all(this.#running.values());
  }

  close(): void {
    this.#closed = true;
  }

  async #refreshUntilQuiet(licenseId: number): Promise<void> {
    try {
      do {
        await nextTurn();
        if (this.#closed) return;
        this.#again.delete(licenseId);
        await this.#refresh(licenseId);
      } while (this.#again.has(licenseId) && !this.#closed);
    } catch (err) {
      this.onError(err);
    } finally {
      // In the same turn as the last check above, so a change observed now starts a new run.
      this.#running.delete(licenseId);
    }
  }

  async #refresh(licenseId: number): Promise<void> {
    const now = byId(await this.read(licenseId));
    const before = this.#last.get(licenseId);
    this.#last.set(licenseId, now);
    // A license seen for the first time has no earlier statuses to compare with.
    if (!before || this.#closed) return;
    const forCustomers: { id: number; status: string }[] = [];
    const forAgents: { id: number; status: string }[] = [];
    for (const [id, g] of now) {
      const old = before.get(id);
      if (old?.customer !== g.customer) forCustomers.push({ id, status: g.customer });
      if (old?.agent !== g.agent) forAgents.push({ id, status: g.agent });
    }
    if (forCustomers.length === 0 && forAgents.length === 0) return;
    this.registry.pushToLicense(licenseId, 'groups_status_updated', (identity) => {
      if (identity.kind === 'customer') return forCustomers.length > 0 ? { groups: forCustomers } : undefined;
      const visible = forAgents.filter((g) => seesGroups(identity, [g.id]));
      return visible.length > 0 ? { groups: visible } : undefined;
    });
  }
}

function nextTurn(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

function byId(groups: GroupAvailability[]): Map<number, GroupAvailability> {
  return new Map(groups.map((g) => [g.id, g]));
}
