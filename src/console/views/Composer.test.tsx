import { act, cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { Composer } from './Composer.js';
import { cannedCatalogOf, cannedResponse, recordingSettings, renderConsole } from './testing.js';

afterEach(cleanup);

function setup() {
  const settings = recordingSettings({}, [
    cannedResponse(1, ['refund', 'money'], 'Your refund is on its way.'),
    cannedResponse(2, ['refund_late'], 'Refunds can take 5 days.'),
    cannedResponse(3, ['hello'], 'Hello! How can I help?'),
  ]);
  const view = renderConsole(<Composer chatId="c1" disabled={false} />, { settings, canned: cannedCatalogOf(settings) });
  const input = screen.getByTestId('composer-input') as HTMLTextAreaElement;
  return { ...view, input };
}

const type = (input: HTMLTextAreaElement, value: string) => fireEvent.change(input, { target: { value, selectionStart: value.length } });
const options = () => screen.queryAllByRole('option').map((o) => o.textContent);

describe('Composer', () => {
  describe('canned responses (#14)', () => {
    it('opens a listbox of matching responses when # and a shortcut are typed', async () => {
      const { input } = setup();
      expect(input.getAttribute('role')).toBe('combobox');
      expect(input.getAttribute('aria-expanded')).toBe('false');
      type(input, 'Hi #ref');
      await waitFor(() => expect(options()).toEqual(['#refund #moneyYour refund is on its way.', '#refund_lateRefunds can take 5 days.']));
      expect(input.getAttribute('aria-expanded')).toBe('true');
      expect(input.getAttribute('aria-controls')).toBe(screen.getByRole('listbox').id);
      expect(input.getAttribute('aria-activedescendant')).toBe(screen.getAllByRole('option')[0]!.id);
      expect(screen.getAllByRole('option')[0]!.getAttribute('aria-selected')).toBe('true');
    });

    it('walks the list with the arrows and inserts the active one with Enter, without sending', async () => {
      const { input, commands } = setup();
      type(input, 'Hi #ref');
      await waitFor(() => expect(options()).toHaveLength(2));
      fireEvent.keyDown(input, { key: 'ArrowDown' });
      expect(input.getAttribute('aria-activedescendant')).toBe(screen.getAllByRole('option')[1]!.id);
      fireEvent.keyDown(input, { key: 'ArrowDown' });
      expect(input.getAttribute('aria-activedescendant')).toBe(screen.getAllByRole('option')[0]!.id);
      fireEvent.keyDown(input, { key: 'ArrowUp' });
      fireEvent.keyDown(input, { key: 'Enter' });
      expect(input.value).toBe('Hi Refunds can take 5 days.');
      expect(input.getAttribute('aria-expanded')).toBe('false');
      expect(commands.sendMessage).not.toHaveBeenCalled();
      fireEvent.keyDown(input, { key: 'Enter' });
      await waitFor(() => expect(commands.sendMessage).toHaveBeenCalledWith('c1', 'Hi Refunds can take 5 days.'));
    });

    it('inserts with Tab and with a click', async () => {
      const { input } = setup();
      type(input, '#hel');
      await waitFor(() => expect(options()).toHaveLength(1));
      fireEvent.keyDown(input, { key: 'Tab' });
      expect(input.value).toBe('Hello! How can I help?');
      type(input, '#money');
      await waitFor(() => expect(options()).toHaveLength(1));
      fireEvent.mouseDown(screen.getByRole('option'));
      expect(input.value).toBe('Your refund is on its way.');
    });

    it('closes with Escape until the shortcut changes, and Enter then sends', async () => {
      const { input, commands } = setup();
      type(input, '#re');
      await waitFor(() => expect(options()).toHaveLength(2));
      fireEvent.keyDown(input, { key: 'Escape' });
      expect(screen.queryByRole('listbox')).toBeNull();
      expect(input.getAttribute('aria-activedescendant')).toBeNull();
      type(input, '#ref');
      await waitFor(() => expect(options()).toHaveLength(2));
      fireEvent.keyDown(input, { key: 'Escape' });
      fireEvent.keyDown(input, { key: 'Enter' });
      await waitFor(() => expect(commands.sendMessage).toHaveBeenCalledWith('c1', '#ref'));
    });

    it('shows no list for # inside a word or a shortcut nothing matches', async () => {
      const { input, canned } = setup();
      await act(() => canned!.refresh());
      type(input, 'order#12');
      type(input, '#zzz');
      expect(screen.queryByRole('listbox')).toBeNull();
      expect(input.getAttribute('aria-expanded')).toBe('false');
    });

    it('opens every response from the # button', async () => {
      const { input } = setup();
      type(input, 'Thanks');
      fireEvent.click(screen.getByRole('button', { name: 'Insert a canned response' }));
      expect(input.value).toBe('Thanks #');
      await waitFor(() => expect(options()).toHaveLength(3));
    });
  });
});
