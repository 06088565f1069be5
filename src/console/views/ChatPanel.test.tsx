import { act, cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { createConsoleStore } from '../state/createConsoleStore.js';
import { agent, chat, CUSTOMER, customer, message, profile, thread } from '../state/testData.js';
import { ChatPanel } from './ChatPanel.js';
import { renderConsole } from './testing.js';

afterEach(cleanup);

function store(member: boolean) {
  const s = createConsoleStore();
  const { dispatch } = s.getState();
  dispatch({ type: 'login', response: { license: {} as never, my_profile: profile(), chats_summary: [] } });
  dispatch({ type: 'incomingChat', payload: { chat: chat('C1', member ? [customer('Neo'), agent()] : [customer('Neo')], thread('T1', [message('T1_1', 1, CUSTOMER, 'Hello there')]), 'Billing') } });
  dispatch({ type: 'threads', chatId: 'C1', threads: [], olderPageId: undefined });
  return s;
}

describe('ChatPanel', () => {
  it('offers Join on a queued chat and keeps the composer disabled until then', () => {
    const { commands } = renderConsole(<ChatPanel chatId="C1" />, { store: store(false) });
    expect((screen.getByTestId('composer-input') as HTMLTextAreaElement).disabled).toBe(true);
    fireEvent.click(screen.getByTestId('join-chat'));
    expect(commands.join).toHaveBeenCalledWith('C1');
  });

  it('sends with Enter and clears the composer', async () => {
    const { commands } = renderConsole(<ChatPanel chatId="C1" />, { store: store(true) });
    const input = screen.getByLabelText('Message') as HTMLTextAreaElement;
    fireEvent.change(input, { target: { value: 'How can I help?' } });
    expect(commands.setTyping).toHaveBeenCalledWith('C1', true);
    fireEvent.keyDown(input, { key: 'Enter' });
    await waitFor(() => expect(input.value).toBe(''));
    expect(commands.sendMessage).toHaveBeenCalledWith('C1', 'How can I help?');
  });

  it('bans only after the confirmation, with the chosen number of days', async () => {
    const { commands } = renderConsole(<ChatPanel chatId="C1" />, { store: store(true) });
    fireEvent.click(screen.getByTestId('ban-customer'));
    const dialog = screen.getByRole('dialog', { name: 'Ban Neo?' });
    expect(commands.ban).not.toHaveBeenCalled();
    fireEvent.keyDown(dialog, { key: 'Escape' });
    expect(screen.queryByRole('dialog')).toBeNull();
    fireEvent.click(screen.getByTestId('ban-customer'));
    fireEvent.change(screen.getByLabelText('Ban for'), { target: { value: '7' } });
    fireEvent.click(screen.getByTestId('ban-confirm'));
    await waitFor(() => expect(commands.ban).toHaveBeenCalledWith(CUSTOMER, 7));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
  });

  it('shows the sneak peek while the customer types and announces new messages', () => {
    const s = store(true);
    renderConsole(<ChatPanel chatId="C1" />, { store: s });
    act(() => s.getState().dispatch({ type: 'sneakPeek', payload: { chat_id: 'C1', thread_id: 'T1', sneak_peek: { author_id: CUSTOMER, text: 'I need a ref', timestamp: 1 } } }));
    expect(screen.getByTestId('sneak-peek').textContent).toContain('I need a ref');
    act(() => s.getState().dispatch({ type: 'incomingEvent', payload: { chat_id: 'C1', thread_id: 'T1', event: message('T1_2', 2, CUSTOMER, 'I need a refund') } }));
    expect(screen.queryByTestId('sneak-peek')).toBeNull();
    expect(screen.getByTestId('live-region').textContent).toBe('Neo says: I need a refund');
    expect(screen.getByTestId('live-region').getAttribute('aria-live')).toBe('polite');
  });

  it('transfers to the agent picked in the dialog', async () => {
    const s = store(true);
    const { commands } = renderConsole(<ChatPanel chatId="C1" />, { store: s });
    (commands.listAgents as unknown as { mockResolvedValue(v: unknown): void }).mockResolvedValue([{ agent_id: 'second@example.com', status: 'accepting_chats' }]);
    fireEvent.click(screen.getByTestId('transfer-chat'));
    await waitFor(() => expect((screen.getByTestId('transfer-agent') as HTMLSelectElement).value).toBe('second@example.com'));
    fireEvent.click(screen.getByTestId('transfer-confirm'));
    await waitFor(() => expect(commands.transfer).toHaveBeenCalledWith('C1', { type: 'agent', ids: ['second@example.com'] }));
  });

  it('lets a supervisor take over a chat a bot holds, and shows who holds it (#14)', () => {
    const s = createConsoleStore();
    s.getState().dispatch({ type: 'login', response: { license: {} as never, my_profile: profile(), chats_summary: [] } });
    s.getState().dispatch({ type: 'incomingChat', payload: { chat: chat('C2', [customer('Neo'), agent('greeter')], thread('T1', [message('T1_1', 1)])) } });
    const { commands } = renderConsole(<ChatPanel chatId="C2" />, { store: s });
    expect(screen.getByTestId('chat-status').textContent).toBe('With Other');
    fireEvent.click(screen.getByTestId('take-over-chat'));
    expect(commands.takeOver).toHaveBeenCalledWith('C2');
  });

  it('offers no take-over to a normal agent', () => {
    const s = createConsoleStore();
    s.getState().dispatch({ type: 'login', response: { license: {} as never, my_profile: profile({ permission: 'normal' }), chats_summary: [] } });
    s.getState().dispatch({ type: 'incomingChat', payload: { chat: chat('C2', [customer('Neo'), agent('greeter')], thread('T1', [message('T1_1', 1)])) } });
    renderConsole(<ChatPanel chatId="C2" />, { store: s });
    expect(screen.queryByTestId('take-over-chat')).toBeNull();
  });
});
