import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ConsoleInstance } from '../createConsole.js';
import type { ConsoleSession } from '../session.js';
import { createConsoleStore } from '../state/createConsoleStore.js';
import { profile } from '../state/testData.js';
import { ConsoleRoot, type SessionStore } from './ConsoleRoot.js';
import { cannedCatalogOf, recordingCommands, recordingSettings } from './testing.js';

afterEach(cleanup);

function memorySessions(initial?: ConsoleSession): SessionStore & { current: ConsoleSession | undefined } {
  return {
    current: initial,
    load() { return this.current; },
    save(session) { this.current = session; },
    clear() { this.current = undefined; },
  };
}

function fakeStart() {
  const instances: (ConsoleInstance & { session: ConsoleSession })[] = [];
  const start = vi.fn((session: ConsoleSession) => {
    const settings = recordingSettings();
    const instance = { session, store: createConsoleStore(), commands: recordingCommands(), settings, canned: cannedCatalogOf(settings), desktop: { state: () => 'unsupported' as const, requestPermission: async () => undefined, show: () => undefined }, connect: vi.fn(), dispose: vi.fn(), signOut: vi.fn(async () => undefined) };
    instances.push(instance);
    return instance;
  });
  return { start, instances, last: () => instances[instances.length - 1]! };
}

describe('ConsoleRoot', () => {
  it('signs in with agent id and token, keeps the session and connects', async () => {
    const sessions = memorySessions();
    const { start, last } = fakeStart();
    render(<ConsoleRoot start={start} sessions={sessions} />);
    fireEvent.change(screen.getByLabelText('Agent id'), { target: { value: 'owner@localhost' } });
    fireEvent.change(screen.getByLabelText('Personal access token'), { target: { value: 'pat' } });
    fireEvent.click(screen.getByRole('button', { name: 'Sign in' }));
    await waitFor(() => expect(last().connect).toHaveBeenCalled());
    expect(sessions.current).toEqual({ agentId: 'owner@localhost', token: 'pat' });
    expect(screen.getByRole('status').textContent).toBe('Connecting…');
    act(() => last().store.getState().dispatch({ type: 'login', response: { license: {} as never, my_profile: profile(), chats_summary: [] } }));
    expect(screen.getByTestId('routing-status')).toBeTruthy();
  });

  it('resumes a stored session without asking again (a reload)', async () => {
    const { start, last } = fakeStart();
    render(<ConsoleRoot start={start} sessions={memorySessions({ agentId: 'a@b', token: 't' })} />);
    await waitFor(() => expect(last().connect).toHaveBeenCalled());
    expect(last().session).toEqual({ agentId: 'a@b', token: 't' });
    expect(screen.queryByLabelText('Agent id')).toBeNull();
  });

  it('goes back to the form with a reason when the token is refused, and forgets the session', async () => {
    const sessions = memorySessions({ agentId: 'a@b', token: 'wrong' });
    const { start, last } = fakeStart();
    render(<ConsoleRoot start={start} sessions={sessions} />);
    await waitFor(() => expect(last().connect).toHaveBeenCalled());
    act(() => last().store.getState().dispatch({ type: 'connection', status: 'disconnected', reason: 'authentication' }));
    expect(screen.getByRole('alert').textContent).toBe('The agent id or token is wrong.');
    expect(sessions.current).toBeUndefined();
    expect(last().dispose).toHaveBeenCalled();
  });

  it('signs out on the server and forgets the session', async () => {
    const sessions = memorySessions({ agentId: 'a@b', token: 't' });
    const { start, last } = fakeStart();
    render(<ConsoleRoot start={start} sessions={sessions} />);
    await waitFor(() => expect(last().connect).toHaveBeenCalled());
    act(() => last().store.getState().dispatch({ type: 'login', response: { license: {} as never, my_profile: profile(), chats_summary: [] } }));
    fireEvent.click(screen.getByTestId('sign-out'));
    await waitFor(() => expect(screen.getByLabelText('Agent id')).toBeTruthy());
    expect(last().signOut).toHaveBeenCalled();
    expect(sessions.current).toBeUndefined();
  });
});
