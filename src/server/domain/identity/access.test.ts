import { describe, expect, it } from 'vitest';
import type { AgentRecord } from '../model.js';
import { chatScopeOf, mayActAsBot, maySeeChat } from './access.js';

const agent = (over: Partial<AgentRecord>): AgentRecord => ({
  id: 'a', licenseId: 1, name: 'A', role: 'normal', isBot: false, maxChats: 6, groups: [{ id: 0, priority: 'normal' }],
  routingStatus: 'offline', loginStatus: 'accepting_chats', createdAt: 0, ...over,
});
const chat = (groupIds: number[]) => ({ id: 'c', licenseId: 1, customerId: 'x', access: { group_ids: groupIds }, properties: {}, createdAt: 0, lastThreadId: 't', lastThreadCreatedAt: 0, activeThreadId: 't' });

describe('access', () => {
  describe('mayActAsBot()', () => {
    const bot = agent({ id: 'b', isBot: true, ownerClientId: 'client-x' });
    it('allows the bot\'s own app and managers, nobody else (#11)', () => {
      expect(mayActAsBot(agent({}), bot, 'client-x')).toBe(true);
      expect(mayActAsBot(agent({ role: 'administrator' }), bot)).toBe(true);
      expect(mayActAsBot(agent({}), bot, 'client-y')).toBe(false);
      expect(mayActAsBot(agent({}), bot)).toBe(false);
      expect(mayActAsBot(agent({ role: 'owner', licenseId: 2 }), bot)).toBe(false);
      expect(mayActAsBot(agent({ role: 'owner' }), agent({ id: 'human' }))).toBe(false);
    });
  });

  describe('maySeeChat()', () => {
    it('reaches chats of the agent\'s groups or where it is present; managers reach all', () => {
      const sales = agent({ groups: [{ id: 1, priority: 'normal' }] });
      expect(maySeeChat(sales, chat([1, 2]), [])).toBe(true);
      expect(maySeeChat(sales, chat([0]), [])).toBe(false);
      expect(maySeeChat(sales, chat([0]), [{ chatId: 'c', userId: 'a', userType: 'agent', present: true, eventsSeenUpTo: 0, visibility: 'all' }])).toBe(true);
      expect(maySeeChat(sales, chat([0]), [{ chatId: 'c', userId: 'a', userType: 'agent', present: false, eventsSeenUpTo: 0, visibility: 'all' }])).toBe(false);
      expect(maySeeChat(agent({ role: 'viceowner', groups: [] }), chat([5]), [])).toBe(true);
    });
  });

  describe('chatScopeOf()', () => {
    it('gives list queries the agent\'s groups and id, and no filter for managers', () => {
      expect(chatScopeOf(agent({ groups: [{ id: 3, priority: 'first' }] }))).toEqual({ groupIds: [3], presentUserId: 'a' });
      expect(chatScopeOf(agent({ role: 'owner' }))).toBeUndefined();
    });
  });
});
