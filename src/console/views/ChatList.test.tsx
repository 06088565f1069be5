import { act, cleanup, fireEvent, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { createConsoleStore } from '../state/createConsoleStore.js';
import { agent, chat, customer, message, profile, thread } from '../state/testData.js';
import { ChatList } from './ChatList.js';
import { renderConsole } from './testing.js';

afterEach(cleanup);

function storeWithChats() {
  const store = createConsoleStore();
  const { dispatch } = store.getState();
  dispatch({ type: 'login', response: { license: {} as never, my_profile: profile(), chats_summary: [] } });
  dispatch({ type: 'incomingChat', payload: { chat: chat('MINE', [customer('Neo'), agent()], thread('T1', [message('T1_1', 1, undefined, 'Where is my parcel?')]), 'Delivery') } });
  dispatch({ type: 'incomingChat', payload: { chat: chat('QUEUED', [{ ...customer('Trinity'), id: 'other-customer' }], thread('T2', [message('T2_1', 2, 'other-customer', 'Hello?')]), 'Billing') } });
  return store;
}

describe('ChatList', () => {
  it('shows my chats with customer, topic, last message and unread count', () => {
    renderConsole(<ChatList view="my" />, { store: storeWithChats() });
    const entry = screen.getByTestId('chat-entry');
    expect(within(entry).getByText('Neo')).toBeTruthy();
    expect(within(entry).getByText('Delivery')).toBeTruthy();
    expect(within(entry).getByText('Where is my parcel?')).toBeTruthy();
    expect(within(entry).getByTestId('unread-count').textContent).toBe('1');
    expect(within(entry).getByText(/^waiting/)).toBeTruthy();
  });

  it('shows queued chats apart from mine', () => {
    renderConsole(<ChatList view="queued" />, { store: storeWithChats() });
    const entries = screen.getAllByTestId('chat-entry');
    expect(entries.map((e) => e.getAttribute('data-chat-id'))).toEqual(['QUEUED']);
  });

  it('opens a chat on click and marks it as the current one', () => {
    const store = storeWithChats();
    const { commands } = renderConsole(<ChatList view="my" />, { store });
    fireEvent.click(screen.getByTestId('chat-entry'));
    expect(commands.openChat).toHaveBeenCalledWith('MINE');
    act(() => store.getState().dispatch({ type: 'selectChat', chatId: 'MINE' }));
    expect(screen.getByTestId('chat-entry').getAttribute('aria-current')).toBe('true');
  });

  it('updates live when a message arrives', () => {
    const store = storeWithChats();
    renderConsole(<ChatList view="my" />, { store });
    act(() => store.getState().dispatch({ type: 'incomingEvent', payload: { chat_id: 'MINE', thread_id: 'T1', event: message('T1_2', 3, undefined, 'Any news?') } }));
    expect(screen.getByText('Any news?')).toBeTruthy();
    expect(screen.getByTestId('unread-count').textContent).toBe('2');
  });

  it('shows every active chat with who holds it in the "all" view and loads them from the server (#14)', () => {
    const store = storeWithChats();
    store.getState().dispatch({ type: 'connection', status: 'connected' });
    store.getState().dispatch({ type: 'incomingChat', payload: { chat: chat('BOT', [{ ...customer('Morpheus'), id: 'c3' }, agent('greeter')], thread('T3', [message('T3_1', 3, 'c3', 'Hi bot')]), 'Pricing') } });
    const { commands } = renderConsole(<ChatList view="all" />, { store });
    expect(commands.loadActiveChats).toHaveBeenCalledTimes(1);
    const entries = screen.getAllByTestId('chat-entry');
    expect(entries.map((e) => e.getAttribute('data-chat-id'))).toEqual(['BOT', 'QUEUED', 'MINE']);
    expect(screen.getAllByTestId('chat-holder').map((e) => e.textContent)).toEqual(['With Other', 'Queued', 'With Agent Smith']);
  });

  it('drops a chat from the queue once routing assigns it, though its thread keeps the queue info (#14)', () => {
    const store = storeWithChats();
    store.getState().dispatch({ type: 'queuePositions', payload: [{ chat_id: 'QUEUED', thread_id: 'T2', queue: { position: 1, wait_time: 3, queued_at: '2026-01-01T00:00:00.000000Z' } }] } as never);
    store.getState().dispatch({ type: 'userAdded', payload: { chat_id: 'QUEUED', thread_id: 'T2', user: agent(), reason: 'assigned' } as never });
    renderConsole(<ChatList view="queued" />, { store });
    expect(screen.queryAllByTestId('chat-entry')).toEqual([]);
  });
});
