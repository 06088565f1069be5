import type { WidgetStore } from '../state/createWidgetStore.js';
import { unreadCount } from '../state/selectors.js';

/**
 * The standalone page's title tells a visitor in another tab that a reply arrived:
 * "(2) Chat" while two messages are unread, the plain title again once they are seen.
 * Returns the unsubscribe function.
 */
export function showUnreadInTitle(store: WidgetStore, doc: Pick<Document, 'title'>): () => void {
  const base = doc.title;
  let shown = -1;
  const update = () => {
    const { chats, customer } = store.getState();
    let unread = 0;
    for (const chat of Object.values(chats)) unread += unreadCount(chat, customer?.id);
    if (unread === shown) return;
    shown = unread;
    doc.title = unread > 0 ? `(${unread}) ${base}` : base;
  };
  update();
  return store.subscribe(update);
}
