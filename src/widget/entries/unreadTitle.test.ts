import { describe, expect, it } from 'vitest';
import { createWidgetStore } from '../state/createWidgetStore.js';
import { chat, customer, message, thread } from '../state/testData.js';
import { showUnreadInTitle } from './unreadTitle.js';

describe('showUnreadInTitle()', () => {
  it('prefixes the page title with the unread count and restores it once read (#15)', () => {
    const store = createWidgetStore();
    const { dispatch } = store.getState();
    dispatch({ type: 'login', response: { customer, has_active_thread: true, chats: [], __priv_dynamic_config: {} } as never });
    const doc = { title: 'Chat' };
    const stop = showUnreadInTitle(store, doc);
    dispatch({ type: 'incomingChat', chat: chat('A', thread('TA', 0, [message('TA_1', 1, 'hello')], true), 'Orders') });
    expect(doc.title).toBe('(1) Chat');
    dispatch({ type: 'incomingEvent', payload: { chat_id: 'A', thread_id: 'TA', event: message('TA_2', 2, 'are you there?') } });
    expect(doc.title).toBe('(2) Chat');
    dispatch({ type: 'eventsSeen', payload: { chat_id: 'A', user_id: customer.id, seen_up_to: message('TA_2', 2, '').created_at } });
    expect(doc.title).toBe('Chat');
    stop();
  });
});
