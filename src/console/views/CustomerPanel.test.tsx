import { act, cleanup, fireEvent, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { createConsoleStore } from '../state/createConsoleStore.js';
import { agent, at, chat, CUSTOMER, customer, message, profile, thread } from '../state/testData.js';
import { CustomerPanel } from './CustomerPanel.js';
import { renderConsole } from './testing.js';

afterEach(cleanup);

function setup() {
  const store = createConsoleStore();
  const { dispatch } = store.getState();
  dispatch({ type: 'login', response: { license: {} as never, my_profile: profile(), chats_summary: [] } });
  dispatch({ type: 'incomingChat', payload: { chat: chat('C1', [customer('Neo'), agent()], thread('T1', [message('T1_1', 1)]), 'Billing') } });
  dispatch({ type: 'chat', chat: chat('C2', [customer('Neo')], thread('T2', [message('T2_1', 2)]), 'Delivery') });
  return store;
}

describe('CustomerPanel', () => {
  it('shows name, email, session fields, current page and the other chats with their topics', () => {
    const store = setup();
    renderConsole(<CustomerPanel chatId="C1" />, { store });
    act(() => store.getState().dispatch({
      type: 'customer',
      customer: {
        id: CUSTOMER, type: 'customer', name: 'Neo', email: 'neo@example.com', session_fields: [{ plan: 'gold' }], chat_ids: ['C1', 'C2'],
        last_visit: { started_at: at(0), last_pages: [{ opened_at: at(0), url: 'https://shop.example.com/cart', title: 'Cart' }] },
      },
    }));
    expect(screen.getByTestId('customer-name').textContent).toBe('Neo');
    expect(screen.getByText('neo@example.com')).toBeTruthy();
    expect(screen.getByTestId('session-fields').textContent).toContain('plangold');
    expect(screen.getByRole('link', { name: 'Cart' }).getAttribute('href')).toBe('https://shop.example.com/cart');
    expect(screen.getAllByTestId('other-chat').map((b) => b.textContent)).toEqual(['Delivery']);
  });

  it('opens another chat of the customer, and searches their past conversations', () => {
    const store = setup();
    const { commands } = renderConsole(<CustomerPanel chatId="C1" />, { store });
    act(() => store.getState().dispatch({ type: 'customer', customer: { id: CUSTOMER, type: 'customer', chat_ids: ['C1', 'C2'] } }));
    fireEvent.click(screen.getByTestId('other-chat'));
    expect(commands.openChat).toHaveBeenCalledWith('C2');
    fireEvent.click(screen.getByTestId('customer-archives'));
    expect(store.getState().view).toBe('archives');
    expect(commands.searchArchives).toHaveBeenCalledWith({ customer_id: CUSTOMER });
  });
});
