import type { Presence } from '../domain/ports.js';

/** Single-node presence: connection counts in memory. Nothing is ever lost to another node's death. */
export class InProcessPresence implements Presence {
  readonly #counts = new Map<number, Map<string, number>>();

  async connectionOpened(licenseId: number, userId: string): Promise<void> {
    let users = this.#counts.get(licenseId);
    if (!users) this.#counts.set(licenseId, (users = new Map()));
    users.set(userId, (users.get(userId) ?? 0) + 1);
  }

  async connectionClosed(licenseId: number, userId: string): Promise<boolean> {
    const users = this.#counts.get(licenseId);
    const left = (users?.get(userId) ?? 0) - 1;
    if (left > 0) {
      users!.set(userId, left);
      return false;
    }
    users?.delete(userId);
    return true;
  }

  async isConnected(licenseId: number, userId: string): Promise<boolean> {
    return (this.#counts.get(licenseId)?.get(userId) ?? 0) > 0;
  }

  async connectedUsers(licenseId: number): Promise<string[]> {
    return [...(this.#counts.get(licenseId)?.keys() ?? [])];
  }

  onLost(): () => void {
    return () => undefined;
  }

  async close(): Promise<void> {
    this.#counts.clear();
  }
}
