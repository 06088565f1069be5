import type { WidgetStore } from '../state/createWidgetStore.js';

/**
 * Makes the standalone page linkable: `?chat=<id>` opens that chat once it is known, and the
 * address follows the chat the visitor selects (replaceState, so Back leaves the page as usual).
 * Returns the unsubscribe.
 */
export function linkSelectedChat(store: WidgetStore, location: Pick<Location, 'href'>, history: Pick<History, 'replaceState' | 'state'>): () => void {
  const wanted = new URL(location.href).searchParams.get('chat');
  let pending = wanted && /^[A-Za-z0-9]{1,64}$/.test(wanted) ? wanted : undefined;
  const apply = () => {
    const state = store.getState();
    if (pending && state.chats[pending]) {
      const id = pending;
      pending = undefined;
      if (state.selectedChatId !== id) state.dispatch({ type: 'selectChat', chatId: id });
      return;
    }
    if (pending) return;
    const url = new URL(location.href);
    const current = url.searchParams.get('chat') ?? undefined;
    if (current === state.selectedChatId) return;
    if (state.selectedChatId) url.searchParams.set('chat', state.selectedChatId);
    else url.searchParams.delete('chat');
    history.replaceState(history.state, '', url.toString());
  };
  apply();
  return store.subscribe(apply);
}
