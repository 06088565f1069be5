import { act, cleanup, screen } from '@testing-library/react';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { ChatEvent } from '../../protocol/entities.js';
import { createConsoleStore } from '../state/createConsoleStore.js';
import { agent, at, chat, CUSTOMER, customer, message, ME, profile, thread } from '../state/testData.js';
import { useConsole } from './ConsoleContext.js';
import { CustomerPanel } from './CustomerPanel.js';
import { History } from './History.js';
import { renderConsole } from './testing.js';
import { fakeLayout } from '../../ui/testing/fakeLayout.js';

beforeAll(() => fakeLayout('cs-history__item'));
afterEach(cleanup);

const EVIL = 'javascript:alert(1)';

function Live() {
  const current = useConsole((state) => state.chats.C1);
  return current ? <><History chat={current} meId={ME} customerId={CUSTOMER} /><CustomerPanel chatId="C1" /></> : null;
}

describe('console views', () => {
  describe('hostile URLs (#11)', () => {
    it('render a javascript: URL in every place a URL appears as text, never as an href or src', () => {
      const store = createConsoleStore();
      const { dispatch } = store.getState();
      dispatch({ type: 'login', response: { license: {} as never, my_profile: profile(), chats_summary: [] } });
      const events = [
        message('T_1', 1, CUSTOMER, `click ${EVIL} now`),
        { id: 'T_2', type: 'file', author_id: CUSTOMER, created_at: at(2), name: 'report.pdf', url: EVIL, content_type: 'application/pdf', size: 10 },
        { id: 'T_3', type: 'file', author_id: CUSTOMER, created_at: at(3), name: 'ok.png', url: 'https://chat.example/files/x/ok.png', thumbnail_url: EVIL, content_type: 'image/png', size: 10 },
      ] as ChatEvent[];
      dispatch({ type: 'incomingChat', payload: { chat: chat('C1', [{ ...customer('Neo'), avatar: EVIL } as never, agent()], thread('T1', events)) } });
      renderConsole(<Live />, { store });
      act(() => store.getState().dispatch({
        type: 'customer',
        customer: { id: CUSTOMER, type: 'customer', name: 'Neo', chat_ids: ['C1'], last_visit: { started_at: at(0), last_pages: [{ opened_at: at(0), url: EVIL, title: 'Cart' }] } },
      }));

      const urls = [...document.body.querySelectorAll('[href], [src]')].map((el) => el.getAttribute('href') ?? el.getAttribute('src'));
      expect(urls.filter((url) => !url?.startsWith('#'))).toEqual(['https://chat.example/files/x/ok.png', 'https://chat.example/files/x/ok.png']);
      expect(screen.getByText(/click javascript:alert\(1\) now/)).toBeTruthy();
      expect(screen.getByText('report.pdf')).toBeTruthy();
      expect(screen.getByText('Cart')).toBeTruthy();
    });
  });
});
