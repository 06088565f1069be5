import { act, cleanup, fireEvent, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createWidgetStore } from '../state/createWidgetStore.js';
import { chat, thread } from '../state/testData.js';
import { Composer } from './Composer.js';
import { recordingCommands, renderWithWidget } from './testing.js';

function storeWith(active: boolean) {
  const store = createWidgetStore();
  store.getState().dispatch({ type: 'connection', status: 'connected' });
  store.getState().dispatch({ type: 'incomingChat', chat: chat('A', thread('T', 0, [], active)) });
  return store;
}

describe('Composer', () => {
  afterEach(() => {
    cleanup();
    vi.useRealTimers();
  });

  it('sends on Enter and clears the field; Shift+Enter does not send', () => {
    const commands = recordingCommands();
    renderWithWidget(<Composer chatId="A" onFiles={() => undefined} />, { store: storeWith(true), commands });
    const input = screen.getByLabelText('Message') as HTMLTextAreaElement;
    fireEvent.change(input, { target: { value: 'line one' } });
    fireEvent.keyDown(input, { key: 'Enter', shiftKey: true });
    expect(commands.sendMessage).not.toHaveBeenCalled();
    fireEvent.keyDown(input, { key: 'Enter' });
    expect(commands.sendMessage).toHaveBeenCalledWith('A', 'line one');
    expect(input.value).toBe('');
  });

  it('does not send whitespace only', () => {
    const commands = recordingCommands();
    renderWithWidget(<Composer chatId="A" onFiles={undefined} />, { store: storeWith(true), commands });
    fireEvent.change(screen.getByLabelText('Message'), { target: { value: '   ' } });
    fireEvent.keyDown(screen.getByLabelText('Message'), { key: 'Enter' });
    expect(commands.sendMessage).not.toHaveBeenCalled();
    expect((screen.getByRole('button', { name: 'Send' }) as HTMLButtonElement).disabled).toBe(true);
  });

  it('throttles sneak peeks to one per second, sending the latest text last', () => {
    vi.useFakeTimers();
    const commands = recordingCommands();
    renderWithWidget(<Composer chatId="A" onFiles={undefined} />, { store: storeWith(true), commands });
    const input = screen.getByLabelText('Message');
    fireEvent.change(input, { target: { value: 'H' } });
    fireEvent.change(input, { target: { value: 'He' } });
    fireEvent.change(input, { target: { value: 'Hel' } });
    expect(commands.sendSneakPeek.mock.calls).toEqual([['A', 'H']]);
    act(() => void vi.advanceTimersByTime(1000));
    expect(commands.sendSneakPeek.mock.calls).toEqual([['A', 'H'], ['A', 'Hel']]);
  });

  it('is disabled with the reason when the connection was closed by the server', () => {
    const store = storeWith(true);
    store.getState().dispatch({ type: 'connection', status: 'disconnected', reason: 'customer_banned' });
    renderWithWidget(<Composer chatId="A" onFiles={undefined} />, { store });
    const input = screen.getByLabelText('Message') as HTMLTextAreaElement;
    expect(input.disabled).toBe(true);
    expect(screen.getByTestId('composer-hint').textContent).toBe('You were banned from this chat. Messages cannot be sent.');
    expect(input.getAttribute('aria-describedby')).toBe(screen.getByTestId('composer-hint').id);
  });

  it('stays usable in a closed chat and says that sending reopens it', () => {
    const commands = recordingCommands();
    renderWithWidget(<Composer chatId="A" onFiles={undefined} />, { store: storeWith(false), commands });
    expect(screen.getByTestId('composer-hint').textContent).toBe('This chat is closed. Sending a message reopens it.');
    fireEvent.change(screen.getByLabelText('Message'), { target: { value: 'Hello again' } });
    fireEvent.click(screen.getByRole('button', { name: 'Send' }));
    expect(commands.sendMessage).toHaveBeenCalledWith('A', 'Hello again');
  });

  it('says messages are queued while reconnecting, and still accepts them', () => {
    const store = storeWith(true);
    store.getState().dispatch({ type: 'connection', status: 'reconnecting' });
    const commands = recordingCommands();
    renderWithWidget(<Composer chatId="A" onFiles={undefined} />, { store, commands });
    expect(screen.getByTestId('composer-hint').textContent).toContain('sent when the connection returns');
    fireEvent.change(screen.getByLabelText('Message'), { target: { value: 'queued' } });
    fireEvent.keyDown(screen.getByLabelText('Message'), { key: 'Enter' });
    expect(commands.sendMessage).toHaveBeenCalledWith('A', 'queued');
    expect((screen.getByRole('button', { name: 'Attach a file' }) as HTMLButtonElement).disabled).toBe(true);
  });

  it('hands pasted files to the uploader', () => {
    const onFiles = vi.fn();
    renderWithWidget(<Composer chatId="A" onFiles={onFiles} />, { store: storeWith(true) });
    const file = new File(['x'], 'shot.png', { type: 'image/png' });
    fireEvent.paste(screen.getByLabelText('Message'), { clipboardData: { files: [file] } });
    expect(onFiles).toHaveBeenCalledWith([file]);
  });

  it('keeps the draft of each chat when switching away and back', () => {
    const store = storeWith(true);
    const view = renderWithWidget(<Composer key="A" chatId="A" onFiles={undefined} />, { store });
    fireEvent.change(screen.getByLabelText('Message'), { target: { value: 'half-written' } });
    view.unmount();
    renderWithWidget(<Composer key="A" chatId="A" onFiles={undefined} />, { store });
    expect((screen.getByLabelText('Message') as HTMLTextAreaElement).value).toBe('half-written');
  });
});
