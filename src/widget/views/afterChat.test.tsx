import { act, cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { createWidgetStore } from '../state/createWidgetStore.js';
import { CUSTOMER_ID, chat, customer, message, thread } from '../state/testData.js';
import { Composer } from './Composer.js';
import { ChatPane } from './ChatPane.js';
import { recordingCommands, renderWithWidget } from './testing.js';

function storeWithChat(active: boolean) {
  const store = createWidgetStore();
  const { dispatch } = store.getState();
  dispatch({ type: 'connection', status: 'connected' });
  dispatch({ type: 'login', response: { customer: { ...customer, email: 'me@example.com', statistics: { chats_count: 1, threads_count: 1, visits_count: 1, page_views_count: 1, greetings_shown_count: 0, greetings_accepted_count: 0 } }, has_active_thread: active, chats: [], __priv_dynamic_config: { online_groups_ids: [0] } } });
  dispatch({ type: 'incomingChat', chat: chat('A', thread('TA', 0, [message('TA_1', 1, 'Hi', CUSTOMER_ID), message('TA_2', 2, 'Hello!')], active), 'Orders') });
  return store;
}

describe('ChatPane', () => {
  afterEach(cleanup);

  describe('after the chat (#15)', () => {
    it('offers no rating while the chat is open', () => {
      renderWithWidget(<ChatPane chatId="A" onBack={() => undefined} />, { store: storeWithChat(true) });
      expect(screen.queryByTestId('after-chat')).toBeNull();
    });

    it('rates a closed chat good with a comment and thanks the visitor', async () => {
      const commands = recordingCommands();
      renderWithWidget(<ChatPane chatId="A" onBack={() => undefined} />, { store: storeWithChat(false), commands });
      fireEvent.click(await screen.findByRole('button', { name: /Good/ }));
      expect(screen.getByRole('button', { name: /Good/ }).getAttribute('aria-pressed')).toBe('true');
      fireEvent.change(screen.getByLabelText('Add a comment (optional)'), { target: { value: 'Quick and helpful' } });
      fireEvent.click(screen.getByRole('button', { name: 'Send rating' }));
      expect((await screen.findByTestId('rating-thanks')).textContent).toContain('you rated this chat good');
      expect(commands.rateChat).toHaveBeenCalledWith('A', { score: 1, comment: 'Quick and helpful' });
    });

    it('mails the transcript to the visitor\'s address, and says so when the server sends no e-mail', async () => {
      let calls = 0;
      const commands = recordingCommands({ emailTranscript: async () => { calls += 1; if (calls > 1) throw Object.assign(new Error('no SMTP'), { type: 'not_allowed' }); } });
      renderWithWidget(<ChatPane chatId="A" onBack={() => undefined} />, { store: storeWithChat(false), commands });
      expect((await screen.findByLabelText('E-mail the transcript to') as HTMLInputElement).value).toBe('me@example.com');
      fireEvent.click(screen.getByRole('button', { name: 'Send by e-mail' }));
      await waitFor(() => expect(screen.getByTestId('transcript-status').textContent).toBe('The transcript is on its way to me@example.com.'));
      expect(commands.emailTranscript).toHaveBeenCalledWith('A', 'me@example.com');
      fireEvent.click(screen.getByRole('button', { name: 'Send by e-mail' }));
      await waitFor(() => expect(screen.getByTestId('transcript-status').textContent).toBe('This site does not send e-mail. Download the transcript instead.'));
    });
  });
});

describe('Composer', () => {
  afterEach(cleanup);

  describe('emoji picker (#15)', () => {
    it('opens lazily, moves with the arrow keys, inserts the active emoji with Enter and closes with Escape back to its button', async () => {
      renderWithWidget(<Composer chatId="A" onFiles={undefined} />, { store: storeWithChat(true) });
      const input = screen.getByLabelText('Message') as HTMLTextAreaElement;
      fireEvent.change(input, { target: { value: 'Thanks ' } });
      const button = screen.getByRole('button', { name: 'Insert emoji' });
      fireEvent.click(button);
      const picker = await screen.findByRole('listbox', { name: 'Emoji' });
      expect(button.getAttribute('aria-expanded')).toBe('true');
      await waitFor(() => expect(document.activeElement).toBe(picker));
      fireEvent.keyDown(picker, { key: 'ArrowDown' });
      fireEvent.keyDown(picker, { key: 'ArrowRight' });
      const active = document.getElementById(picker.getAttribute('aria-activedescendant')!)!;
      expect(active.getAttribute('aria-label')).toBe('smiling face with heart-eyes');
      await act(async () => { fireEvent.keyDown(picker, { key: 'Enter' }); });
      expect(input.value).toBe('Thanks 😍');
      expect(screen.queryByRole('listbox')).toBeNull();
      fireEvent.click(button);
      fireEvent.keyDown(await screen.findByRole('listbox', { name: 'Emoji' }), { key: 'Escape' });
      expect(screen.queryByRole('listbox')).toBeNull();
      expect(document.activeElement).toBe(button);
    });
  });
});
