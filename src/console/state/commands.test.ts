import { describe, expect, it } from 'vitest';
import { RtmError } from '../../rtm/RtmError.js';
import { createCommands } from './commands.js';
import { chat, customer, message, ME, thread } from './testData.js';
import { recordingClient, signedInStore } from './testFixture.js';

function setup(answers?: Parameters<typeof recordingClient>[0]) {
  const store = signedInStore(chat('C1', [customer()], thread('T2', [message('T2_1', 20)])));
  const { client, sent } = recordingClient(answers);
  const commands = createCommands(store, client, { uploadFile: async () => ({ url: 'http://h/files/1/a.png' }) } as never);
  return { store, commands, sent };
}

describe('createCommands', () => {
  describe('join()', () => {
    it('adds me to the chat as a visible agent', async () => {
      const { commands, sent } = setup();
      await commands.join('C1');
      expect(sent).toEqual([{ action: 'add_user_to_chat', payload: { chat_id: 'C1', user_id: ME, user_type: 'agent', visibility: 'all' } }]);
    });
  });

  describe('loadOlder()', () => {
    it('pages list_threads from the newest, then continues with the page id only', async () => {
      const pages = [
        { threads: [thread('T1', [message('T1_1', 1)], { active: false })], found_threads: 3, next_page_id: 'P2' },
        { threads: [thread('T0', [message('T0_1', 0)], { active: false })], found_threads: 3 },
      ];
      const { commands, sent, store } = setup({ list_threads: () => pages.shift() });
      await commands.loadOlder('C1');
      await commands.loadOlder('C1');
      await commands.loadOlder('C1');
      expect(sent.map((s) => s.payload)).toEqual([{ chat_id: 'C1', sort_order: 'desc', limit: 5 }, { chat_id: 'C1', page_id: 'P2' }]);
      expect(store.getState().chats.C1?.eventOrder).toEqual(['T0_1', 'T1_1', 'T2_1']);
      expect(store.getState().chats.C1?.history.status).toBe('complete');
    });
  });

  describe('sendFile()', () => {
    it('uploads over the Web API, then sends a file event with the returned URL', async () => {
      const { commands, sent } = setup();
      expect(await commands.sendFile('C1', new File(['x'], 'a.png', { type: 'image/png' }))).toBe(true);
      expect(sent).toEqual([{ action: 'send_event', payload: { chat_id: 'C1', event: { type: 'file', url: 'http://h/files/1/a.png' } } }]);
    });
  });

  describe('transfer()', () => {
    it('reports a failure in the store and returns false', async () => {
      const { commands, store } = setup({ transfer_chat: () => { throw new RtmError('group_unavailable', 'nobody'); } });
      expect(await commands.transfer('C1', { type: 'group', ids: [1] })).toBe(false);
      expect(store.getState().error).toBe('Transferring: Nobody there can take the chat right now.');
    });
  });

  describe('setTyping()', () => {
    it('sends only changes of the typing state', () => {
      const { commands, sent } = setup();
      commands.setTyping('C1', true);
      commands.setTyping('C1', true);
      commands.setTyping('C1', false);
      expect(sent.map((s) => s.payload.is_typing)).toEqual([true, false]);
    });
  });

  describe('searchArchives()', () => {
    it('stores the rows and the page ids, and pages with page_id only', async () => {
      const row = { ...chat('C9', [customer()], thread('T9', [message('T9_1', 9)], { active: false })) };
      const { commands, store, sent } = setup({ list_archives: (p) => (p.page_id ? { chats: [], found_chats: 1, previous_page_id: 'B' } : { chats: [row], found_chats: 1, next_page_id: 'N' }) });
      await commands.searchArchives({ query: 'refund' });
      expect(store.getState().archives).toMatchObject({ status: 'ready', found: 1, nextPageId: 'N', page: 1 });
      await commands.archivesPage('next');
      expect(sent[1]?.payload).toEqual({ page_id: 'N' });
      expect(store.getState().archives).toMatchObject({ page: 2, previousPageId: 'B', filters: { query: 'refund' } });
    });
  });
});
