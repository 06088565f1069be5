import { cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { GetFormResponse } from '../../protocol/forms.js';
import { createWidgetStore } from '../state/createWidgetStore.js';
import { customer } from '../state/testData.js';
import { ChatList } from './ChatList.js';
import { recordingCommands, renderWithWidget, preloadLazyViews } from './testing.js';

const FORM: GetFormResponse = {
  enabled: true,
  form: {
    id: 'prechat',
    fields: [
      { id: 'name', type: 'name', label: 'Your name', required: true },
      { id: 'email', type: 'email', label: 'E-mail', required: true },
      { id: 'question', type: 'question', label: 'Your question' },
      { id: 'topic', type: 'select', label: 'Topic', options: [{ id: 'billing', label: 'Billing' }, { id: 'shipping', label: 'Shipping' }] },
      { id: 'plan', type: 'radio', label: 'Plan', options: [{ id: 'free', label: 'Free' }, { id: 'pro', label: 'Pro' }] },
    ],
  },
};

/** A connected visitor with no chats yet; `offline` = nobody is accepting chats. */
function visitorStore({ offline = false } = {}) {
  const store = createWidgetStore();
  const { dispatch } = store.getState();
  dispatch({ type: 'connection', status: 'connected' });
  dispatch({ type: 'login', response: { customer: { ...customer, email: 'known@example.com', statistics: { chats_count: 0, threads_count: 0, visits_count: 1, page_views_count: 1, greetings_shown_count: 0, greetings_accepted_count: 0 } }, has_active_thread: false, chats: [], __priv_dynamic_config: { online_groups_ids: offline ? [] : [0] } } });
  dispatch({ type: 'chatSummaries', summaries: [] });
  return store;
}

describe('NewChatForm', () => {
  beforeAll(preloadLazyViews);
  afterEach(cleanup);

  describe('pre-chat form (#15)', () => {
    it('asks the owner\'s form before the first chat and starts it with the filled_form, the chosen topic as the chat topic', async () => {
      const commands = recordingCommands({ getPrechatForm: async () => FORM });
      renderWithWidget(<ChatList onOpen={() => undefined} />, { store: visitorStore(), commands });
      await waitFor(() => expect(commands.getPrechatForm).toHaveBeenCalled());
      fireEvent.click(screen.getByRole('button', { name: 'New chat' }));
      await screen.findByRole('form', { name: 'Before we start' });
      fireEvent.change(screen.getByLabelText(/Your name/), { target: { value: 'Ada' } });
      fireEvent.change(screen.getByLabelText(/E-mail/), { target: { value: 'ada@example.com' } });
      fireEvent.change(screen.getByLabelText('Your question'), { target: { value: 'Where is my parcel?' } });
      fireEvent.change(screen.getByLabelText('Topic'), { target: { value: 'shipping' } });
      fireEvent.click(screen.getByLabelText('Pro'));
      fireEvent.click(screen.getByRole('button', { name: 'Start chat' }));
      await waitFor(() => expect(commands.startFormChat).toHaveBeenCalledTimes(1));
      expect(commands.startFormChat.mock.calls[0]![0]).toEqual({
        topic: 'Shipping',
        form: { id: 'prechat', type: 'prechat', fields: [
          { ...FORM.form.fields[0], answer: 'Ada' }, { ...FORM.form.fields[1], answer: 'ada@example.com' },
          { ...FORM.form.fields[2], answer: 'Where is my parcel?' }, { ...FORM.form.fields[3], answer: { id: 'shipping', label: 'Shipping' } },
          { ...FORM.form.fields[4], answer: { id: 'pro', label: 'Pro' } },
        ] },
      });
    });

    it('names every missing or wrong answer next to its field, focuses the first, and starts nothing', async () => {
      const commands = recordingCommands({ getPrechatForm: async () => FORM });
      renderWithWidget(<ChatList onOpen={() => undefined} />, { store: visitorStore(), commands });
      await waitFor(() => expect(commands.getPrechatForm).toHaveBeenCalled());
      fireEvent.click(screen.getByRole('button', { name: 'New chat' }));
      await screen.findByRole('form', { name: 'Before we start' });
      fireEvent.change(screen.getByLabelText(/E-mail/), { target: { value: 'not-an-address' } });
      fireEvent.click(screen.getByRole('button', { name: 'Start chat' }));
      const name = screen.getByLabelText(/Your name/);
      expect(name.getAttribute('aria-invalid')).toBe('true');
      expect(document.getElementById(name.getAttribute('aria-describedby')!)!.textContent).toBe('Your name is required.');
      expect(document.getElementById(screen.getByLabelText(/E-mail/).getAttribute('aria-describedby')!)!.textContent).toBe('Enter an e-mail address such as name@example.com.');
      expect(document.activeElement).toBe(name);
      expect(commands.startFormChat).not.toHaveBeenCalled();
    });

    it('keeps the topic form when the owner has no form enabled', async () => {
      const commands = recordingCommands({ getPrechatForm: async () => ({ enabled: false }) });
      renderWithWidget(<ChatList onOpen={() => undefined} />, { store: visitorStore(), commands });
      await waitFor(() => expect(commands.getPrechatForm).toHaveBeenCalled());
      fireEvent.click(screen.getByRole('button', { name: 'New chat' }));
      expect(screen.getByLabelText('What is this about?')).toBeTruthy();
      expect(screen.queryByTestId('prechat-form')).toBeNull();
    });
  });

  describe('nobody available (#15)', () => {
    it('offers to leave a message with an e-mail address, and starts a continuous chat that waits in the queue', async () => {
      const commands = recordingCommands();
      renderWithWidget(<ChatList onOpen={() => undefined} />, { store: visitorStore({ offline: true }), commands });
      fireEvent.click(screen.getByRole('button', { name: 'Leave a message' }));
      const email = await screen.findByLabelText(/Your e-mail address/) as HTMLInputElement;
      expect(email.value).toBe('known@example.com');
      fireEvent.change(email, { target: { value: 'ada@example.com' } });
      fireEvent.change(screen.getByLabelText(/Your message/), { target: { value: 'Do you ship to Norway?' } });
      fireEvent.change(screen.getByLabelText('Subject (optional)'), { target: { value: 'Shipping' } });
      fireEvent.click(screen.getByRole('button', { name: 'Send message' }));
      await waitFor(() => expect(commands.startFormChat).toHaveBeenCalledTimes(1));
      expect(commands.startFormChat.mock.calls[0]![0]).toEqual({
        topic: 'Shipping', message: 'Do you ship to Norway?', continuous: true,
        form: { id: 'offline_message', type: 'ask_for_email', fields: [
          { id: 'name', type: 'name', label: 'Your name (optional)', answer: customer.name },
          { id: 'email', type: 'email', label: 'Your e-mail address', required: true, answer: 'ada@example.com' },
        ] },
      });
      expect((await screen.findByTestId('message-left')).textContent).toBe('Thanks! We will reply here and by e-mail to ada@example.com.');
    });

    it('refuses to send without an e-mail address or a message', async () => {
      const commands = recordingCommands();
      const store = visitorStore({ offline: true });
      store.setState({ customer: { ...store.getState().customer!, email: undefined } });
      renderWithWidget(<ChatList onOpen={() => undefined} />, { store, commands });
      fireEvent.click(screen.getByRole('button', { name: 'Leave a message' }));
      fireEvent.click(await screen.findByRole('button', { name: 'Send message' }));
      expect(screen.getByText('Your e-mail address is required.')).toBeTruthy();
      expect(screen.getByText('Your message is required.')).toBeTruthy();
      expect(commands.startFormChat).not.toHaveBeenCalled();
    });
  });
});
