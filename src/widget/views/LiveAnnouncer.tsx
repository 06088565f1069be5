import { useEffect, useState } from 'react';
import type { WidgetState } from '../state/createWidgetStore.js';
import { chatTitle } from './ChatList.js';
import { eventPreview } from './eventPreview.js';
import { useStrings } from './strings.js';
import { useWidgetStore } from './WidgetContext.js';

/**
 * Announces new messages from others (any chat) to screen readers, politely: only messages that
 * arrive while the page is open (#15). Chats first seen in an update (the first chat list after
 * a page load) are recorded, never announced.
 */
export function LiveAnnouncer() {
  const store = useWidgetStore();
  const strings = useStrings();
  const [message, setMessage] = useState('');
  useEffect(() => {
    const seen = new Map<string, string | undefined>();
    let wasSynced = false;
    const record = (state: WidgetState) => {
      for (const chat of Object.values(state.chats)) seen.set(chat.id, chat.lastEvent?.id);
      wasSynced = state.synced;
    };
    record(store.getState());
    return store.subscribe((state) => {
      if (wasSynced) {
        for (const chat of Object.values(state.chats)) {
          const last = chat.lastEvent;
          if (!seen.has(chat.id) || !last || seen.get(chat.id) === last.id) continue;
          if (!last.author_id || last.author_id === state.customer?.id) continue;
          const author = chat.users[last.author_id]?.name || strings.someone;
          setMessage(strings.announceMessage(author, chatTitle(chat, strings), eventPreview(last, strings)));
        }
      }
      record(state);
    });
  }, [store, strings]);
  return <div className="sb-visually-hidden" aria-live="polite" aria-atomic="true" data-testid="announcer">{message}</div>;
}
