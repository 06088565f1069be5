import { describe, expect, it } from 'vitest';
import type { OutboxItem } from '../../rtm/Outbox.js';
import type { WidgetAction } from './actions.js';
import { initialWidgetData, type WidgetData } from './model.js';
import { reduce } from './reduce.js';
import { agentsSeenUpTo } from '../../chat/users.js';
import { activeChatsCount, unreadCount } from './selectors.js';
import { CUSTOMER_ID, agent, at, chat, customer, message, summary, thread } from './testData.js';

function run(...actions: WidgetAction[]): WidgetData {
  return actions.reduce(reduce, initialWidgetData());
}

const login: WidgetAction = {
  type: 'login',
  response: { customer: { ...customer, statistics: { chats_count: 0, threads_count: 0, visits_count: 1, page_views_count: 0, greetings_shown_count: 0, greetings_accepted_count: 0 } }, has_active_thread: false, chats: [], __priv_dynamic_config: { online_groups_ids: [0] } },
};

function outboxItem(customId: string, chatId: string, text: string, status: OutboxItem['status'] = 'queued', createdAt = 1): OutboxItem {
  return { customId, chatId, event: { type: 'message', text, custom_id: customId }, createdAt, status };
}

describe('reduce', () => {
  describe('connection', () => {
    it('records the named state and the reason', () => {
      const data = run({ type: 'connection', status: 'disconnected', reason: 'customer_banned' });
      expect(data.connection).toEqual({ status: 'disconnected', reason: 'customer_banned' });
    });
  });

  describe('login', () => {
    it('stores the customer and reads groups offline from an empty online list', () => {
      const data = run({ ...login, response: { ...login.response, __priv_dynamic_config: { online_groups_ids: [] } } } as WidgetAction);
      expect(data.customer?.id).toBe(CUSTOMER_ID);
      expect(data.groupsOffline).toBe(true);
    });

    it('reads groups offline from a dynamic config without online_groups_ids, as the server sends it when nobody is available (#15)', () => {
      expect(run({ ...login, response: { ...login.response, __priv_dynamic_config: {} } } as WidgetAction).groupsOffline).toBe(true);
      expect(run(login).groupsOffline).toBe(false);
    });
  });

  describe('chatSummaries', () => {
    it('creates chats with topic, active flag and last event, ordered by activity, and marks the store synced', () => {
      const t1 = thread('T1', 0, [], true);
      const t2 = thread('T2', 10, [], false);
      const data = run(login, { type: 'chatSummaries', summaries: [summary('A', t1, message('T1_1', 5, 'old')), summary('B', t2, message('T2_1', 20, 'new'), 'Billing')] });
      expect(data.chatOrder).toEqual(['B', 'A']);
      expect(data.chats.B).toMatchObject({ topic: 'Billing', active: false });
      expect(data.chats.B?.lastEvent?.id).toBe('T2_1');
      expect(data.chats.A?.threadOrder).toEqual(['T1']);
      expect(data.synced).toBe(true);
    });
  });

  describe('threads', () => {
    it('merges threads by event id with no duplicate and keeps events in time order', () => {
      const t1 = thread('T1', 0, [message('T1_1', 1, 'a'), message('T1_2', 2, 'b')]);
      const t2 = thread('T2', 10, [message('T2_1', 11, 'c')], true);
      const data = run(
        { type: 'threads', chatId: 'A', threads: [t2], reachedOldest: false },
        { type: 'threads', chatId: 'A', threads: [t2, t1], reachedOldest: true },
        { type: 'incomingEvent', payload: { chat_id: 'A', thread_id: 'T2', event: message('T2_1', 11, 'c') } },
      );
      const chatA = data.chats.A!;
      expect(chatA.eventOrder).toEqual(['T1_1', 'T1_2', 'T2_1']);
      expect(chatA.threadOrder).toEqual(['T1', 'T2']);
      expect(chatA.active).toBe(true);
      expect(chatA.hasOlder).toBe(false);
      expect(chatA.events.T1_1?.thread_id).toBe('T1');
    });
  });

  describe('incomingChat', () => {
    it('adds a new chat with its first thread, users and topic', () => {
      const data = run({ type: 'incomingChat', chat: chat('C', thread('T1', 0, [message('T1_1', 1, 'hello', CUSTOMER_ID)], true), 'Orders') });
      expect(data.chats.C).toMatchObject({ topic: 'Orders', active: true, eventOrder: ['T1_1'] });
      expect(data.chats.C?.users[agent.id]?.type).toBe('agent');
      expect(data.chatOrder).toEqual(['C']);
    });

    it('adds a resumed thread to a known chat and makes it active again', () => {
      const data = run(
        { type: 'incomingChat', chat: chat('C', thread('T1', 0, [message('T1_1', 1, 'a')], true)) },
        { type: 'chatDeactivated', payload: { chat_id: 'C', thread_id: 'T1' } },
        { type: 'incomingChat', chat: chat('C', thread('T2', 100, [], true, { previous_thread_id: 'T1' })) },
      );
      expect(data.chats.C?.active).toBe(true);
      expect(data.chats.C?.threadOrder).toEqual(['T1', 'T2']);
      expect(data.chats.C?.threads.T1?.active).toBe(false);
    });
  });

  describe('incomingEvent', () => {
    it('appends to the right chat only, moves that chat to the top and clears the typing flag', () => {
      const data = run(
        login,
        { type: 'incomingChat', chat: chat('A', thread('TA', 0, [], true)) },
        { type: 'incomingChat', chat: chat('B', thread('TB', 5, [], true)) },
        { type: 'typing', payload: { chat_id: 'A', thread_id: 'TA', typing_indicator: { author_id: agent.id, timestamp: 1, is_typing: true } } },
        { type: 'incomingEvent', payload: { chat_id: 'A', thread_id: 'TA', event: message('TA_1', 50, 'for A') } },
      );
      expect(data.chats.A?.eventOrder).toEqual(['TA_1']);
      expect(data.chats.B?.eventOrder).toEqual([]);
      expect(data.chatOrder).toEqual(['A', 'B']);
      expect(data.typing.A).toBe(false);
    });

    it('replaces an event updated by id (event_updated)', () => {
      const data = run(
        { type: 'incomingEvent', payload: { chat_id: 'A', thread_id: 'T', event: message('T_1', 1, 'v1') } },
        { type: 'incomingEvent', payload: { chat_id: 'A', thread_id: 'T', event: message('T_1', 1, 'v2') } },
      );
      expect(data.chats.A?.eventOrder).toEqual(['T_1']);
      expect(data.chats.A?.events.T_1).toMatchObject({ text: 'v2' });
    });
  });

  describe('chatDeactivated', () => {
    it('marks the chat and its thread inactive and drops the queue', () => {
      const data = run(
        { type: 'incomingChat', chat: chat('A', thread('T', 0, [], true, { queue: { position: 2, wait_time: 30 } })) },
        { type: 'chatDeactivated', payload: { chat_id: 'A', thread_id: 'T' } },
      );
      expect(data.chats.A?.active).toBe(false);
      expect(data.chats.A?.threads.T?.active).toBe(false);
      expect(data.chats.A?.threads.T?.queue).toBeUndefined();
    });
  });

  describe('users', () => {
    it('adds an agent and keeps a removed one (not present) for old messages', () => {
      const other = { id: 'bot', type: 'agent' as const, name: 'Helper bot' };
      let data = run({ type: 'incomingChat', chat: chat('A', thread('T', 0, [], true)) }, { type: 'userAdded', payload: { chat_id: 'A', user: other, reason: 'manual' } });
      expect(data.chats.A?.users.bot).toMatchObject({ name: 'Helper bot', present: true });
      data = reduce(data, { type: 'userRemoved', payload: { chat_id: 'A', user_id: 'bot', reason: 'manual' } });
      expect(data.chats.A?.users.bot).toMatchObject({ name: 'Helper bot', present: false });
    });
  });

  describe('chat properties', () => {
    it('updates and deletes the topic', () => {
      let data = run({ type: 'incomingChat', chat: chat('A', thread('T', 0, [], true), 'Old') });
      data = reduce(data, { type: 'chatPropertiesUpdated', payload: { chat_id: 'A', properties: { switchboard: { topic: 'New' } } } });
      expect(data.chats.A?.topic).toBe('New');
      data = reduce(data, { type: 'chatPropertiesDeleted', payload: { chat_id: 'A', properties: { switchboard: ['topic'] } } });
      expect(data.chats.A?.topic).toBeUndefined();
    });
  });

  describe('typing', () => {
    it('ignores the customer\'s own indicator', () => {
      const data = run(login, { type: 'typing', payload: { chat_id: 'A', thread_id: 'T', typing_indicator: { author_id: CUSTOMER_ID, timestamp: 1, is_typing: true } } });
      expect(data.typing.A).toBeUndefined();
    });
  });

  describe('eventsSeen and unread counts', () => {
    it('counts agent events newer than the customer\'s events_seen_up_to, and seen never moves back', () => {
      let data = run(login, { type: 'incomingChat', chat: chat('A', thread('T', 0, [message('T_1', 1, 'a'), message('T_2', 2, 'b'), message('T_3', 3, 'mine', CUSTOMER_ID)], true)) });
      expect(unreadCount(data.chats.A!, CUSTOMER_ID)).toBe(2);
      data = reduce(data, { type: 'eventsSeen', payload: { user_id: CUSTOMER_ID, chat_id: 'A', seen_up_to: at(1) } });
      expect(unreadCount(data.chats.A!, CUSTOMER_ID)).toBe(1);
      data = reduce(data, { type: 'eventsSeen', payload: { user_id: CUSTOMER_ID, chat_id: 'A', seen_up_to: at(0) } });
      expect(data.chats.A?.users[CUSTOMER_ID]?.events_seen_up_to).toBe(at(1));
      data = reduce(data, { type: 'eventsSeen', payload: { user_id: agent.id, chat_id: 'A', seen_up_to: at(3) } });
      expect(agentsSeenUpTo(data.chats.A!)).toBe(at(3));
    });
  });

  describe('queue', () => {
    it('updates the queue position of the thread', () => {
      const data = run(
        { type: 'incomingChat', chat: chat('A', thread('T', 0, [], true, { queue: { position: 3, wait_time: 90 } })) },
        { type: 'queue', payload: { chat_id: 'A', thread_id: 'T', queue: { position: 1, wait_time: 20 } } },
      );
      expect(data.chats.A?.threads.T?.queue).toEqual({ position: 1, wait_time: 20 });
    });
  });

  describe('groupsStatus', () => {
    it('is offline only when every group is offline', () => {
      expect(run({ type: 'groupsStatus', payload: { groups: [{ id: 0, status: 'offline' }] } }).groupsOffline).toBe(true);
      expect(run({ type: 'groupsStatus', payload: { groups: [{ id: 0, status: 'offline' }, { id: 1, status: 'online_for_queue' }] } }).groupsOffline).toBe(false);
    });
  });

  describe('customerUpdated', () => {
    it('merges changed fields into the customer', () => {
      const data = run(login, { type: 'customerUpdated', payload: { id: CUSTOMER_ID, name: 'Grace' } });
      expect(data.customer?.name).toBe('Grace');
    });
  });

  describe('outgoing messages', () => {
    it('mirrors the outbox as sending/failed, in the order written', () => {
      const data = run({ type: 'outbox', items: [outboxItem('b', 'A', 'second', 'queued', 2), outboxItem('a', 'A', 'first', 'failed', 1)] });
      expect(data.outgoingOrder).toEqual(['a', 'b']);
      expect(data.outgoing.a).toMatchObject({ status: 'failed' });
      expect(data.outgoing.b).toMatchObject({ status: 'sending' });
    });

    it('keeps a confirmed message as sent until its event arrives, then drops it (no duplicate)', () => {
      let data = run({ type: 'outbox', items: [outboxItem('x', 'A', 'hi', 'sending')] });
      data = reduce(data, { type: 'outgoingSent', result: { customId: 'x', chatId: 'A', eventId: 'T_1' } });
      data = reduce(data, { type: 'outbox', items: [] });
      expect(data.outgoing.x).toMatchObject({ status: 'sent', eventId: 'T_1' });
      data = reduce(data, { type: 'incomingEvent', payload: { chat_id: 'A', thread_id: 'T', event: message('T_1', 1, 'hi', CUSTOMER_ID, { custom_id: 'x' }) } });
      expect(data.outgoing).toEqual({});
      expect(data.outgoingOrder).toEqual([]);
    });

    it('does not show an item again when its event arrived before the outbox let go of it', () => {
      let data = run({ type: 'incomingEvent', payload: { chat_id: 'A', thread_id: 'T', event: message('T_1', 1, 'hi', CUSTOMER_ID, { custom_id: 'x' }) } });
      data = reduce(data, { type: 'outbox', items: [outboxItem('x', 'A', 'hi', 'sending'), outboxItem('y', 'A', 'next')] });
      expect(data.outgoingOrder).toEqual(['y']);
      data = reduce(data, { type: 'outgoingSent', result: { customId: 'x', chatId: 'A', eventId: 'T_1' } });
      expect(data.outgoing.x).toBeUndefined();
    });
  });

  describe('selectChat', () => {
    it('keeps the same state object when selecting the selected chat', () => {
      const data = run({ type: 'selectChat', chatId: 'A' });
      expect(reduce(data, { type: 'selectChat', chatId: 'A' })).toBe(data);
    });
  });

  describe('selectors', () => {
    it('counts active chats', () => {
      const data = run({ type: 'incomingChat', chat: chat('A', thread('T', 0, [], true)) }, { type: 'incomingChat', chat: chat('B', thread('U', 0, [], false)) });
      expect(activeChatsCount(data)).toBe(1);
    });
  });
});
