import { cleanup, fireEvent, within } from '@testing-library/react';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { IsolatedChatWidget } from './IsolatedChatWidget.js';
import { renderWithWidget, preloadLazyViews } from './testing.js';

describe('IsolatedChatWidget', () => {
  beforeAll(preloadLazyViews);
  afterEach(cleanup);

  it('renders the widget and its stylesheet inside an open shadow root on its own host element', () => {
    const { container } = renderWithWidget(<IsolatedChatWidget className="support" />);
    const host = container.querySelector('switchboard-chat');
    expect(host?.className).toBe('support');
    const shadow = host?.shadowRoot;
    expect(shadow).toBeTruthy();
    expect(shadow?.querySelector('style')?.textContent).toMatch(/\.sb-root\{all:initial/);
    expect(shadow?.querySelector('.sb-root')).toBeTruthy();
    // nothing of the widget is in the light DOM, where host CSS would match it
    expect(container.querySelector('.sb-root')).toBeNull();
  });

  it('keeps the provider context through the portal: commands run from inside the shadow root', () => {
    const { container, store, commands } = renderWithWidget(<IsolatedChatWidget />);
    store.getState().dispatch({ type: 'connection', status: 'connected' });
    const shadow = container.querySelector('switchboard-chat')!.shadowRoot as unknown as HTMLElement;
    fireEvent.click(within(shadow).getByTestId('new-chat'));
    fireEvent.change(within(shadow).getByTestId('topic-input'), { target: { value: 'Billing' } });
    fireEvent.submit(within(shadow).getByTestId('topic-input').closest('form')!);
    expect(commands.startChat).toHaveBeenCalledWith('Billing');
  });
});
