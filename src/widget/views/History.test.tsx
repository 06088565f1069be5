import { act, cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { ChatEvent } from '../../protocol/entities.js';
import { createWidgetStore } from '../state/createWidgetStore.js';
import { CUSTOMER_ID, agent, at, chat, customer, message, thread } from '../state/testData.js';
import { fakeLayout } from '../../ui/testing/fakeLayout.js';
import { History } from './History.js';
import { recordingCommands, renderWithWidget } from './testing.js';

function baseStore() {
  const store = createWidgetStore();
  const { dispatch } = store.getState();
  dispatch({ type: 'connection', status: 'connected' });
  dispatch({ type: 'login', response: { customer: { ...customer, statistics: { chats_count: 1, threads_count: 2, visits_count: 1, page_views_count: 1, greetings_shown_count: 0, greetings_accepted_count: 0 } }, has_active_thread: true, chats: [], __priv_dynamic_config: { online_groups_ids: [0] } } });
  return store;
}

const DAY = 24 * 3600;

describe('History', () => {
  beforeAll(() => fakeLayout('sb-history__item'));
  afterEach(cleanup);

  it('shows one timeline across threads with thread and date separators, system messages and agent names', async () => {
    const store = baseStore();
    const older = thread('T1', 0, [message('T1_1', 1, 'First question', CUSTOMER_ID), message('T1_2', 2, 'First answer'), { id: 'T1_3', type: 'system_message', system_message_type: 'manual_archived_customer', text: 'Ada closed the chat', created_at: at(3) } as ChatEvent]);
    const newer = thread('T2', DAY * 2, [message('T2_1', DAY * 2 + 1, 'Back again', CUSTOMER_ID)], true, { previous_thread_id: 'T1' });
    store.getState().dispatch({ type: 'threads', chatId: 'A', threads: [newer, older], reachedOldest: true });
    store.getState().dispatch({ type: 'incomingChat', chat: chat('A', newer, 'Orders') });
    renderWithWidget(<History chatId="A" label="Messages in Orders" />, { store });
    const log = screen.getByRole('log', { name: 'Messages in Orders' });
    expect(within(log).getByText('Start of conversation')).toBeTruthy();
    expect(within(log).getByText('First question')).toBeTruthy();
    expect(within(log).getByText(agent.name)).toBeTruthy();
    // written for the visitor, not the server's agent-facing text (#15)
    expect(within(log).getByTestId('system-message').textContent).toBe('Chat ended');
    expect(within(log).getAllByTestId('thread-separator')).toHaveLength(1);
    expect(log.querySelectorAll('.sb-separator--date')).toHaveLength(2);
    const texts = within(log).getAllByTestId('message').map((row) => row.querySelector('.sb-bubble__text')?.textContent);
    expect(texts).toEqual(['First question', 'First answer', 'Back again']);
  });

  it('renders text as text and only http(s) links as links', () => {
    const store = baseStore();
    store.getState().dispatch({ type: 'incomingChat', chat: chat('A', thread('T', 0, [message('T_1', 1, '<img src=x onerror=alert(1)> see https://example.com/a?b=1. or javascript:alert(1)')], true)) });
    renderWithWidget(<History chatId="A" label="h" />, { store });
    const log = screen.getByRole('log');
    expect(log.querySelector('img[src="x"]')).toBeNull();
    expect(within(log).getByText(/<img src=x onerror=alert\(1\)>/)).toBeTruthy();
    const links = within(log).getAllByRole('link');
    expect(links.map((link) => link.getAttribute('href'))).toEqual(['https://example.com/a?b=1']);
    expect(links[0]?.getAttribute('rel')).toContain('noopener');
  });

  it('shows delivery states: sending, failed with retry, and seen once an agent has seen it', () => {
    const store = baseStore();
    const { dispatch } = store.getState();
    dispatch({ type: 'incomingChat', chat: chat('A', thread('T', 0, [message('T_1', 10, 'mine', CUSTOMER_ID)], true)) });
    dispatch({ type: 'outbox', items: [
      { customId: 'q', chatId: 'A', event: { type: 'message', text: 'on its way', custom_id: 'q' }, createdAt: 1, status: 'sending' },
      { customId: 'f', chatId: 'A', event: { type: 'message', text: 'broken', custom_id: 'f' }, createdAt: 2, status: 'failed', error: 'chat_limit_reached' },
    ] });
    const commands = recordingCommands();
    renderWithWidget(<History chatId="A" label="h" />, { store, commands });
    const log = screen.getByRole('log');
    expect(within(log).getAllByTestId('delivery').map((node) => node.textContent)).toEqual(['Sent', 'Sending…']);
    expect(within(log).getByRole('alert').textContent).toContain('Not sent: you have as many open chats as this site allows.');
    fireEvent.click(within(log).getByRole('button', { name: 'Retry' }));
    expect(commands.retry).toHaveBeenCalledWith('f');
    act(() => dispatch({ type: 'eventsSeen', payload: { user_id: agent.id, chat_id: 'A', seen_up_to: at(10) } }));
    expect(within(log).getAllByTestId('delivery')[0]?.textContent).toBe('Seen');
  });

  it('shows images and files as safe links', () => {
    const store = baseStore();
    const image = { id: 'T_1', type: 'file', created_at: at(1), author_id: agent.id, url: 'https://files.example.com/cat.png', name: 'cat.png', content_type: 'image/png', size: 2048, width: 10, height: 10, alternative_text: 'A cat' } as ChatEvent;
    const pdf = { id: 'T_2', type: 'file', created_at: at(2), author_id: agent.id, url: 'https://files.example.com/a.pdf', name: 'invoice.pdf', content_type: 'application/pdf', size: 3 * 1024 * 1024 } as ChatEvent;
    store.getState().dispatch({ type: 'incomingChat', chat: chat('A', thread('T', 0, [image, pdf], true)) });
    renderWithWidget(<History chatId="A" label="h" />, { store });
    expect(screen.getByRole('img', { name: 'A cat' }).getAttribute('src')).toBe('https://files.example.com/cat.png');
    expect(screen.getByRole('link', { name: /invoice\.pdf/ }).textContent).toContain('3 MB');
  });

  it('sends a postback (and the reply text) when a quick reply is chosen', () => {
    const store = baseStore();
    const rich = { id: 'T_1', type: 'rich_message', created_at: at(1), author_id: agent.id, template_id: 'quick_replies', elements: [{ title: 'Did this help?', buttons: [{ text: 'Yes', type: 'message', value: 'yes', postback_id: 'pb-yes', user_ids: [] }, { text: 'Docs', type: 'url', value: 'javascript:alert(1)', postback_id: 'pb-docs', user_ids: [] }] }] } as ChatEvent;
    store.getState().dispatch({ type: 'incomingChat', chat: chat('A', thread('T', 0, [rich], true)) });
    const commands = recordingCommands();
    renderWithWidget(<History chatId="A" label="h" />, { store, commands });
    expect(screen.getByText('Did this help?')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Yes' }));
    expect(commands.sendPostback).toHaveBeenCalledWith({ chatId: 'A', threadId: 'T', eventId: 'T_1', postbackId: 'pb-yes', toggled: true });
    expect(commands.sendMessage).toHaveBeenCalledWith('A', 'Yes');
    expect(screen.queryByRole('link', { name: 'Docs' })).toBeNull(); // a javascript: URL is not a link
  });

  it('asks for the first history page and keeps only a bounded window of rows mounted', async () => {
    const store = baseStore();
    const events = Array.from({ length: 2000 }, (_, i) => message(`T_${i + 1}`, i + 1, `message ${i + 1}`));
    store.getState().dispatch({ type: 'incomingChat', chat: chat('A', thread('T', 0, events, true)) });
    const commands = recordingCommands();
    renderWithWidget(<History chatId="A" label="h" />, { store, commands });
    await waitFor(() => expect(commands.loadHistoryPage).toHaveBeenCalledWith('A', undefined));
    const mounted = screen.getByRole('log').querySelectorAll('.sb-history__item').length;
    expect(mounted).toBeGreaterThan(0);
    expect(mounted).toBeLessThanOrEqual(60);
  });
});
