import { describe, expect, it } from 'vitest';
import { createWidgetStore } from '../state/createWidgetStore.js';
import { chat, message, thread } from '../state/testData.js';
import { linkSelectedChat } from './chatLink.js';

function fakeAddress(href: string) {
  const location = { href };
  const history = { state: null, replaceState: (_s: unknown, _t: string, url: string) => { location.href = url; } };
  return { location, history };
}

describe('linkSelectedChat()', () => {
  it('opens the chat named by ?chat= once the chat is known', () => {
    const store = createWidgetStore();
    const { location, history } = fakeAddress('https://chat.example/?chat=CHATB00000&x=1');
    linkSelectedChat(store, location, history);
    expect(store.getState().selectedChatId).toBeUndefined();
    store.getState().dispatch({ type: 'incomingChat', chat: chat('CHATB00000', thread('T1', 10, [message('T1_1', 11, 'hi')], true), 'billing') });
    expect(store.getState().selectedChatId).toBe('CHATB00000');
    expect(location.href).toBe('https://chat.example/?chat=CHATB00000&x=1');
  });

  it('keeps the address in step with the selected chat, without touching other parameters', () => {
    const store = createWidgetStore();
    const { location, history } = fakeAddress('https://chat.example/?organization_id=o1');
    linkSelectedChat(store, location, history);
    store.getState().dispatch({ type: 'incomingChat', chat: chat('CHATA00000', thread('T1', 10, [], true)) });
    store.getState().dispatch({ type: 'selectChat', chatId: 'CHATA00000' });
    expect(new URL(location.href).searchParams.get('chat')).toBe('CHATA00000');
    expect(new URL(location.href).searchParams.get('organization_id')).toBe('o1');
    store.getState().dispatch({ type: 'selectChat', chatId: undefined });
    expect(new URL(location.href).searchParams.has('chat')).toBe(false);
  });

  it('ignores a malformed chat id', () => {
    const store = createWidgetStore();
    const { location, history } = fakeAddress('https://chat.example/?chat=%3Cscript%3E');
    linkSelectedChat(store, location, history);
    store.getState().dispatch({ type: 'incomingChat', chat: chat('CHATA00000', thread('T1', 10, [], true)) });
    expect(store.getState().selectedChatId).not.toBe('<script>');
  });
});
