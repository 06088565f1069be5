import { describe, expect, it } from 'vitest';
import { allActiveChats, canSupervise, createSupervision, holders } from './supervision.js';
import { agent, chat, customer, message, ME, profile, summary, thread } from './testData.js';
import { recordingClient, signedInStore } from './testFixture.js';

function setup(answers?: Parameters<typeof recordingClient>[0]) {
  const store = signedInStore(
    chat('BOT', [customer(), agent('greeter-bot')], thread('T1', [message('T1_1', 1)])),
    chat('MINE', [{ ...customer(), id: 'c2' }, agent()], thread('T2', [message('T2_1', 2, 'c2')])),
  );
  const errors: string[] = [];
  const { client, sent } = recordingClient(answers);
  const supervision = createSupervision(store, client, (action) => () => errors.push(action));
  return { store, supervision, sent, errors };
}

describe('supervision', () => {
  describe('canSupervise()', () => {
    it('lets owners and administrators supervise, not normal agents (#14)', () => {
      expect(canSupervise(profile({ permission: 'owner' }))).toBe(true);
      expect(canSupervise(profile({ permission: 'administrator' }))).toBe(true);
      expect(canSupervise(profile({ permission: 'normal' }))).toBe(false);
      expect(canSupervise(undefined)).toBe(false);
    });
  });

  describe('allActiveChats() and holders()', () => {
    it('lists chats a bot or another agent holds next to mine, newest first, and names who holds each', () => {
      const { store } = setup();
      store.getState().dispatch({ type: 'chatDeactivated', payload: { chat_id: 'MINE', thread_id: 'T2', user_id: ME } });
      const chats = allActiveChats(store.getState());
      expect(chats.map((c) => c.id)).toEqual(['BOT']);
      expect(holders(chats[0]!)).toEqual(['Other']);
    });
  });

  describe('loadActiveChats()', () => {
    it('asks list_chats for the active chats and adds them to the store', async () => {
      const { store, supervision, sent } = setup({ list_chats: () => ({ chats_summary: [summary('OTHER', [{ ...customer(), id: 'c3' }, agent('second@example.com')], message('T5_1', 5, 'c3'), 'T5')], found_chats: 1 }) });
      await supervision.loadActiveChats();
      expect(sent).toEqual([{ action: 'list_chats', payload: { filters: { active: true }, limit: 100 } }]);
      expect(allActiveChats(store.getState()).map((c) => c.id)).toContain('OTHER');
    });
  });

  describe('takeOver()', () => {
    it('transfers the chat to me without being in it and whatever my load', async () => {
      const { supervision, sent } = setup();
      expect(await supervision.takeOver('BOT')).toBe(true);
      expect(sent).toEqual([{ action: 'transfer_chat', payload: { id: 'BOT', target: { type: 'agent', ids: [ME] }, ignore_requester_presence: true, ignore_agents_availability: true } }]);
    });

    it('reports a refusal and answers false', async () => {
      const { supervision, errors } = setup({ transfer_chat: () => { throw new Error('refused'); } });
      expect(await supervision.takeOver('BOT')).toBe(false);
      expect(errors).toEqual(['Taking over']);
    });
  });

  describe('watch()', () => {
    it('follows the open chat I am not in, unfollows it when I leave it, and never follows my own', () => {
      const { supervision, sent } = setup();
      supervision.watch('BOT');
      supervision.watch('BOT');
      supervision.watch('MINE');
      supervision.watch(undefined);
      expect(sent).toEqual([
        { action: 'follow_chat', payload: { id: 'BOT' } },
        { action: 'unfollow_chat', payload: { id: 'BOT' } },
      ]);
    });
  });
});
