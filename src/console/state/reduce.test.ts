import { describe, expect, it } from 'vitest';
import { initialConsoleData, type ConsoleData } from './model.js';
import { reduce } from './reduce.js';
import { badgeCount, customerName, lastMessage, myChats, queuedChats, topicOf, unreadCount, waitingSince } from './selectors.js';
import { agent, at, chat, CUSTOMER, customer, ME, message, profile, summary, thread } from './testData.js';

function loggedIn(...actions: Parameters<typeof reduce>[1][]): ConsoleData {
  let data = reduce(initialConsoleData(), { type: 'login', response: { license: {} as never, my_profile: profile(), chats_summary: [] } });
  for (const action of actions) data = reduce(data, action);
  return data;
}

describe('reduce', () => {
  describe('login', () => {
    it('takes the profile and routing status and lists the summary chats', () => {
      const data = reduce(initialConsoleData(), {
        type: 'login',
        response: { license: {} as never, my_profile: profile({ routing_status: 'not_accepting_chats' }), chats_summary: [summary('C1', [customer(), agent()], message('T1_1', 5))] },
      });
      expect(data.me?.id).toBe(ME);
      expect(data.routingStatus).toBe('not_accepting_chats');
      expect(myChats(data).map((c) => c.id)).toEqual(['C1']);
      expect(lastMessage(data.chats.C1!)?.id).toBe('T1_1');
    });

    it('drops chats the new login no longer lists, except the open one', () => {
      let data = loggedIn({ type: 'incomingChat', payload: { chat: chat('GONE', [customer()], thread('T1', [])) } }, { type: 'incomingChat', payload: { chat: chat('OPEN', [customer()], thread('T2', [])) } });
      data = reduce(data, { type: 'selectChat', chatId: 'OPEN' });
      data = reduce(data, { type: 'login', response: { license: {} as never, my_profile: profile(), chats_summary: [] } });
      expect(Object.keys(data.chats)).toEqual(['OPEN']);
    });
  });

  describe('incomingChat', () => {
    it('puts an unassigned active chat in the queue with its topic and customer', () => {
      const data = loggedIn({ type: 'incomingChat', payload: { chat: chat('C1', [customer('Neo')], thread('T1', [message('T1_1', 1)]), 'Billing') } });
      const [queued] = queuedChats(data);
      expect(queued?.id).toBe('C1');
      expect(topicOf(queued!)).toBe('Billing');
      expect(customerName(queued!)).toBe('Neo');
      expect(myChats(data)).toEqual([]);
    });
  });

  describe('userAdded / userRemoved', () => {
    it('moves a chat from the queue to my chats when I join, and out again on transfer', () => {
      let data = loggedIn({ type: 'incomingChat', payload: { chat: chat('C1', [customer()], thread('T1', [message('T1_1', 1)])) } });
      data = reduce(data, { type: 'userAdded', payload: { chat_id: 'C1', thread_id: 'T1', user: agent(), reason: 'manual' } });
      expect(myChats(data).map((c) => c.id)).toEqual(['C1']);
      expect(queuedChats(data)).toEqual([]);
      data = reduce(data, { type: 'userRemoved', payload: { chat_id: 'C1', thread_id: 'T1', user_id: ME, reason: 'chat_transferred' } });
      expect(myChats(data)).toEqual([]);
    });
  });

  describe('incomingEvent', () => {
    it('adds the event in created_at order and clears the sneak peek of its author', () => {
      let data = loggedIn({ type: 'incomingChat', payload: { chat: chat('C1', [customer(), agent()], thread('T1', [message('T1_2', 2)])) } });
      data = reduce(data, { type: 'sneakPeek', payload: { chat_id: 'C1', thread_id: 'T1', sneak_peek: { author_id: CUSTOMER, text: 'Hel', timestamp: 1 } } });
      expect(data.chats.C1?.sneakPeek).toBe('Hel');
      data = reduce(data, { type: 'incomingEvent', payload: { chat_id: 'C1', thread_id: 'T1', event: message('T1_3', 3, CUSTOMER, 'Hello') } });
      data = reduce(data, { type: 'incomingEvent', payload: { chat_id: 'C1', thread_id: 'T1', event: message('T1_1', 1) } });
      expect(data.chats.C1?.eventOrder).toEqual(['T1_1', 'T1_2', 'T1_3']);
      expect(data.chats.C1?.sneakPeek).toBeUndefined();
      expect(data.chats.C1?.typing).toBe(false);
    });

    it('counts unread messages from others after my events_seen_up_to, and events_marked_as_seen clears them', () => {
      let data = loggedIn({ type: 'incomingChat', payload: { chat: chat('C1', [customer(), agent(ME, at(1))], thread('T1', [message('T1_1', 1)])) } });
      data = reduce(data, { type: 'incomingEvent', payload: { chat_id: 'C1', thread_id: 'T1', event: message('T1_2', 2) } });
      data = reduce(data, { type: 'incomingEvent', payload: { chat_id: 'C1', thread_id: 'T1', event: message('T1_3', 3, ME) } });
      data = reduce(data, { type: 'incomingEvent', payload: { chat_id: 'C1', thread_id: 'T1', event: message('T1_4', 4) } });
      expect(unreadCount(data.chats.C1!, ME)).toBe(2);
      expect(badgeCount(data)).toBe(2);
      data = reduce(data, { type: 'eventsSeen', payload: { chat_id: 'C1', user_id: ME, seen_up_to: at(4) } });
      expect(unreadCount(data.chats.C1!, ME)).toBe(0);
    });
  });

  describe('threads', () => {
    it('merges older threads and remembers the page to continue from', () => {
      let data = loggedIn({ type: 'incomingChat', payload: { chat: chat('C1', [customer()], thread('T2', [message('T2_1', 20)])) } });
      data = reduce(data, { type: 'threads', chatId: 'C1', threads: [thread('T1', [message('T1_1', 1)], { active: false })], olderPageId: 'P2' });
      expect(data.chats.C1?.eventOrder).toEqual(['T1_1', 'T2_1']);
      expect(data.chats.C1?.threadOrder).toEqual(['T1', 'T2']);
      expect(data.chats.C1?.active).toBe(true);
      expect(data.chats.C1?.history).toEqual({ status: 'partial', olderPageId: 'P2' });
      data = reduce(data, { type: 'threads', chatId: 'C1', threads: [], olderPageId: undefined });
      expect(data.chats.C1?.history.status).toBe('complete');
    });
  });

  describe('chatDeactivated', () => {
    it('takes the chat out of every list and stops typing', () => {
      let data = loggedIn({ type: 'incomingChat', payload: { chat: chat('C1', [customer(), agent()], thread('T1', [message('T1_1', 1)])) } });
      data = reduce(data, { type: 'typing', payload: { chat_id: 'C1', thread_id: 'T1', typing_indicator: { author_id: CUSTOMER, timestamp: 1, is_typing: true } } });
      expect(data.chats.C1?.typing).toBe(true);
      data = reduce(data, { type: 'chatDeactivated', payload: { chat_id: 'C1', thread_id: 'T1' } });
      expect(myChats(data)).toEqual([]);
      expect(queuedChats(data)).toEqual([]);
      expect(data.chats.C1?.typing).toBe(false);
    });
  });

  describe('typing', () => {
    it('ignores my own typing indicator', () => {
      const data = loggedIn({ type: 'incomingChat', payload: { chat: chat('C1', [customer(), agent()], thread('T1', [])) } });
      expect(reduce(data, { type: 'typing', payload: { chat_id: 'C1', thread_id: 'T1', typing_indicator: { author_id: ME, timestamp: 1, is_typing: true } } })).toBe(data);
    });
  });

  describe('routingStatus', () => {
    it('follows pushes about me and ignores other agents', () => {
      let data = loggedIn({ type: 'routingStatus', agentId: 'other@example.com', status: 'not_accepting_chats' });
      expect(data.routingStatus).toBe('accepting_chats');
      data = reduce(data, { type: 'routingStatus', agentId: ME, status: 'not_accepting_chats' });
      expect(data.routingStatus).toBe('not_accepting_chats');
    });
  });

  describe('threadTagged', () => {
    it('adds a tag once and removes it on untag', () => {
      let data = loggedIn({ type: 'incomingChat', payload: { chat: chat('C1', [customer()], thread('T1', [])) } });
      const payload = { chat_id: 'C1', thread_id: 'T1', tag: 'vip' };
      data = reduce(reduce(data, { type: 'threadTagged', payload, tagged: true }), { type: 'threadTagged', payload, tagged: true });
      expect(data.chats.C1?.threads.T1?.tags).toEqual(['vip']);
      data = reduce(data, { type: 'threadTagged', payload, tagged: false });
      expect(data.chats.C1?.threads.T1?.tags).toEqual([]);
    });
  });

  describe('customerBanned / customerUpdated', () => {
    it('records the ban and renames the customer in every chat', () => {
      let data = loggedIn({ type: 'incomingChat', payload: { chat: chat('C1', [customer('Old')], thread('T1', [])) } });
      data = reduce(data, { type: 'customerBanned', payload: { customer_id: CUSTOMER, ban: { days: 1 } } });
      data = reduce(data, { type: 'customerUpdated', payload: { id: CUSTOMER, name: 'New' } });
      expect(data.banned[CUSTOMER]).toBe(1);
      expect(customerName(data.chats.C1!)).toBe('New');
    });
  });

  describe('pushes about unknown chats', () => {
    it('are ignored rather than creating empty chats', () => {
      const data = loggedIn();
      expect(reduce(data, { type: 'userRemoved', payload: { chat_id: 'NOPE', user_id: ME, reason: 'x' } })).toBe(data);
      expect(reduce(data, { type: 'chatDeactivated', payload: { chat_id: 'NOPE', thread_id: 'T' } })).toBe(data);
    });
  });
});

describe('waitingSince', () => {
  it('is the first of the customer trailing messages after the last agent reply', () => {
    let data = loggedIn({ type: 'incomingChat', payload: { chat: chat('C1', [customer(), agent()], thread('T1', [message('T1_1', 1), message('T1_2', 2, ME)])) } });
    expect(waitingSince(data.chats.C1!)).toBeUndefined();
    data = reduce(data, { type: 'incomingEvent', payload: { chat_id: 'C1', thread_id: 'T1', event: message('T1_3', 3) } });
    data = reduce(data, { type: 'incomingEvent', payload: { chat_id: 'C1', thread_id: 'T1', event: message('T1_4', 4) } });
    expect(waitingSince(data.chats.C1!)).toBe(at(3));
  });
});
