import { act, cleanup, fireEvent, screen, within } from '@testing-library/react';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createWidgetStore } from '../state/createWidgetStore.js';
import { CUSTOMER_ID, chat, customer, message, summary, thread } from '../state/testData.js';
import { fakeLayout } from '../../ui/testing/fakeLayout.js';
import { ChatWidget } from './ChatWidget.js';
import { recordingCommands, renderWithWidget, preloadLazyViews } from './testing.js';

function setup() {
  const store = createWidgetStore();
  const { dispatch } = store.getState();
  dispatch({ type: 'connection', status: 'connected' });
  dispatch({ type: 'login', response: { customer: { ...customer, statistics: { chats_count: 2, threads_count: 2, visits_count: 1, page_views_count: 1, greetings_shown_count: 0, greetings_accepted_count: 0 } }, has_active_thread: true, chats: [], __priv_dynamic_config: { online_groups_ids: [0] } } });
  dispatch({ type: 'chatSummaries', summaries: [] });
  dispatch({ type: 'incomingChat', chat: chat('A', thread('TA', 0, [message('TA_1', 1, 'hi', CUSTOMER_ID)], true), 'Orders') });
  dispatch({ type: 'incomingChat', chat: chat('B', thread('TB', 5, [message('TB_1', 6, 'hello')], true), 'Billing') });
  const commands = recordingCommands({ selectChat: (chatId) => dispatch({ type: 'selectChat', chatId }) });
  return { store, commands };
}

describe('ChatWidget', () => {
  beforeAll(preloadLazyViews);
  beforeAll(() => fakeLayout('sb-history__item'));
  afterEach(cleanup);

  it('moves focus to the composer when a chat opens (#15) and back to its list entry on Back', () => {
    const { store, commands } = setup();
    renderWithWidget(<ChatWidget />, { store, commands });
    fireEvent.click(screen.getByRole('button', { name: /Orders/ }));
    expect(document.activeElement).toBe(screen.getByRole('textbox', { name: 'Message' }));
    fireEvent.click(screen.getByRole('button', { name: 'Back to chats' }));
    expect(document.activeElement?.getAttribute('data-chat-id')).toBe('A');
  });

  it('marks the open chat seen only while the widget is visible (the embed panel is open)', () => {
    const { store, commands } = setup();
    store.getState().dispatch({ type: 'visibility', visible: false });
    renderWithWidget(<ChatWidget />, { store, commands });
    fireEvent.click(screen.getByRole('button', { name: /Billing/ }));
    expect(commands.markSeen).not.toHaveBeenCalled();
    act(() => store.getState().dispatch({ type: 'visibility', visible: true }));
    expect(commands.markSeen).toHaveBeenCalledWith('B');
  });

  it('announces a new message from an agent in a live region', () => {
    const { store, commands } = setup();
    renderWithWidget(<ChatWidget />, { store, commands });
    act(() => store.getState().dispatch({ type: 'incomingEvent', payload: { chat_id: 'B', thread_id: 'TB', event: message('TB_2', 9, 'Your refund is on its way') } }));
    const region = screen.getByTestId('announcer');
    expect(region.getAttribute('aria-live')).toBe('polite');
    expect(region.textContent).toBe('New message from Agent Smith in Billing: Your refund is on its way');
  });

  it('does not announce messages that were already there when the page loaded (#15)', () => {
    const store = createWidgetStore();
    const { dispatch } = store.getState();
    renderWithWidget(<ChatWidget />, { store });
    const old = message('TB_1', 6, 'Old reply');
    act(() => {
      dispatch({ type: 'connection', status: 'connected' });
      dispatch({ type: 'login', response: { customer, has_active_thread: true, chats: [], __priv_dynamic_config: {} } as never });
      dispatch({ type: 'chatSummaries', summaries: [summary('B', thread('TB', 5, [old], true), old, 'Billing')] });
      dispatch({ type: 'threads', chatId: 'B', threads: [thread('TB', 5, [old], true)], reachedOldest: true });
    });
    expect(screen.getByTestId('announcer').textContent).toBe('');
    act(() => dispatch({ type: 'incomingEvent', payload: { chat_id: 'B', thread_id: 'TB', event: message('TB_2', 9, 'New reply') } }));
    expect(screen.getByTestId('announcer').textContent).toBe('New message from Agent Smith in Billing: New reply');
  });

  it('shows the connection state, and that nobody is available once in a chat (home says it itself, not twice)', () => {
    const { store, commands } = setup();
    store.getState().dispatch({ type: 'connection', status: 'reconnecting' });
    store.getState().dispatch({ type: 'groupsStatus', payload: { groups: [{ id: 0, status: 'offline' }] } });
    renderWithWidget(<ChatWidget />, { store, commands });
    expect(screen.getByTestId('connection').textContent).toBe('Connection lost. Reconnecting…');
    expect(screen.queryByTestId('groups-offline')).toBeNull();
    expect(screen.getByTestId('home-status').textContent).toContain('away');
    act(() => store.getState().dispatch({ type: 'selectChat', chatId: 'B' }));
    expect(screen.getByTestId('groups-offline').textContent).toContain('Nobody is available');
  });

  it('shows the queue position and the agent typing indicator in the open chat', () => {
    const { store, commands } = setup();
    const { dispatch } = store.getState();
    dispatch({ type: 'selectChat', chatId: 'B' });
    dispatch({ type: 'queue', payload: { chat_id: 'B', thread_id: 'TB', queue: { position: 2, wait_time: 120 } } });
    dispatch({ type: 'typing', payload: { chat_id: 'B', thread_id: 'TB', typing_indicator: { author_id: 'smith@example.com', timestamp: 1, is_typing: true } } });
    renderWithWidget(<ChatWidget />, { store, commands });
    const pane = screen.getByRole('region', { name: 'Billing' });
    expect(within(pane).getByTestId('queue').textContent).toBe('You are number 2 in the queue, about 2 min to wait.');
    expect(within(pane).getByTestId('typing').textContent).toBe('Agent Smith is typing…');
  });

  it('ends an active chat with End chat', () => {
    const { store, commands } = setup();
    store.getState().dispatch({ type: 'selectChat', chatId: 'A' });
    renderWithWidget(<ChatWidget />, { store, commands });
    fireEvent.click(screen.getByRole('button', { name: 'End chat' }));
    expect(commands.endChat).toHaveBeenCalledWith('A');
  });
});
