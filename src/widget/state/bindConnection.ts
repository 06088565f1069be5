import type { CustomerChatSummary } from '../../protocol/entities.js';
import type { Outbox } from '../../rtm/Outbox.js';
import type { RtmClient } from '../../rtm/RtmClient.js';
import { fetchMissedThreads, forEachLimited, listAllChats } from '../../rtm/resync.js';
import type { WidgetAction } from './actions.js';
import type { ChatState } from './model.js';
import type { WidgetStore } from './createWidgetStore.js';

/** How long a typing indicator lasts without being renewed. */
export const TYPING_EXPIRY_MS = 15_000;

/** Thread ids whose events are in the store. */
function loadedThreadIds(chat: ChatState | undefined): Set<string> {
  const ids = new Set<string>();
  if (!chat) return ids;
  for (const id of chat.eventOrder) {
    const event = chat.events[id];
    if (event) ids.add(event.thread_id);
  }
  return ids;
}

function newestEventId(summary: CustomerChatSummary): string | undefined {
  let newest: { id: string; created_at: string } | undefined;
  for (const entry of Object.values(summary.last_event_per_type ?? {})) {
    if (!newest || entry.event.created_at > newest.created_at) newest = entry.event;
  }
  return newest?.id;
}

/**
 * After every login: list the chats, then fetch what each chat may have missed (threads newer
 * than the newest loaded one, and that one itself) and merge it by event id. Chats whose newest
 * event is already in the store are skipped. The selected chat goes first.
 */
export async function resync(store: WidgetStore, client: Pick<RtmClient, 'request'>): Promise<void> {
  const summaries = await listAllChats(client);
  const before = store.getState().chats;
  const { dispatch, selectedChatId } = store.getState();
  dispatch({ type: 'chatSummaries', summaries });
  const todo = summaries
    .filter((summary) => {
      const chat = before[summary.id];
      const known = loadedThreadIds(chat);
      const newest = newestEventId(summary);
      if (!newest) return known.size === 0 && summary.last_thread_id !== undefined;
      return !(chat?.events[newest] && summary.last_thread_id !== undefined && known.has(summary.last_thread_id));
    })
    .sort((a, b) => Number(b.id === selectedChatId) - Number(a.id === selectedChatId) || Number(b.active) - Number(a.active));
  await forEachLimited(todo, 4, async (summary) => {
    const known = loadedThreadIds(store.getState().chats[summary.id]);
    const { threads, nextPageId } = await fetchMissedThreads(client, summary.id, known);
    dispatch({ type: 'threads', chatId: summary.id, threads, reachedOldest: known.size === 0 && nextPageId === undefined });
  });
}

/**
 * Wires one client and outbox to one store: connection states, login + resync, every push, and
 * the outbox mirror. Returns the function that undoes all of it.
 */
export function bindConnection(store: WidgetStore, client: RtmClient, outbox: Outbox, onError: (error: unknown) => void = () => undefined): () => void {
  const dispatch = (action: WidgetAction) => store.getState().dispatch(action);
  const typingTimers = new Map<string, ReturnType<typeof setTimeout>>();
  const offs = [
    client.onStateChange((status, info) => dispatch(info.reason === undefined ? { type: 'connection', status } : { type: 'connection', status, reason: info.reason })),
    client.onLogin((response) => {
      dispatch({ type: 'login', response });
      void outbox.flush();
      resync(store, client).catch(onError);
    }),
    client.onPush('incoming_chat', ({ chat }) => dispatch({ type: 'incomingChat', chat })),
    client.onPush('incoming_event', (payload) => dispatch({ type: 'incomingEvent', payload })),
    client.onPush('event_updated', (payload) => dispatch({ type: 'incomingEvent', payload })),
    client.onPush('chat_deactivated', (payload) => dispatch({ type: 'chatDeactivated', payload })),
    client.onPush('user_added_to_chat', (payload) => dispatch({ type: 'userAdded', payload })),
    client.onPush('user_removed_from_chat', (payload) => dispatch({ type: 'userRemoved', payload })),
    client.onPush('chat_properties_updated', (payload) => dispatch({ type: 'chatPropertiesUpdated', payload })),
    client.onPush('chat_properties_deleted', (payload) => dispatch({ type: 'chatPropertiesDeleted', payload })),
    client.onPush('incoming_typing_indicator', (payload) => {
      dispatch({ type: 'typing', payload });
      // NOTE: an agent who closes the tab never sends is_typing:false; the indicator expires on its own
      clearTimeout(typingTimers.get(payload.chat_id));
      if (payload.typing_indicator.is_typing) {
        typingTimers.set(payload.chat_id, setTimeout(() => dispatch({ type: 'typing', payload: { ...payload, typing_indicator: { ...payload.typing_indicator, is_typing: false } } }), TYPING_EXPIRY_MS));
      }
    }),
    client.onPush('events_marked_as_seen', (payload) => dispatch({ type: 'eventsSeen', payload })),
    client.onPush('queue_position_updated', (payload) => dispatch({ type: 'queue', payload })),
    client.onPush('chat_transferred', (payload) => dispatch({ type: 'chatTransferred', payload })),
    client.onPush('customer_updated', (payload) => dispatch({ type: 'customerUpdated', payload })),
    client.onPush('groups_status_updated', (payload) => dispatch({ type: 'groupsStatus', payload })),
    outbox.onSent((result) => dispatch({ type: 'outgoingSent', result })),
    outbox.subscribe((items) => dispatch({ type: 'outbox', items })),
  ];
  dispatch({ type: 'outbox', items: outbox.items });
  return () => {
    offs.forEach((off) => off());
    typingTimers.forEach((timer) => clearTimeout(timer));
  };
}
