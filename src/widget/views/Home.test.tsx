import { cleanup, screen, within } from '@testing-library/react';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { loadLocale } from '../i18n/locale.js';
import { createWidgetStore } from '../state/createWidgetStore.js';
import { agent, chat, customer, message, thread } from '../state/testData.js';
import { ChatWidget } from './ChatWidget.js';
import { recordingCommands, renderWithWidget, preloadLazyViews } from './testing.js';

function signedIn(online = true) {
  const store = createWidgetStore();
  const { dispatch } = store.getState();
  dispatch({ type: 'connection', status: 'connected' });
  dispatch({ type: 'login', response: { customer, has_active_thread: false, chats: [], __priv_dynamic_config: { online_groups_ids: online ? [0] : [] } } as never });
  dispatch({ type: 'chatSummaries', summaries: [] });
  return store;
}

describe('Home', () => {
  beforeAll(preloadLazyViews);
  afterEach(cleanup);

  describe('render', () => {
    it('shows the site name, logo, welcome text, online status and reply time from the license settings (#15)', async () => {
      const store = signedIn();
      const commands = recordingCommands({ loadSiteSettings: async () => ({ name: 'Northwind', logoUrl: 'https://shop.example/logo.png', welcomeText: 'Questions about an order?', replyMinutes: 5 }) });
      renderWithWidget(<ChatWidget />, { store, commands });
      const home = screen.getByTestId('home');
      expect(await within(home).findByRole('heading', { name: 'Northwind' })).toBeTruthy();
      expect(within(home).getByRole('img', { name: 'Northwind logo' }).getAttribute('src')).toBe('https://shop.example/logo.png');
      expect(within(home).getByTestId('home-welcome').textContent).toBe('Questions about an order?');
      expect(within(home).getByTestId('home-status').textContent).toBe('We are online');
      expect(within(home).getByTestId('home-reply-time').textContent).toBe('We usually reply in about 5 min');
      expect(screen.getByTestId('new-chat')).toBeTruthy();
    });

    it('says the team is away when no group is online, and hides the reply time', async () => {
      const store = signedIn(false);
      renderWithWidget(<ChatWidget />, { store, commands: recordingCommands({ loadSiteSettings: async () => ({ replyMinutes: 5 }) }) });
      expect(screen.getByTestId('home-status').textContent).toContain('We are away right now');
      expect(screen.queryByTestId('home-reply-time')).toBeNull();
    });

    it('shows the team from the server to a first-time visitor: avatar images, initials otherwise, names said (#15)', async () => {
      const store = signedIn();
      const commands = recordingCommands({ loadTeam: async () => [{ name: 'Jane Doe', avatar: 'https://cdn.example.com/jane.png' }, { name: 'omar' }, { name: 'Ana' }, { name: 'Li' }, { name: 'Fifth' }] });
      renderWithWidget(<ChatWidget />, { store, commands });
      const team = await screen.findByRole('list', { name: 'Our team' });
      const items = within(team).getAllByRole('listitem');
      expect(items.map((item) => item.querySelector('.sb-visually-hidden')?.textContent)).toEqual(['Jane Doe', 'omar', 'Ana', 'Li']);
      expect(items.map((item) => item.querySelector('.sb-avatar--initial')?.textContent ?? 'image')).toEqual(['image', 'O', 'A', 'L']);
      expect(team.querySelector('img')?.getAttribute('src')).toBe('https://cdn.example.com/jane.png');
      expect(team.querySelectorAll('img')).toHaveLength(1);
      expect(commands.loadTeam).toHaveBeenCalledTimes(1);
    });

    it('shows the agents the visitor has met when the server names no team', () => {
      const store = signedIn();
      const hostile = { ...agent, id: 'eve@example.com', name: 'Eve', avatar: 'javascript:alert(1)' };
      store.getState().dispatch({ type: 'incomingChat', chat: { ...chat('A', thread('TA', 0, [message('TA_1', 1, 'hi')], true), 'Orders'), users: [{ ...customer, present: true }, agent, hostile] } });
      renderWithWidget(<ChatWidget />, { store });
      const team = screen.getByRole('list', { name: 'Our team' });
      expect(within(team).getByText('Agent Smith')).toBeTruthy();
      expect(team.querySelector('img')?.getAttribute('src')).toBe('https://example.com/a.png');
      expect(team.querySelectorAll('img')).toHaveLength(1);
      expect(within(team).getByText('Eve')).toBeTruthy();
    });

    it('uses the page\'s own name and brand colour over the license settings', async () => {
      const store = signedIn();
      const { container } = renderWithWidget(<ChatWidget />, { store, commands: recordingCommands({ loadSiteSettings: async () => ({ name: 'From settings', brandColor: '#000000' }) }), widget: { siteName: 'From page', brandColor: '#fde047' } });
      expect(await screen.findByRole('heading', { name: 'From page' })).toBeTruthy();
      const root = container.querySelector<HTMLElement>('.sb-root');
      expect(root?.style.getPropertyValue('--switchboard-primary')).toBe('#fde047');
      // a pale brand colour gets dark text
      expect(root?.style.getPropertyValue('--switchboard-on-primary')).toBe('#111827');
    });

    it('speaks German and sets dir="rtl" with lang for Arabic (#15)', async () => {
      const de = await loadLocale('de-DE');
      renderWithWidget(<ChatWidget />, { store: signedIn(), widget: { locale: de } });
      expect(screen.getByRole('button', { name: 'Neuer Chat' })).toBeTruthy();
      expect(screen.getByTestId('home-status').textContent).toBe('Wir sind online');
      cleanup();
      const ar = await loadLocale('ar');
      const { container } = renderWithWidget(<ChatWidget />, { store: signedIn(), widget: { locale: ar } });
      const root = container.querySelector('.sb-root');
      expect(root?.getAttribute('dir')).toBe('rtl');
      expect(root?.getAttribute('lang')).toBe('ar');
      expect(screen.getByRole('button', { name: 'محادثة جديدة' })).toBeTruthy();
    });
  });
});
