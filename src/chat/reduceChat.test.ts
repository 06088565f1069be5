import { describe, expect, it } from 'vitest';
import { mergeThreads } from './threads.js';
import { emptyChatCore, type ChatCore } from './model.js';
import { reduceChat, type ChatAction } from './reduceChat.js';
import { AGENT_ID, CUSTOMER_ID, agentUser, at, customerUser, messageEvent, wireThread } from './testData.js';
import { unreadCount } from './unread.js';

function run(chat: ChatCore, ...actions: ChatAction[]): ChatCore {
  return actions.reduce(reduceChat, chat);
}

const withUsers = (): ChatCore => ({ ...emptyChatCore('C1'), users: { [CUSTOMER_ID]: customerUser, [AGENT_ID]: agentUser } });

describe('reduceChat', () => {
  describe('threads', () => {
    it('merges threads by event id with no duplicate, events in time order and threads oldest first', () => {
      const older = wireThread('T1', 0, [messageEvent('E1', 1, CUSTOMER_ID), messageEvent('E2', 2, AGENT_ID)]);
      const newer = wireThread('T2', 100, [messageEvent('E3', 101, CUSTOMER_ID)], true);
      const chat = run(emptyChatCore('C1'), { type: 'threads', threads: [newer] }, { type: 'threads', threads: [older, newer] });
      expect(chat.eventOrder).toEqual(['E1', 'E2', 'E3']);
      expect(chat.threadOrder).toEqual(['T1', 'T2']);
      expect(chat.active).toBe(true);
      expect(chat.lastEvent?.id).toBe('E3');
      expect(chat.lastActivityAt).toBe(at(101));
    });

    it('keeps the chat active state of the newest thread when an older page arrives', () => {
      const chat = run(emptyChatCore('C1'), { type: 'threads', threads: [wireThread('T2', 100, [], true)] }, { type: 'threads', threads: [wireThread('T1', 0, [], false)] });
      expect(chat.active).toBe(true);
    });
  });

  describe('event', () => {
    it('replaces an event updated by id and returns the same chat for an identical one', () => {
      const first = run(emptyChatCore('C1'), { type: 'event', threadId: 'T1', event: messageEvent('E1', 1, AGENT_ID, 'draft') });
      const updated = reduceChat(first, { type: 'event', threadId: 'T1', event: messageEvent('E1', 1, AGENT_ID, 'final') });
      expect(updated.eventOrder).toEqual(['E1']);
      expect(updated.events.E1).toMatchObject({ text: 'final', thread_id: 'T1' });
      expect(reduceChat(updated, { type: 'event', threadId: 'T1', event: messageEvent('E1', 1, AGENT_ID, 'final') })).toBe(updated);
    });

    it('sorts an event older than the newest one into place', () => {
      const chat = run(emptyChatCore('C1'), { type: 'event', threadId: 'T1', event: messageEvent('E2', 2, AGENT_ID) }, { type: 'event', threadId: 'T1', event: messageEvent('E1', 1, AGENT_ID) });
      expect(chat.eventOrder).toEqual(['E1', 'E2']);
      expect(chat.lastEvent?.id).toBe('E2');
    });
  });

  describe('deactivated', () => {
    it('ends the thread, drops its queue and makes the chat inactive when it was the newest thread', () => {
      const queued = wireThread('T1', 0, [], true, { queue: { position: 2, wait_time: 30, queued_at: at(0) } });
      const chat = run(emptyChatCore('C1'), { type: 'threads', threads: [queued] }, { type: 'deactivated', threadId: 'T1' });
      expect(chat.active).toBe(false);
      expect(chat.threads.T1?.active).toBe(false);
      expect(chat.threads.T1?.queue).toBeUndefined();
    });

    it('leaves the chat active when an older thread ends', () => {
      const chat = run(emptyChatCore('C1'), { type: 'threads', threads: [wireThread('T1', 0, [], true), wireThread('T2', 10, [], true)] }, { type: 'deactivated', threadId: 'T1' });
      expect(chat.active).toBe(true);
    });
  });

  describe('users', () => {
    it('adds a user as present and keeps a removed one, not present, for old messages', () => {
      const bot = { id: 'bot', type: 'agent' as const, name: 'Helper bot' };
      let chat = run(withUsers(), { type: 'userAdded', user: bot });
      expect(chat.users.bot).toMatchObject({ name: 'Helper bot', present: true });
      chat = reduceChat(chat, { type: 'userRemoved', userId: 'bot' });
      expect(chat.users.bot).toMatchObject({ name: 'Helper bot', present: false });
    });
  });

  describe('seen', () => {
    it('moves events_seen_up_to forward only, and a user not known yet never counts as present', () => {
      let chat = run(withUsers(), { type: 'seen', userId: CUSTOMER_ID, seenUpTo: at(5) }, { type: 'seen', userId: CUSTOMER_ID, seenUpTo: at(3) });
      expect(chat.users[CUSTOMER_ID]?.events_seen_up_to).toBe(at(5));
      chat = reduceChat(chat, { type: 'seen', userId: 'other@example.com', seenUpTo: at(4) });
      expect(chat.users['other@example.com']).toMatchObject({ present: false, events_seen_up_to: at(4) });
    });
  });

  describe('properties', () => {
    it('updates and deletes the topic with the switchboard.topic property', () => {
      let chat = run(emptyChatCore('C1'), { type: 'propertiesUpdated', properties: { switchboard: { topic: 'Billing' } } });
      expect(chat.topic).toBe('Billing');
      chat = reduceChat(chat, { type: 'propertiesDeleted', names: { switchboard: ['topic'] } });
      expect(chat.topic).toBeUndefined();
    });
  });

  describe('queue', () => {
    it('merges a new position into the thread and takes it out with undefined; unknown threads are ignored', () => {
      const start = run(emptyChatCore('C1'), { type: 'threads', threads: [wireThread('T1', 0, [], true, { queue: { position: 3, wait_time: 60, queued_at: at(0) } })] });
      const moved = reduceChat(start, { type: 'queue', threadId: 'T1', queue: { position: 1, wait_time: 10 } });
      expect(moved.threads.T1?.queue).toEqual({ position: 1, wait_time: 10, queued_at: at(0) });
      expect(reduceChat(moved, { type: 'queue', threadId: 'T1', queue: undefined }).threads.T1?.queue).toBeUndefined();
      expect(reduceChat(moved, { type: 'queue', threadId: 'T9', queue: { position: 1, wait_time: 0 } })).toBe(moved);
    });
  });

  describe('tagged', () => {
    it('adds a tag once and removes it on untag', () => {
      const start = mergeThreads(emptyChatCore('C1'), [wireThread('T1', 0, [], true)]);
      const tagged = run(start, { type: 'tagged', threadId: 'T1', tag: 'vip', tagged: true });
      expect(reduceChat(tagged, { type: 'tagged', threadId: 'T1', tag: 'vip', tagged: true })).toBe(tagged);
      expect(tagged.threads.T1?.tags).toEqual(['vip']);
      expect(reduceChat(tagged, { type: 'tagged', threadId: 'T1', tag: 'vip', tagged: false }).threads.T1?.tags).toEqual([]);
    });

    it('keeps the tags when the same thread arrives again without them', () => {
      const tagged = run(mergeThreads(emptyChatCore('C1'), [wireThread('T1', 0, [], true)]), { type: 'tagged', threadId: 'T1', tag: 'vip', tagged: true });
      expect(reduceChat(tagged, { type: 'threads', threads: [wireThread('T1', 0, [], false)] }).threads.T1?.tags).toEqual(['vip']);
    });
  });
});

describe('unreadCount()', () => {
  it('counts what the front end counts from others after the reader’s events_seen_up_to', () => {
    const chat = run(withUsers(),
      { type: 'threads', threads: [wireThread('T1', 0, [messageEvent('E1', 1, AGENT_ID), messageEvent('E2', 2, CUSTOMER_ID), messageEvent('E3', 3, AGENT_ID), { id: 'S1', type: 'system_message', text: 'x', created_at: at(4) } as never], true)] },
      { type: 'seen', userId: CUSTOMER_ID, seenUpTo: at(1) });
    expect(unreadCount(chat, CUSTOMER_ID, () => true)).toBe(1);
    expect(unreadCount(chat, CUSTOMER_ID, (event) => event.type !== 'system_message')).toBe(1);
    expect(unreadCount(chat, AGENT_ID, (event) => event.type === 'message')).toBe(1);
    expect(unreadCount(chat, undefined, () => true)).toBe(0);
  });
});
