import { describe, expect, it } from 'vitest';
import { createDesktopNotifier, type NotificationApi } from './desktop.js';

/** A stand-in for the browser's Notification class: records what was shown. */
function fakeNotifications(permission: 'default' | 'granted' | 'denied', answer: 'granted' | 'denied' = 'granted') {
  const shown: { title: string; body?: string; tag?: string; click(): void; closed: boolean }[] = [];
  class FakeNotification {
    static permission = permission;
    static async requestPermission() {
      FakeNotification.permission = answer;
      return answer;
    }
    onclick: ((event: unknown) => void) | null = null;
    closed = false;
    constructor(title: string, options: { body?: string; tag?: string } = {}) {
      const entry = { title, ...options, closed: false, click: () => this.onclick?.({}) };
      shown.push(entry);
      this.close = () => void (entry.closed = true);
    }
    close() {}
  }
  return { api: FakeNotification as unknown as NotificationApi, shown };
}

describe('createDesktopNotifier', () => {
  describe('show()', () => {
    it('shows nothing until the agent allows it, then one notification per chat whose click opens it (#14)', async () => {
      const { api, shown } = fakeNotifications('default');
      const desktop = createDesktopNotifier(() => api);
      const opened: string[] = [];
      desktop.show('C1', 'New chat from Maria', 'Hello', () => opened.push('C1'));
      expect(shown).toEqual([]);
      await desktop.requestPermission();
      expect(desktop.state()).toBe('granted');
      desktop.show('C1', 'New chat from Maria', 'Hello', () => opened.push('C1'));
      expect(shown.map(({ title, body, tag }) => ({ title, body, tag }))).toEqual([{ title: 'New chat from Maria', body: 'Hello', tag: 'switchboard-chat-C1' }]);
      shown[0]!.click();
      expect(opened).toEqual(['C1']);
      expect(shown[0]!.closed).toBe(true);
    });

    it('respects a refusal and browsers without notifications', async () => {
      const { api, shown } = fakeNotifications('default', 'denied');
      const desktop = createDesktopNotifier(() => api);
      await desktop.requestPermission();
      desktop.show('C1', 't', 'b', () => undefined);
      expect(shown).toEqual([]);
      expect(desktop.state()).toBe('denied');
      expect(createDesktopNotifier(() => undefined).state()).toBe('unsupported');
    });
  });
});
