import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Presence } from '../domain/ports.js';

/** The behaviour every Presence adapter shows on one node; each adapter's test calls it with its factory. */
export function describePresence(name: string, make: () => Promise<Presence>): void {
  describe(`${name} (Presence contract)`, () => {
    let presence: Presence;
    beforeEach(async () => { presence = await make(); });
    afterEach(async () => { await presence.close(); });

    describe('connectionOpened()', () => {
      it('makes the user connected and listed in its license only', async () => {
        await presence.connectionOpened(1, 'a@example.com');
        expect(await presence.isConnected(1, 'a@example.com')).toBe(true);
        expect(await presence.isConnected(2, 'a@example.com')).toBe(false);
        expect(await presence.connectedUsers(1)).toEqual(['a@example.com']);
        expect(await presence.connectedUsers(2)).toEqual([]);
      });

      it('lists a user with several connections once', async () => {
        await presence.connectionOpened(1, 'a@example.com');
        await presence.connectionOpened(1, 'a@example.com');
        await presence.connectionOpened(1, 'b@example.com');
        expect((await presence.connectedUsers(1)).sort()).toEqual(['a@example.com', 'b@example.com']);
      });
    });

    describe('connectionClosed()', () => {
      it('keeps the user connected until its last connection closes, and says when that happened', async () => {
        await presence.connectionOpened(1, 'a@example.com');
        await presence.connectionOpened(1, 'a@example.com');
        expect(await presence.connectionClosed(1, 'a@example.com')).toBe(false);
        expect(await presence.isConnected(1, 'a@example.com')).toBe(true);
        expect(await presence.connectionClosed(1, 'a@example.com')).toBe(true);
        expect(await presence.isConnected(1, 'a@example.com')).toBe(false);
        expect(await presence.connectedUsers(1)).toEqual([]);
      });
    });

    describe('close()', () => {
      it('can be called twice', async () => {
        await presence.close();
        await expect(presence.close()).resolves.toBeUndefined();
      });
    });
  });
}
