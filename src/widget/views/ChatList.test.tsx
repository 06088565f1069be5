import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createWidgetStore } from '../state/createWidgetStore.js';
import { CUSTOMER_ID, chat, customer, message, thread } from '../state/testData.js';
import { ChatList } from './ChatList.js';
import { recordingCommands, renderWithWidget, preloadLazyViews } from './testing.js';

function storeWithChats() {
  const store = createWidgetStore();
  const { dispatch } = store.getState();
  dispatch({ type: 'connection', status: 'connected' });
  dispatch({ type: 'login', response: { customer: { ...customer, statistics: { chats_count: 2, threads_count: 2, visits_count: 1, page_views_count: 1, greetings_shown_count: 0, greetings_accepted_count: 0 } }, has_active_thread: true, chats: [], __priv_dynamic_config: { online_groups_ids: [0] } } });
  dispatch({ type: 'chatSummaries', summaries: [] });
  dispatch({ type: 'incomingChat', chat: chat('A', thread('TA', 0, [message('TA_1', 1, 'Where is my parcel?', CUSTOMER_ID), message('TA_2', 2, 'Let me check'), message('TA_3', 3, 'It ships today')], true), 'Orders') });
  dispatch({ type: 'incomingChat', chat: chat('B', thread('TB', 10, [message('TB_1', 11, 'Thanks, bye', CUSTOMER_ID)], false), 'Billing') });
  return store;
}

describe('ChatList', () => {
  beforeAll(preloadLazyViews);
  afterEach(cleanup);

  it('shows each chat with topic, last message preview, unread count and open/closed state, newest first', () => {
    renderWithWidget(<ChatList onOpen={() => undefined} />, { store: storeWithChats() });
    const items = screen.getAllByTestId('chat-item');
    expect(items.map((item) => within(item).getByText(/Orders|Billing/).textContent)).toEqual(['Billing', 'Orders']);
    expect(within(items[0]!).getByText('You: Thanks, bye')).toBeTruthy();
    expect(within(items[0]!).getByText('Closed')).toBeTruthy();
    expect(within(items[0]!).queryByTestId('unread')).toBeNull();
    expect(within(items[1]!).getByText('It ships today')).toBeTruthy();
    expect(within(items[1]!).getByText('Open')).toBeTruthy();
    expect(within(items[1]!).getByLabelText('2 unread messages').textContent).toBe('2');
  });

  it('opens a chat when its entry is clicked and marks the selected one as current', () => {
    const store = storeWithChats();
    store.getState().dispatch({ type: 'selectChat', chatId: 'A' });
    const opened: string[] = [];
    renderWithWidget(<ChatList onOpen={(id) => opened.push(id)} />, { store });
    fireEvent.click(screen.getByRole('button', { name: /Billing/ }));
    expect(opened).toEqual(['B']);
    expect(screen.getByRole('button', { name: /Orders/ }).getAttribute('aria-current')).toBe('true');
  });

  describe('New chat', () => {
    it('asks for a topic and starts a chat with it', async () => {
      const commands = recordingCommands();
      renderWithWidget(<ChatList onOpen={() => undefined} />, { store: storeWithChats(), commands });
      fireEvent.click(screen.getByRole('button', { name: 'New chat' }));
      const input = screen.getByLabelText('What is this about?');
      expect(document.activeElement).toBe(input);
      fireEvent.change(input, { target: { value: 'Returns' } });
      fireEvent.click(screen.getByRole('button', { name: 'Start chat' }));
      await waitFor(() => expect(commands.startChat).toHaveBeenCalledWith('Returns'));
      await waitFor(() => expect(screen.queryByLabelText('What is this about?')).toBeNull());
    });

    it('keeps the list heading only for screen readers, and no empty-list hint, while the form shows (#15)', () => {
      renderWithWidget(<ChatList onOpen={() => undefined} />, { store: storeWithChats() });
      const heading = screen.getByRole('heading', { name: 'Your chats' });
      expect(heading.className).toBe('sb-list__heading');
      fireEvent.click(screen.getByRole('button', { name: 'New chat' }));
      expect(heading.className).toBe('sb-visually-hidden');
      expect(screen.getByRole('navigation', { name: 'Your chats' })).toBeTruthy();
      fireEvent.click(screen.getByRole('button', { name: 'Cancel' }));
      expect(heading.className).toBe('sb-list__heading');
    });

    it('does not tell a visitor filling the start form that there are no chats yet (#15)', () => {
      const store = createWidgetStore();
      const { dispatch } = store.getState();
      dispatch({ type: 'connection', status: 'connected' });
      dispatch({ type: 'login', response: { customer, has_active_thread: false, chats: [], __priv_dynamic_config: { online_groups_ids: [0] } } as never });
      dispatch({ type: 'chatSummaries', summaries: [] });
      renderWithWidget(<ChatList onOpen={() => undefined} />, { store });
      expect(screen.getByText(/No chats yet/)).toBeTruthy();
      fireEvent.click(screen.getByRole('button', { name: 'New chat' }));
      expect(screen.getByLabelText('What is this about?')).toBeTruthy();
      expect(screen.queryByText(/No chats yet/)).toBeNull();
    });

    it('offers the configured topic suggestions', async () => {
      const commands = recordingCommands();
      renderWithWidget(<ChatList onOpen={() => undefined} />, { store: storeWithChats(), commands, topicSuggestions: ['Billing', 'Shipping'] });
      fireEvent.click(screen.getByRole('button', { name: 'New chat' }));
      fireEvent.click(within(screen.getByRole('group', { name: 'Suggestions' })).getByRole('button', { name: 'Shipping' }));
      await waitFor(() => expect(commands.startChat).toHaveBeenCalledWith('Shipping'));
    });

    it('says plainly how many chats are open when the chat limit is reached', async () => {
      const store = storeWithChats();
      store.getState().dispatch({ type: 'incomingChat', chat: chat('C', thread('TC', 20, [], true), 'Other') });
      const commands = recordingCommands({ startChat: async () => ({ ok: false, error: 'chat_limit_reached' }) });
      renderWithWidget(<ChatList onOpen={() => undefined} />, { store, commands });
      fireEvent.click(screen.getByRole('button', { name: 'New chat' }));
      fireEvent.change(screen.getByLabelText('What is this about?'), { target: { value: 'One more' } });
      fireEvent.click(screen.getByRole('button', { name: 'Start chat' }));
      expect((await screen.findByRole('alert')).textContent).toBe('You already have 2 open chats, the most this site allows at once. Continue in one of them below, or open one and choose “End chat” to start a new one.');
      expect(screen.getByLabelText('What is this about?')).toBeTruthy();
    });

    it('shows a start refused for the page API (Switchboard.startChat) with the same plain message, form closed', () => {
      const store = storeWithChats();
      renderWithWidget(<ChatList onOpen={() => undefined} />, { store });
      store.getState().dispatch({ type: 'startChatFailure', error: 'chat_limit_reached' });
      return waitFor(() => expect(screen.getByRole('alert').textContent).toBe('You already have 1 open chat, the most this site allows at once. Continue in one of them below, or open one and choose “End chat” to start a new one.'));
    });

    it('says when nobody is available (groups_offline)', async () => {
      const commands = recordingCommands({ startChat: async () => ({ ok: false, error: 'groups_offline' }) });
      renderWithWidget(<ChatList onOpen={() => undefined} />, { store: storeWithChats(), commands });
      fireEvent.click(screen.getByRole('button', { name: 'New chat' }));
      fireEvent.click(screen.getByRole('button', { name: 'Start chat' }));
      expect((await screen.findByRole('alert')).textContent).toBe('Nobody is available to chat right now. Leave a message and we will get back to you.');
    });
  });
});
