import { cleanup, screen, within } from '@testing-library/react';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { ChatEvent } from '../../protocol/entities.js';
import { createWidgetStore } from '../state/createWidgetStore.js';
import { agent, at, chat, customer, message, thread } from '../state/testData.js';
import { History } from './History.js';
import { fakeLayout } from '../../ui/testing/fakeLayout.js';
import { renderWithWidget } from './testing.js';

const EVIL = 'javascript:alert(1)';

/** Every href and src in the rendered tree: only web links and phone numbers may appear. */
function urlsIn(root: HTMLElement): string[] {
  return [...root.querySelectorAll('[href], [src]')].map((el) => el.getAttribute('href') ?? el.getAttribute('src') ?? '');
}

describe('History (widget)', () => {
  beforeAll(() => fakeLayout('sb-history__item'));
  afterEach(cleanup);

  describe('hostile URLs (#11)', () => {
    it('renders a javascript: URL in every place a URL appears as text or not at all', () => {
      const store = createWidgetStore();
      const { dispatch } = store.getState();
      dispatch({ type: 'connection', status: 'connected' });
      const events = [
        message('T_1', 1, `click ${EVIL} now`),
        { id: 'T_2', type: 'file', author_id: agent.id, created_at: at(2), name: 'report.pdf', url: EVIL, content_type: 'application/pdf', size: 10 },
        { id: 'T_3', type: 'file', author_id: agent.id, created_at: at(3), name: 'photo.png', url: EVIL, thumbnail_url: EVIL, content_type: 'image/png', size: 10, width: 1, height: 1 },
        { id: 'T_4', type: 'file', author_id: agent.id, created_at: at(4), name: 'ok.png', url: 'https://chat.example/files/x/ok.png', thumbnail_url: 'data:image/svg+xml,<svg onload=alert(1)>', content_type: 'image/png', size: 10, width: 1, height: 1 },
        {
          id: 'T_5', type: 'rich_message', template_id: 'cards', author_id: agent.id, created_at: at(5),
          elements: [{
            title: 'Card', image: { url: EVIL },
            buttons: [
              { text: 'Open', type: 'url', value: EVIL, postback_id: 'a', user_ids: [] },
              { text: 'View', type: 'webview', value: 'data:text/html,<script>alert(1)</script>', postback_id: 'b', user_ids: [] },
              { text: 'Call', type: 'phone', value: EVIL, postback_id: 'c', user_ids: [] },
            ],
          }],
        },
      ] as ChatEvent[];
      const evilAgent = { ...agent, avatar: EVIL };
      dispatch({ type: 'incomingChat', chat: { ...chat('A', thread('T', 0, events, true)), users: [{ ...customer, present: true }, evilAgent] } });
      renderWithWidget(<History chatId="A" label="h" />, { store });
      const log = screen.getByRole('log');

      expect(urlsIn(log)).toEqual(['https://chat.example/files/x/ok.png', 'https://chat.example/files/x/ok.png']);
      expect(within(log).getByText(/click javascript:alert\(1\) now/)).toBeTruthy();
      expect(within(log).getByText('report.pdf')).toBeTruthy();
      expect(within(log).getByText('photo.png')).toBeTruthy();
      // Buttons without a safe link stay buttons (a postback), never anchors.
      for (const name of ['Open', 'View', 'Call']) expect(within(log).getByRole('button', { name }).tagName).toBe('BUTTON');
      expect(log.querySelector('.sb-avatar--initial')).not.toBeNull();
    });
  });
});
