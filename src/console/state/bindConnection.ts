import type { AgentRtmClient } from '../../rtm/agentFlavour.js';
import type { ConsoleAction } from './actions.js';
import { customerOf } from '../../chat/users.js';
import type { ConsoleStore } from './createConsoleStore.js';
import { isMember } from './selectors.js';

/** Something worth a sound and a badge: a new chat in the queue, or a customer's message. */
export type Alert = { kind: 'chat'; chatId: string } | { kind: 'message'; chatId: string };

/**
 * Wires one agent RTM client to one store: connection states, login, every push the console
 * shows, and `onAlert` for what deserves the agent's attention. Returns the function that undoes it.
 */
export function bindConnection(store: ConsoleStore, client: AgentRtmClient, onAlert: (alert: Alert) => void = () => undefined): () => void {
  const dispatch = (action: ConsoleAction) => store.getState().dispatch(action);
  const refresh = (chatId: string) => {
    client.request('get_chat', { chat_id: chatId }).then((chat) => dispatch({ type: 'chat', chat }), () => undefined);
  };
  const offs = [
    client.onStateChange((status, info) => dispatch(info.reason === undefined ? { type: 'connection', status } : { type: 'connection', status, reason: info.reason })),
    client.onLogin((response) => dispatch({ type: 'login', response })),
    client.onPush('incoming_chat', (payload) => {
      const known = store.getState().chats[payload.chat.id];
      dispatch({ type: 'incomingChat', payload });
      if (!known?.active && payload.chat.thread.active) onAlert({ kind: 'chat', chatId: payload.chat.id });
    }),
    client.onPush('incoming_event', (payload) => {
      const chat = store.getState().chats[payload.chat_id];
      const known = chat?.events[payload.event.id];
      dispatch({ type: 'incomingEvent', payload });
      const after = store.getState().chats[payload.chat_id];
      if (!known && after && payload.event.author_id !== undefined && payload.event.author_id === customerOf(after)?.id) onAlert({ kind: 'message', chatId: payload.chat_id });
    }),
    client.onPush('event_updated', (payload) => dispatch({ type: 'incomingEvent', payload })),
    client.onPush('chat_deactivated', (payload) => dispatch({ type: 'chatDeactivated', payload })),
    client.onPush('user_added_to_chat', (payload) => dispatch({ type: 'userAdded', payload })),
    client.onPush('user_removed_from_chat', (payload) => dispatch({ type: 'userRemoved', payload })),
    client.onPush('chat_transferred', (payload) => {
      dispatch({ type: 'chatTransferred', payload });
      // NOTE: agents outside a chat get only its key pushes, so a chat handed to the queue (by a bot
      // or another agent) arrives with stale messages; the queue shows it as it is now.
      const chat = store.getState().chats[payload.chat_id];
      if (payload.queue && chat && !isMember(chat, store.getState().me?.id)) refresh(payload.chat_id);
    }),
    client.onPush('chat_access_updated', (payload) => dispatch({ type: 'chatAccessUpdated', payload })),
    client.onPush('thread_tagged', (payload) => dispatch({ type: 'threadTagged', payload, tagged: true })),
    client.onPush('thread_untagged', (payload) => dispatch({ type: 'threadTagged', payload, tagged: false })),
    client.onPush('incoming_sneak_peek', (payload) => dispatch({ type: 'sneakPeek', payload })),
    client.onPush('incoming_typing_indicator', (payload) => dispatch({ type: 'typing', payload })),
    client.onPush('events_marked_as_seen', (payload) => dispatch({ type: 'eventsSeen', payload })),
    client.onPush('routing_status_set', ({ agent_id, status }) => dispatch({ type: 'routingStatus', agentId: agent_id, status })),
    client.onPush('customer_banned', (payload) => dispatch({ type: 'customerBanned', payload })),
    client.onPush('customer_updated', (payload) => dispatch({ type: 'customerUpdated', payload })),
    client.onPush('chat_properties_updated', (payload) => dispatch({ type: 'chatProperties', payload })),
    client.onPush('queue_positions_updated', (payload) => dispatch({ type: 'queuePositions', payload })),
  ];
  return () => offs.forEach((off) => off());
}
