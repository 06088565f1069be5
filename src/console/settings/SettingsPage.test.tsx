import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { RtmError } from '../../rtm/RtmError.js';
import { createConsoleStore } from '../state/createConsoleStore.js';
import { ME, profile } from '../state/testData.js';
import { recordingSettings, renderConsole } from '../views/testing.js';
import { SettingsPage } from './SettingsPage.js';

afterEach(cleanup);

function storeAs(permission: 'owner' | 'normal') {
  const store = createConsoleStore();
  store.getState().dispatch({ type: 'login', response: { license: {} as never, my_profile: profile({ permission }), chats_summary: [] } });
  return store;
}

describe('SettingsPage', () => {
  it('shows a normal agent only their profile and the canned responses, and saves their own name and avatar (#14)', async () => {
    const { settings } = renderConsole(<SettingsPage onClose={() => undefined} />, { store: storeAs('normal') });
    expect(screen.getAllByRole('button', { name: /Chats and widget|Agents|Groups|Canned responses|My profile/ }).map((b) => b.textContent)).toEqual(['My profile', 'Canned responses']);
    fireEvent.change(screen.getByTestId('profile-name'), { target: { value: 'Agent J' } });
    fireEvent.change(screen.getByTestId('profile-avatar'), { target: { value: 'https://example.com/j.png' } });
    fireEvent.click(screen.getByTestId('profile-save'));
    await waitFor(() => expect(screen.getByTestId('settings-status').textContent).toMatch(/Saved/));
    expect(settings.updateAgent).toHaveBeenCalledWith(ME, { name: 'Agent J', avatar: 'https://example.com/j.png' });
  });

  it('loads the license settings and saves chat limit, websites and widget in one call (#14)', async () => {
    const { settings } = renderConsole(<SettingsPage onClose={() => undefined} />, { store: storeAs('owner') });
    fireEvent.change(await screen.findByTestId('max-customer-chats'), { target: { value: '3' } });
    fireEvent.change(screen.getByTestId('allowed-websites'), { target: { value: 'https://shop.example' } });
    fireEvent.change(screen.getByTestId('widget-widget_name'), { target: { value: 'Acme support' } });
    fireEvent.change(screen.getByTestId('widget-brand_color'), { target: { value: '#0a7d4f' } });
    fireEvent.click(screen.getByTestId('license-save'));
    await waitFor(() => expect(settings.saveLicense).toHaveBeenCalledTimes(1));
    expect(settings.saveLicense).toHaveBeenCalledWith({
      maxCustomerChats: 3, allowedWebsites: 'https://shop.example',
      widget: { widget_name: 'Acme support', logo_url: '', brand_color: '#0a7d4f', welcome_text: '', reply_time: '' },
    });
  });

  it('says what the server refused', async () => {
    const settings = recordingSettings({ saveLicense: async () => { throw new RtmError('validation', 'security.allowed_websites: "shop" is not an origin'); } });
    renderConsole(<SettingsPage onClose={() => undefined} />, { store: storeAs('owner'), settings });
    fireEvent.click(await screen.findByTestId('license-save'));
    await waitFor(() => expect(screen.getByTestId('settings-status').textContent).toBe('security.allowed_websites: "shop" is not an origin'));
  });

  it('creates an agent and shows the sign-in token once (#14)', async () => {
    const { settings } = renderConsole(<SettingsPage onClose={() => undefined} />, { store: storeAs('owner') });
    fireEvent.click(screen.getByTestId('settings-agents'));
    const form = await screen.findByTestId('agent-create-form');
    fireEvent.change(within(form).getByTestId('agent-id'), { target: { value: 'jane@example.com' } });
    fireEvent.change(within(form).getByTestId('agent-name'), { target: { value: 'Jane' } });
    fireEvent.change(within(form).getByTestId('agent-role'), { target: { value: 'administrator' } });
    fireEvent.submit(form);
    await waitFor(() => expect(screen.getByTestId('settings-status').textContent).not.toBe(''));
    expect(screen.getByTestId('settings-status').textContent).toBe('Jane can sign in now.');
    expect((await screen.findByTestId('agent-token-value')).textContent).toBe('token-shown-once');
    expect(settings.createAgent).toHaveBeenCalledWith('jane@example.com', { id: 'jane@example.com', name: 'Jane', role: 'administrator', max_chats_count: 6, groups: [{ id: 0, priority: 'normal' }] });
    fireEvent.click(screen.getByRole('button', { name: 'Done' }));
    expect(screen.queryByTestId('agent-token')).toBeNull();
  });

  it('removes an agent only after the confirmation', async () => {
    const jane = { id: 'jane@example.com', account_id: 'jane@example.com', name: 'Jane', avatar: '', role: 'normal' as const, login_status: 'not accepting chats', max_chats_count: 6, groups: [] };
    const settings = recordingSettings({ listAgents: async () => [jane] });
    renderConsole(<SettingsPage onClose={() => undefined} />, { store: storeAs('owner'), settings });
    fireEvent.click(screen.getByTestId('settings-agents'));
    fireEvent.click(await screen.findByTestId('agent-remove'));
    expect(settings.deleteAgent).not.toHaveBeenCalled();
    fireEvent.click(within(screen.getByTestId('agent-remove-dialog')).getByTestId('agent-remove-confirm'));
    await waitFor(() => expect(settings.deleteAgent).toHaveBeenCalledWith('jane@example.com'));
  });

  it('never offers to remove the owner', async () => {
    renderConsole(<SettingsPage onClose={() => undefined} />, { store: storeAs('owner') });
    fireEvent.click(screen.getByTestId('settings-agents'));
    await screen.findByTestId('agent-row');
    expect(screen.queryByTestId('agent-remove')).toBeNull();
  });

  it('adds a group by name', async () => {
    const { settings } = renderConsole(<SettingsPage onClose={() => undefined} />, { store: storeAs('owner') });
    fireEvent.click(screen.getByTestId('settings-groups'));
    fireEvent.change(await screen.findByTestId('group-new-name'), { target: { value: 'Billing' } });
    fireEvent.click(screen.getByTestId('group-add'));
    await waitFor(() => expect(settings.createGroup).toHaveBeenCalledWith('Billing'));
  });
});
