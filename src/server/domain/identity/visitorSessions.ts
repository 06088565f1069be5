import type { Presence } from '../ports.js';
import type { Visitors } from './visitors.js';

/**
 * Which customers are online for visitor monitoring, cluster-wide: each node reports its customer
 * connections to a Presence of their own (not the agents'), so a customer is online while it has a
 * logged-in RTM connection on any node. Agents hear `incoming_customer` when a customer's first
 * connection anywhere logs in and `customer_left` when its last one anywhere closes.
 *
 * A draining node does not report the connections it closes: they stay in Presence until the node's
 * heartbeat stops and they expire. A customer that logs in on another node meanwhile (it was told to
 * reconnect elsewhere) never left; one that does not is reported lost by Presence, and left then.
 */
export class VisitorSessions {
  readonly #stopLost: () => void;
  #draining = false;

  constructor(private readonly visitors: Visitors, private readonly presence: Presence) {
    this.#stopLost = presence.onLost((licenseId, customerId) => void this.visitors.left(licenseId, customerId).catch(() => undefined));
  }

  /** Whether a customer logging in now arrives (no connection anywhere), to be asked before `opened`. */
  async arriving(licenseId: number, customerId: string): Promise<boolean> {
    return !(await this.presence.isConnected(licenseId, customerId));
  }

  /** A customer connection logged in on this node. */
  opened(licenseId: number, customerId: string): Promise<void> {
    return this.presence.connectionOpened(licenseId, customerId);
  }

  /** A customer connection of this node closed: `customer_left` when it was the last anywhere. */
  async closed(licenseId: number, customerId: string): Promise<void> {
    if (this.#draining) return;
    if (await this.presence.connectionClosed(licenseId, customerId)) await this.visitors.left(licenseId, customerId);
  }

  /** Customers online on any node (the `incoming_customers` an agent gets at login). */
  online(licenseId: number): Promise<string[]> {
    return this.presence.connectedUsers(licenseId);
  }

  /** The node is going away: from now on its closing connections expire with its presence. */
  draining(): void {
    this.#draining = true;
  }

  close(): void {
    this.#stopLost();
  }
}
