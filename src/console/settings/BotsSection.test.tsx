import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { RtmError } from '../../rtm/RtmError.js';
import { createConsoleStore } from '../state/createConsoleStore.js';
import { profile } from '../state/testData.js';
import { recordingSettings, renderConsole } from '../views/testing.js';
import { SettingsPage } from './SettingsPage.js';

afterEach(cleanup);

function open(settings = recordingSettings()) {
  const store = createConsoleStore();
  store.getState().dispatch({ type: 'login', response: { license: {} as never, my_profile: profile({ permission: 'owner' }), chats_summary: [] } });
  renderConsole(<SettingsPage onClose={() => undefined} />, { store, settings });
  fireEvent.click(screen.getByRole('button', { name: 'Bots' }));
  return settings;
}

async function addBot(name: string) {
  const form = await screen.findByTestId('bot-create-form');
  fireEvent.change(within(form).getByLabelText('Name'), { target: { value: name } });
  fireEvent.change(within(form).getByLabelText('Chats at once'), { target: { value: '4' } });
  fireEvent.click(within(form).getByRole('button', { name: 'Add bot' }));
}

describe('BotsSection', () => {
  describe('adding a bot (#14)', () => {
    it('shows the new bot\'s secret once, with its id and client id', async () => {
      const settings = open();
      expect(await screen.findByTestId('bots-empty')).toBeTruthy();
      await addBot('Order bot');
      await waitFor(() => expect(screen.getByTestId('bot-secret-value').textContent).toBe('secret-of-bot1'));
      expect(settings.createBot).toHaveBeenCalledWith({ name: 'Order bot', avatar: '', max_chats_count: 4, groups: [{ id: 0, priority: 'normal' }] });
      expect(within(screen.getByTestId('bot-secret')).getByText('client1')).toBeTruthy();
      await waitFor(() => expect(screen.getAllByTestId('bot-row').map((r) => r.dataset.botId)).toEqual(['bot1']));
      fireEvent.click(screen.getByRole('button', { name: 'Done' }));
      expect(screen.queryByTestId('bot-secret')).toBeNull();
      expect(screen.queryByText('secret-of-bot1')).toBeNull();
    });

    it('says what the server refused', async () => {
      open(recordingSettings({ createBot: async () => { throw new RtmError('validation', 'avatar: must be an absolute http:// or https:// URL (or empty)'); } }));
      await addBot('Order bot');
      await waitFor(() => expect(screen.getByTestId('settings-status').textContent).toBe('avatar: must be an absolute http:// or https:// URL (or empty)'));
      expect(screen.queryByTestId('bot-secret')).toBeNull();
    });
  });

  describe('editing and removing (#14)', () => {
    it('renames a bot and removes it only after the confirmation', async () => {
      const settings = open();
      await addBot('Order bot');
      fireEvent.click(await screen.findByRole('button', { name: 'Edit Order bot' }));
      const dialog = screen.getByTestId('bot-dialog');
      fireEvent.change(within(dialog).getByLabelText('Name'), { target: { value: 'Orders' } });
      fireEvent.click(within(dialog).getByRole('button', { name: 'Save' }));
      await waitFor(() => expect(settings.updateBot).toHaveBeenCalledWith('bot1', { name: 'Orders', avatar: '', max_chats_count: 4, groups: [{ id: 0, priority: 'normal' }] }));
      fireEvent.click(await screen.findByRole('button', { name: 'Remove Orders' }));
      expect(settings.deleteBot).not.toHaveBeenCalled();
      fireEvent.click(within(screen.getByTestId('bot-remove-dialog')).getByTestId('bot-remove-confirm'));
      await waitFor(() => expect(settings.deleteBot).toHaveBeenCalledWith(expect.objectContaining({ id: 'bot1' })));
      await waitFor(() => expect(screen.getByTestId('bots-empty')).toBeTruthy());
    });
  });

  describe('webhooks (#14)', () => {
    it('registers a webhook with the bot\'s client id, lists it, and removes it', async () => {
      const settings = open();
      await addBot('Order bot');
      fireEvent.click(await screen.findByRole('button', { name: 'Webhooks of Order bot' }));
      const panel = await screen.findByTestId('bot-webhooks');
      await waitFor(() => expect(within(panel).getAllByRole('option').map((o) => o.textContent)).toContain('chat_deactivated'));
      fireEvent.change(within(panel).getByLabelText('Action'), { target: { value: 'incoming_event' } });
      fireEvent.change(within(panel).getByLabelText('URL'), { target: { value: 'https://hooks.example/in' } });
      fireEvent.change(within(panel).getByLabelText('Secret key'), { target: { value: 's3cret' } });
      fireEvent.change(within(panel).getByLabelText('Kind'), { target: { value: 'bot' } });
      fireEvent.click(within(panel).getByRole('button', { name: 'Register webhook' }));
      await waitFor(() => expect(within(panel).getAllByTestId('webhook-row').map((r) => r.textContent)).toEqual(['incoming_event bothttps://hooks.example/inRemove']));
      expect(settings.registerWebhook).toHaveBeenCalledWith('client1', { action: 'incoming_event', url: 'https://hooks.example/in', secret_key: 's3cret', type: 'bot' });
      expect((within(panel).getByLabelText('URL') as HTMLInputElement).value).toBe('');
      fireEvent.click(within(panel).getByRole('button', { name: 'Remove webhook incoming_event to https://hooks.example/in' }));
      await waitFor(() => expect(within(panel).getByTestId('webhooks-empty')).toBeTruthy());
      expect(settings.unregisterWebhook).toHaveBeenCalledWith('client1', 'hook1');
    });

    it('shows a refused registration as an alert in the panel', async () => {
      open(recordingSettings({ registerWebhook: async () => { throw new RtmError('validation', 'url scheme ftp: is not allowed; use http:// or https://'); } }));
      await addBot('Order bot');
      fireEvent.click(await screen.findByRole('button', { name: 'Webhooks of Order bot' }));
      const panel = await screen.findByTestId('bot-webhooks');
      fireEvent.change(within(panel).getByLabelText('URL'), { target: { value: 'ftp://x' } });
      fireEvent.change(within(panel).getByLabelText('Secret key'), { target: { value: 's' } });
      fireEvent.submit(within(panel).getByTestId('webhook-form'));
      await waitFor(() => expect(within(panel).getByRole('alert').textContent).toBe('url scheme ftp: is not allowed; use http:// or https://'));
    });

    it('switches the client\'s license webhooks off and on', async () => {
      const settings = open();
      await addBot('Order bot');
      fireEvent.click(await screen.findByRole('button', { name: 'Webhooks of Order bot' }));
      const toggle = await screen.findByLabelText('Send this client\'s license webhooks') as HTMLInputElement;
      expect(toggle.checked).toBe(true);
      fireEvent.click(toggle);
      await waitFor(() => expect(settings.setLicenseWebhooksEnabled).toHaveBeenCalledWith('client1', false));
      await waitFor(() => expect((screen.getByLabelText('Send this client\'s license webhooks') as HTMLInputElement).checked).toBe(false));
      expect(screen.getByTestId('webhook-status').textContent).toBe('License webhooks are off.');
    });
  });
});
