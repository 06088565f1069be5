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
  fireEvent.click(screen.getByRole('button', { name: 'Pre-chat form' }));
  return settings;
}

const fields = () => screen.getAllByTestId('prechat-field');
async function addField(kind: string) {
  fireEvent.change(await screen.findByLabelText('New field'), { target: { value: kind } });
  fireEvent.click(screen.getByRole('button', { name: 'Add field' }));
}

describe('PrechatSection', () => {
  describe('saving (#14)', () => {
    it('turns the form on with a required "Order number" and a topic, and stores the JSON get_form serves', async () => {
      const settings = open();
      fireEvent.click(await screen.findByLabelText('Ask visitors to fill in a form before the chat starts'));
      await addField('question');
      fireEvent.change(within(fields()[0]!).getByLabelText('Label'), { target: { value: 'Order number' } });
      await addField('topic');
      fireEvent.change(within(fields()[1]!).getByLabelText('Choices, one per line'), { target: { value: 'Billing\nOrders\n' } });
      expect(screen.getByTestId('prechat-preview').textContent).toBe('What the visitor seesOrder number (required)Topic (required)Choose…Start the chat');
      fireEvent.click(screen.getByRole('button', { name: 'Save' }));
      await waitFor(() => expect(screen.getByTestId('settings-status').textContent).toBe('Saved. New visitors get this form.'));
      expect(JSON.parse(settings.savePrechatForm.mock.calls[0]![0] as string)).toEqual({
        id: 'prechat',
        fields: [
          { id: 'order_number', type: 'question', label: 'Order number', required: true },
          { id: 'topic', type: 'select', label: 'Topic', required: true, options: [{ id: 'billing', label: 'Billing' }, { id: 'orders', label: 'Orders' }] },
        ],
      });
    });

    it('moves and removes fields, keeping the stored ids', async () => {
      const stored = JSON.stringify({ id: 'prechat', fields: [{ id: 'name', type: 'name', label: 'Your name', required: true }, { id: 'mail', type: 'email', label: 'E-mail' }] });
      const settings = open(recordingSettings({ loadPrechatForm: async () => stored }));
      await waitFor(() => expect(fields()).toHaveLength(2));
      fireEvent.click(screen.getByRole('button', { name: 'Move E-mail up' }));
      expect(fields().map((f) => f.dataset.fieldId)).toEqual(['mail', 'name']);
      fireEvent.click(screen.getByRole('button', { name: 'Remove Your name' }));
      fireEvent.click(screen.getByRole('button', { name: 'Save' }));
      await waitFor(() => expect(settings.savePrechatForm).toHaveBeenCalledWith(JSON.stringify({ id: 'prechat', fields: [{ id: 'mail', type: 'email', label: 'E-mail', required: false }] })));
    });

    it('keeps fields and option group ids it does not edit exactly as stored', async () => {
      const team = { id: 'team', type: 'group_chooser', label: 'Team', required: true, options: [{ id: 'sales', label: 'Sales', group_id: 1 }] };
      const topic = { id: 'topic', type: 'select', label: 'Topic', options: [{ id: 'b', label: 'Billing', group_id: 2 }] };
      const settings = open(recordingSettings({ loadPrechatForm: async () => JSON.stringify({ id: 'sales-form', fields: [team, topic] }) }));
      await waitFor(() => expect(fields()).toHaveLength(2));
      expect(fields()[0]!.textContent).toContain('A group_chooser field, kept as stored');
      fireEvent.change(within(fields()[1]!).getByLabelText('Choices, one per line'), { target: { value: 'Billing\nReturns' } });
      fireEvent.click(screen.getByRole('button', { name: 'Move Team down' }));
      fireEvent.click(screen.getByRole('button', { name: 'Save' }));
      await waitFor(() => expect(settings.savePrechatForm).toHaveBeenCalled());
      expect(JSON.parse(settings.savePrechatForm.mock.calls[0]![0] as string)).toEqual({
        id: 'sales-form',
        fields: [{ ...topic, required: false, options: [{ id: 'b', label: 'Billing', group_id: 2 }, { id: 'returns', label: 'Returns' }] }, team],
      });
    });

    it('turning the form off deletes it', async () => {
      const settings = open(recordingSettings({ loadPrechatForm: async () => '{"fields":[{"type":"name","label":"Name"}]}' }));
      fireEvent.click(await screen.findByLabelText('Ask visitors to fill in a form before the chat starts'));
      fireEvent.click(screen.getByRole('button', { name: 'Save' }));
      await waitFor(() => expect(settings.disablePrechatForm).toHaveBeenCalled());
      expect(settings.savePrechatForm).not.toHaveBeenCalled();
      expect(screen.queryByTestId('prechat-preview')).toBeNull();
    });
  });

  describe('validation (#14)', () => {
    it('refuses a field without a label and a choice field without choices before asking the server', async () => {
      const settings = open();
      fireEvent.click(await screen.findByLabelText('Ask visitors to fill in a form before the chat starts'));
      fireEvent.click(screen.getByRole('button', { name: 'Save' }));
      expect(screen.getByRole('alert').textContent).toBe('Add at least one field, or turn the form off.');
      await addField('question');
      await addField('radio');
      fireEvent.change(within(fields()[1]!).getByLabelText('Label'), { target: { value: 'Size' } });
      fireEvent.click(screen.getByRole('button', { name: 'Save' }));
      expect(screen.getAllByTestId('prechat-field-problem').map((p) => p.textContent)).toEqual(['Give this field a label.', 'List at least one choice, one per line.']);
      expect(within(fields()[0]!).getByLabelText('Label').getAttribute('aria-invalid')).toBe('true');
      expect(settings.savePrechatForm).not.toHaveBeenCalled();
    });

    it('shows the server\'s refusal next to the form', async () => {
      open(recordingSettings({ savePrechatForm: async () => { throw new RtmError('validation', 'forms.prechat: fields.0.label: Too big'); } }));
      fireEvent.click(await screen.findByLabelText('Ask visitors to fill in a form before the chat starts'));
      await addField('name');
      fireEvent.change(within(fields()[0]!).getByLabelText('Label'), { target: { value: 'Name' } });
      fireEvent.click(screen.getByRole('button', { name: 'Save' }));
      await waitFor(() => expect(screen.getByRole('alert').textContent).toBe('forms.prechat: fields.0.label: Too big'));
    });

    it('offers the topic only once', async () => {
      open();
      fireEvent.click(await screen.findByLabelText('Ask visitors to fill in a form before the chat starts'));
      await addField('topic');
      const kinds = within(screen.getByLabelText('New field')).getAllByRole('option').map((o) => o.getAttribute('value'));
      expect(kinds).not.toContain('topic');
    });
  });

  it('is not offered to a normal agent (#14)', () => {
    const store = createConsoleStore();
    store.getState().dispatch({ type: 'login', response: { license: {} as never, my_profile: profile({ permission: 'normal' }), chats_summary: [] } });
    renderConsole(<SettingsPage onClose={() => undefined} />, { store });
    expect(screen.queryByRole('button', { name: 'Pre-chat form' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Bots' })).toBeNull();
  });
});
