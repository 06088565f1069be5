import type { DomainEvent } from '../../domain/domainEvents.js';

/** What a logged-in connection is, as far as push delivery is concerned. */
export interface ConnectionIdentity {
  kind: 'customer' | 'agent';
  userId: string;
  licenseId: number;
  /** Agents: the groups whose chats they see; 'all' for owners and administrators. */
  agentGroups?: number[] | 'all';
}

/** The part of a connection the registry needs; the gateway's connection implements it. */
export interface PushTarget {
  readonly id: string;
  identity?: ConnectionIdentity;
  /** Written by the registry only: the last chat push delivered to this connection. */
  deliveryMark: number;
  /** `payloadJson`: `payload` already serialized, when the same payload goes to many connections. */
  push(name: string, payload: unknown, requestId?: string, payloadJson?: string): void;
  disconnect(reason: string, data?: Record<string, unknown>): void;
}

/** Logged-in connections by user and by license; turns domain events into pushes on this node. */
export class ConnectionRegistry {
  /** A user's one connection, or a Set once it has several (most customers have one: #16, bytes per idle connection). */
  readonly #byUser = new Map<string, PushTarget | Set<PushTarget>>();
  readonly #agentsByLicense = new Map<number, Set<PushTarget>>();
  readonly #customersByLicense = new Map<number, Set<PushTarget>>();
  /** Numbers chat pushes: a connection reached twice (as a chat user and through its groups) is marked, not collected in a Set (#16). */
  #deliveries = 0;

  add(conn: PushTarget): void {
    const id = conn.identity;
    if (!id) return;
    const had = this.#byUser.get(id.userId);
    if (had === undefined) this.#byUser.set(id.userId, conn);
    else if (had instanceof Set) had.add(conn);
    else if (had !== conn) this.#byUser.set(id.userId, new Set([had, conn]));
    addTo(id.kind === 'agent' ? this.#agentsByLicense : this.#customersByLicense, id.licenseId, conn);
  }

  remove(conn: PushTarget): void {
    const id = conn.identity;
    if (!id) return;
    const had = this.#byUser.get(id.userId);
    if (had === conn) this.#byUser.delete(id.userId);
    else if (had instanceof Set) {
      had.delete(conn);
      if (had.size === 1) this.#byUser.set(id.userId, had.values().next().value!);
    }
    removeFrom(id.kind === 'agent' ? this.#agentsByLicense : this.#customersByLicense, id.licenseId, conn);
  }

  /**
   * A node-local push to every logged-in connection of a license, rendered per connection
   * (`undefined`: nothing for that one). For state each node derives itself, such as group statuses.
   */
  pushToLicense(licenseId: number, name: string, payloadFor: (identity: ConnectionIdentity) => unknown): void {
    for (const set of [this.#agentsByLicense.get(licenseId), this.#customersByLicense.get(licenseId)]) {
      for (const c of set ?? []) {
        const payload = payloadFor(c.identity!);
        if (payload !== undefined) c.push(name, payload);
      }
    }
  }

  connectionsOf(userId: string): readonly PushTarget[] {
    return [...this.#of(userId)];
  }

  get size(): number {
    let n = 0;
    for (const held of this.#byUser.values()) n += held instanceof Set ? held.size : 1;
    return n;
  }

  /** Logged-in connections of each kind (metrics). */
  countByKind(): { customer: number; agent: number } {
    const counts = { customer: 0, agent: 0 };
    for (const held of this.#byUser.values()) {
      for (const c of held instanceof Set ? held : [held]) if (c.identity) counts[c.identity.kind] += 1;
    }
    return counts;
  }

  deliver(event: DomainEvent): void {
    switch (event.kind) {
      case 'chat_push': {
        const excluded = event.excludeUserIds?.length ? new Set(event.excludeUserIds) : NO_USERS;
        const mark = ++this.#deliveries;
        // Each view is stringified once, for the first connection that gets it.
        let agentJson: string | undefined;
        let customerJson: string | undefined;
        const reach = (c: PushTarget) => {
          if (c.deliveryMark === mark || c.identity?.licenseId !== event.licenseId) return;
          c.deliveryMark = mark;
          const isCustomer = c.identity.kind === 'customer';
          const payload = isCustomer ? event.customerPayload : event.agentPayload;
          if (payload === undefined) return;
          const json = isCustomer ? (customerJson ??= JSON.stringify(payload)) : (agentJson ??= JSON.stringify(payload));
          c.push(event.name, payload, event.origin?.connectionId === c.id ? event.origin.requestId : undefined, json);
        };
        for (const userId of event.userIds) {
          if (excluded.has(userId)) continue;
          // Read here rather than through #of: no array per recipient (#16, allocation per send_event).
          const held = this.#byUser.get(userId);
          if (held instanceof Set) for (const c of held) reach(c);
          else if (held !== undefined) reach(held);
        }
        if (event.agentGroups && event.agentGroups.length > 0) {
          for (const c of this.#agentsByLicense.get(event.licenseId) ?? []) {
            if (!excluded.has(c.identity!.userId) && seesGroups(c.identity!, event.agentGroups)) reach(c);
          }
        }
        return;
      }
      case 'user_push': {
        let json: string | undefined;
        for (const userId of event.userIds) {
          for (const c of this.#of(userId)) {
            if (c.id === event.excludeConnectionId) continue;
            if (c.identity?.licenseId === event.licenseId) c.push(event.name, event.payload, event.origin?.connectionId === c.id ? event.origin.requestId : undefined, json ??= JSON.stringify(event.payload));
          }
        }
        return;
      }
      case 'license_push': {
        let json: string | undefined;
        if (event.only === 'webhook') return;
        for (const c of this.#agentsByLicense.get(event.licenseId) ?? []) {
          if (event.agentGroups && !seesGroups(c.identity!, event.agentGroups)) continue;
          c.push(event.name, event.payload, event.origin?.connectionId === c.id ? event.origin.requestId : undefined, json ??= JSON.stringify(event.payload));
        }
        return;
      }
      case 'agent_access_changed':
        for (const c of this.#of(event.userId)) {
          if (c.identity?.licenseId === event.licenseId && c.identity.kind === 'agent') c.identity.agentGroups = event.agentGroups;
        }
        return;
      case 'disconnect_user':
        for (const c of [...this.#of(event.userId)]) {
          if (c.identity?.licenseId === event.licenseId) c.disconnect(event.reason, event.data);
        }
        return;
    }
  }

  #of(userId: string): Iterable<PushTarget> {
    const held = this.#byUser.get(userId);
    return held === undefined ? [] : held instanceof Set ? held : [held];
  }
}

/** The exclusions of a push that excludes nobody (most do: no Set per delivery). */
const NO_USERS: ReadonlySet<string> = new Set();

/** An agent connection sees chats of these groups: it has access to one of them (group 0: everyone). */
export function seesGroups(identity: ConnectionIdentity, groupIds: readonly number[]): boolean {
  const groups = identity.agentGroups;
  if (groups === 'all') return true;
  // Loops, not some() with a closure: this runs for every agent connection on every new chat (#16).
  for (let i = 0; groups !== undefined && i < groupIds.length; i++) if (groups.includes(groupIds[i]!)) return true;
  return false;
}

function addTo<K>(map: Map<K, Set<PushTarget>>, key: K, conn: PushTarget): void {
  let set = map.get(key);
  if (!set) map.set(key, (set = new Set()));
  set.add(conn);
}

function removeFrom<K>(map: Map<K, Set<PushTarget>>, key: K, conn: PushTarget): void {
  const set = map.get(key);
  if (!set) return;
  set.delete(conn);
  if (set.size === 0) map.delete(key);
}
