import { describe, expect, it } from 'vitest';
import { memoryStorage } from '../rtm/storage.js';
import { fakeSocketFactory } from '../rtm/testing/FakeSocket.js';
import { createSwitchboard, rtmUrl } from './createSwitchboard.js';

describe('createSwitchboard', () => {
  describe('rtmUrl()', () => {
    it('maps http(s) to ws(s), keeps a base path and adds the organization id', () => {
      expect(rtmUrl('https://chat.example.com', 'org 1')).toBe('wss://chat.example.com/v3.5/customer/rtm/ws?organization_id=org%201');
      expect(rtmUrl('http://127.0.0.1:8080/switchboard/', 'o')).toBe('ws://127.0.0.1:8080/switchboard/v3.5/customer/rtm/ws?organization_id=o');
      expect(() => rtmUrl('ftp://x', 'o')).toThrow(/http/);
    });
  });

  describe('createSwitchboard()', () => {
    it('fails fast on missing config', () => {
      expect(() => createSwitchboard({ apiUrl: 'http://h', organizationId: '', clientId: 'c' })).toThrow(/organizationId is required/);
      expect(() => createSwitchboard({ apiUrl: '', organizationId: 'o', clientId: 'c' })).toThrow(/apiUrl is required/);
    });

    it('gives each instance its own store and socket, connects on start() and cleans up on dispose()', () => {
      const sockets = fakeSocketFactory();
      const config = { apiUrl: 'http://h', organizationId: 'o', clientId: 'c', storage: memoryStorage(), socketFactory: sockets, connectivityHints: null, topicSuggestions: ['Billing'] };
      const first = createSwitchboard(config);
      const second = createSwitchboard({ ...config, storage: memoryStorage() });
      expect(first.store).not.toBe(second.store);
      expect(first.options.topicSuggestions).toEqual(['Billing']);
      first.start();
      first.start();
      expect(sockets.sockets).toHaveLength(1);
      expect(sockets.last().url).toBe('ws://h/v3.5/customer/rtm/ws?organization_id=o');
      expect(first.store.getState().connection.status).toBe('connecting');
      first.dispose();
      first.dispose();
      expect(sockets.last().readyState).toBe(3);
      first.start();
      expect(sockets.sockets).toHaveLength(1);
      second.dispose();
    });
  });
});
