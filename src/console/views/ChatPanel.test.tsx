import { act, cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { createConsoleStore } from '../state/createConsoleStore.js';
import { agent, chat, CUSTOMER, customer, message, ME, profile, thread } from '../state/testData.js';
import { ChatPanel } from './ChatPanel.js';
import { recordingCommands, recordingSettings, renderConsole } from './testing.js';

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

  it('transfers to a person picked by name, listing only those who can take the chat, least busy first (#14)', async () => {
    const s = store(true);
    const person = (id: string, name: string, max: number) => ({ id, account_id: id, name, avatar: '', role: 'normal' as const, login_status: 'accepting chats', max_chats_count: max });
    const commands = recordingCommands({
      transferFacts: async () => ({
        candidates: [{ agent_id: 'busy@example.com', total_active_chats: 5 }, { agent_id: 'full@example.com', total_active_chats: 2 }, { agent_id: 'away@example.com', total_active_chats: 0 }, { agent_id: 'second@example.com', total_active_chats: 1 }, { agent_id: ME, total_active_chats: 1 }],
        statuses: [{ agent_id: 'busy@example.com', status: 'accepting_chats' }, { agent_id: 'full@example.com', status: 'accepting_chats' }, { agent_id: 'away@example.com', status: 'not_accepting_chats' }, { agent_id: 'second@example.com', status: 'accepting_chats' }, { agent_id: ME, status: 'accepting_chats' }],
      }),
    });
    const settings = recordingSettings({
      listAgents: async () => [person('busy@example.com', 'Bea Busy', 6), person('full@example.com', 'Fred Full', 2), person('away@example.com', 'Ann Away', 6), person('second@example.com', 'Sam Second', 6), person(ME, 'Agent Smith', 6)],
      listGroups: async () => [{ id: 2, name: 'Billing' }, { id: 0, name: 'General' }],
    });
    renderConsole(<ChatPanel chatId="C1" />, { store: s, commands, settings });
    fireEvent.click(screen.getByTestId('transfer-chat'));
    await waitFor(() => expect((screen.getByTestId('transfer-agent') as HTMLSelectElement).value).toBe('second@example.com'));
    const options = [...(screen.getByTestId('transfer-agent') as HTMLSelectElement).options].map((o) => o.textContent);
    expect(options).toEqual(['Sam Second · accepting · 1 of 6 chats', 'Bea Busy · accepting · 5 of 6 chats']);
    fireEvent.click(screen.getByTestId('transfer-confirm'));
    await waitFor(() => expect(commands.transfer).toHaveBeenCalledWith('C1', { type: 'agent', ids: ['second@example.com'] }));
  });

  it('transfers to a group picked by name', async () => {
    const settings = recordingSettings({ listGroups: async () => [{ id: 2, name: 'Billing' }, { id: 0, name: 'General' }] });
    const { commands } = renderConsole(<ChatPanel chatId="C1" />, { store: store(true), settings });
    fireEvent.click(screen.getByTestId('transfer-chat'));
    fireEvent.click(screen.getByTestId('transfer-kind-group'));
    await waitFor(() => expect([...(screen.getByTestId('transfer-group') as HTMLSelectElement).options].map((o) => o.textContent)).toEqual(['General', 'Billing']));
    fireEvent.change(screen.getByTestId('transfer-group'), { target: { value: '2' } });
    fireEvent.click(screen.getByTestId('transfer-confirm'));
    await waitFor(() => expect(commands.transfer).toHaveBeenCalledWith('C1', { type: 'group', ids: [2] }));
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
