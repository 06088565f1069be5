import { act, cleanup, fireEvent, screen } from '@testing-library/react';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { fakeLayout } from '../../ui/testing/fakeLayout.js';
import { createConsoleStore } from '../state/createConsoleStore.js';
import { agent, chat, CUSTOMER, customer, message, ME, profile, thread } from '../state/testData.js';
import { useConsole } from './ConsoleContext.js';
import { History } from './History.js';
import { renderConsole } from './testing.js';

afterEach(cleanup);

function setup() {
  const store = createConsoleStore();
  const { dispatch } = store.getState();
  dispatch({ type: 'login', response: { license: {} as never, my_profile: profile(), chats_summary: [] } });
  dispatch({ type: 'incomingChat', payload: { chat: chat('C1', [customer('Neo'), agent()], thread('T2', [message('T2_1', 20, CUSTOMER, 'See https://example.com/order/7 please')])) } });
  dispatch({ type: 'threads', chatId: 'C1', threads: [thread('T1', [message('T1_1', 1, CUSTOMER, 'First visit'), message('T1_2', 2, ME, 'Welcome!')], { active: false })], olderPageId: 'P2' });
  return { store, view: () => <Live /> };
}

/** The history of C1 as the store has it now. */
function Live() {
  const chat = useConsole((state) => state.chats.C1);
  return chat ? <History chat={chat} meId={ME} customerId={CUSTOMER} /> : null;
}

describe('History', () => {
  beforeAll(() => fakeLayout('cs-history__item'));
  it('shows every thread in order with a separator each, and marks my own messages', () => {
    const { store, view } = setup();
    renderConsole(view(), { store });
    expect(screen.getAllByTestId('thread-separator')).toHaveLength(2);
    expect(screen.getAllByTestId('message').map((m) => m.textContent)).toEqual([
      expect.stringContaining('First visit'), expect.stringContaining('Welcome!'), expect.stringContaining('See https://example.com/order/7 please'),
    ]);
    expect(screen.getAllByTestId('message')[1]?.textContent).toContain('You');
    expect(screen.getByRole('log', { name: 'Conversation history' })).toBeTruthy();
  });

  it('renders links in messages as links, and text as text', () => {
    const { store, view } = setup();
    renderConsole(view(), { store });
    const link = screen.getByRole('link', { name: 'https://example.com/order/7' });
    expect(link.getAttribute('href')).toBe('https://example.com/order/7');
    expect(link.getAttribute('rel')).toContain('noopener');
  });

  it('loads earlier threads on request while the server has more', () => {
    const { store, view } = setup();
    const { commands } = renderConsole(view(), { store });
    fireEvent.click(screen.getByTestId('load-older'));
    expect(commands.loadOlder).toHaveBeenCalledWith('C1');
    act(() => store.getState().dispatch({ type: 'threads', chatId: 'C1', threads: [], olderPageId: undefined }));
    expect(screen.queryByTestId('load-older')).toBeNull();
    expect(screen.getByText('Start of the conversation')).toBeTruthy();
  });

  it('keeps only a bounded window of rows mounted for a 10,000-event chat (#17)', () => {
    const store = createConsoleStore();
    const events = Array.from({ length: 10_000 }, (_, i) => message(`E${String(i).padStart(5, '0')}`, 1, i % 2 ? ME : CUSTOMER, `line ${i}`));
    store.getState().dispatch({ type: 'login', response: { license: {} as never, my_profile: profile(), chats_summary: [] } });
    store.getState().dispatch({ type: 'incomingChat', payload: { chat: chat('C1', [customer('Neo'), agent()], thread('T1', events)) } });
    renderConsole(<Live />, { store });
    const rows = screen.getAllByTestId('message');
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.length).toBeLessThanOrEqual(60);
  });
});
