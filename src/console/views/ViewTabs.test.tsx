import { act, cleanup, fireEvent, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { createConsoleStore } from '../state/createConsoleStore.js';
import { profile } from '../state/testData.js';
import { renderConsole } from './testing.js';
import { ViewTabs } from './ViewTabs.js';

afterEach(cleanup);

function storeFor(permission: 'owner' | 'administrator' | 'normal') {
  const store = createConsoleStore();
  store.getState().dispatch({ type: 'login', response: { license: {} as never, my_profile: profile({ permission }), chats_summary: [] } });
  return store;
}

describe('ViewTabs', () => {
  it('shows "All chats" to owners and administrators only (#14)', () => {
    renderConsole(<ViewTabs />, { store: storeFor('administrator') });
    expect(screen.getAllByRole('tab').map((t) => t.textContent?.replace(/\d+/, ''))).toEqual(['My chats', 'Queued', 'All chats', 'Archives']);
    cleanup();
    renderConsole(<ViewTabs />, { store: storeFor('normal') });
    expect(screen.getAllByRole('tab').map((t) => t.textContent?.replace(/\d+/, ''))).toEqual(['My chats', 'Queued', 'Archives']);
  });

  it('moves between the visible tabs with the arrow keys and wraps around', () => {
    const store = storeFor('normal');
    renderConsole(<ViewTabs />, { store });
    act(() => store.getState().dispatch({ type: 'setView', view: 'queued' }));
    fireEvent.keyDown(screen.getByTestId('tab-queued'), { key: 'ArrowRight' });
    expect(store.getState().view).toBe('archives');
    fireEvent.keyDown(screen.getByTestId('tab-archives'), { key: 'ArrowRight' });
    expect(store.getState().view).toBe('my');
    expect(document.activeElement).toBe(screen.getByTestId('tab-my'));
  });
});
