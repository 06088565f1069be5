import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { RtmError } from '../../rtm/RtmError.js';
import { createConsoleStore } from '../state/createConsoleStore.js';
import { profile } from '../state/testData.js';
import { cannedCatalogOf, cannedResponse, recordingSettings, renderConsole } from '../views/testing.js';
import { SettingsPage } from './SettingsPage.js';

afterEach(cleanup);

function open(permission: 'owner' | 'normal', settings = recordingSettings({}, [cannedResponse(1, ['hello'], 'Hello! How can I help?')])) {
  const store = createConsoleStore();
  store.getState().dispatch({ type: 'login', response: { license: {} as never, my_profile: profile({ permission }), chats_summary: [] } });
  renderConsole(<SettingsPage onClose={() => undefined} />, { store, settings, canned: cannedCatalogOf(settings) });
  fireEvent.click(screen.getByRole('button', { name: 'Canned responses' }));
  return settings;
}

const rows = () => screen.queryAllByTestId('canned-row').map((r) => r.textContent);

describe('CannedResponsesSection', () => {
  describe('as an owner (#14)', () => {
    it('adds a response with its shortcuts and shows it in the list', async () => {
      const settings = open('owner');
      await waitFor(() => expect(rows()).toHaveLength(1));
      const form = screen.getByTestId('cs-canned-new-form');
      fireEvent.change(within(form).getByLabelText('Shortcuts'), { target: { value: '#Refund money' } });
      fireEvent.change(within(form).getByLabelText('Reply'), { target: { value: ' Your refund is on its way. ' } });
      fireEvent.click(within(form).getByRole('button', { name: 'Add canned response' }));
      await waitFor(() => expect(screen.getByTestId('settings-status').textContent).toBe('#refund added.'));
      expect(settings.createCannedResponse).toHaveBeenCalledWith({ tags: ['refund', 'money'], text: 'Your refund is on its way.', group_id: 0 });
      await waitFor(() => expect(rows()).toContainEqual(expect.stringContaining('#refund #money')));
      expect((within(form).getByLabelText('Shortcuts') as HTMLInputElement).value).toBe('');
    });

    it('edits and deletes a response', async () => {
      const settings = open('owner');
      fireEvent.click(await screen.findByRole('button', { name: 'Edit #hello' }));
      const form = screen.getByTestId('cs-canned-edit-1-form');
      expect((within(form).getByLabelText('Shortcuts') as HTMLInputElement).value).toBe('#hello');
      fireEvent.change(within(form).getByLabelText('Reply'), { target: { value: 'Hi there!' } });
      fireEvent.click(within(form).getByRole('button', { name: 'Save' }));
      await waitFor(() => expect(rows()).toEqual([expect.stringContaining('Hi there!')]));
      expect(settings.updateCannedResponse).toHaveBeenCalledWith(1, { tags: ['hello'], text: 'Hi there!', group_id: 0 });

      fireEvent.click(await screen.findByRole('button', { name: 'Delete #hello' }));
      await waitFor(() => expect(screen.getByTestId('canned-empty')).toBeTruthy());
      expect(settings.deleteCannedResponse).toHaveBeenCalledWith(1);
    });

    it('says what the server refused', async () => {
      open('owner', recordingSettings({ createCannedResponse: async () => { throw new RtmError('validation', 'tag "re-fund" may hold only lower-case letters, digits and "_" (at most 50)'); } }));
      const form = await screen.findByTestId('cs-canned-new-form');
      fireEvent.change(within(form).getByLabelText('Shortcuts'), { target: { value: 're-fund' } });
      fireEvent.change(within(form).getByLabelText('Reply'), { target: { value: 'x' } });
      fireEvent.click(within(form).getByRole('button', { name: 'Add canned response' }));
      await waitFor(() => expect(screen.getByTestId('settings-status').textContent).toContain('tag "re-fund" may hold only'));
    });
  });

  describe('as a normal agent (#14)', () => {
    it('lists the responses without add, edit or delete', async () => {
      open('normal');
      await waitFor(() => expect(rows()).toEqual([expect.stringContaining('Hello! How can I help?')]));
      expect(screen.queryByTestId('cs-canned-new-form')).toBeNull();
      expect(screen.queryByRole('button', { name: /Edit|Delete/ })).toBeNull();
      expect(screen.getByText(/Only owners and administrators change them/)).toBeTruthy();
    });
  });
});
