import { uiStrings } from '../../ui/strings.js';

/** Every English string of the widget, in one place so translations can replace it. */
export const strings = {
  ...uiStrings,
  widgetLabel: 'Chat',
  chatListHeading: 'Your chats',
  chatListEmpty: 'No chats yet. Start one with “New chat” above.',
  newChat: 'New chat',
  newChatTopicLabel: 'What is this about?',
  newChatTopicPlaceholder: 'e.g. My order',
  newChatSuggestions: 'Suggestions',
  newChatStart: 'Start chat',
  newChatCancel: 'Cancel',
  newChatStarting: 'Starting…',
  untitledChat: 'Chat',
  chatActive: 'Open',
  chatClosed: 'Closed',
  unread: (n: number) => (n === 1 ? '1 unread message' : `${n} unread messages`),
  previewFile: (name: string) => `File: ${name}`,
  previewRich: 'Sent a card',
  back: 'Back to chats',
  endChat: 'End chat',
  endingChat: 'Ending…',
  selectChat: 'Select a chat or start a new one.',
  composerLabel: 'Message',
  composerPlaceholder: 'Write a message…',
  composerPlaceholderClosed: 'Write to reopen this chat…',
  send: 'Send',
  attach: 'Attach a file',
  uploading: (name: string, percent: number) => `Uploading ${name}: ${percent}%`,
  uploadFailed: (name: string) => `Could not upload ${name}.`,
  dropHere: 'Drop files to send them',
  closedHint: 'This chat is closed. Sending a message reopens it.',
  offlineHint: 'You are offline. Messages will be sent when the connection returns.',
  filesOffline: 'Files can be sent when you are back online.',
  disconnectedReason: (reason: string | undefined) => `You are disconnected${reason ? ` (${reason.replace(/_/g, ' ')})` : ''}. Messages cannot be sent.`,
  connecting: 'Connecting…',
  reconnecting: 'Connection lost. Reconnecting…',
  reconnect: 'Reconnect',
  groupsOffline: 'Nobody is available to chat right now. Leave a message and we will get back to you.',
  chatLimit: (n: number) => `You have ${n} open ${n === 1 ? 'chat' : 'chats'} — close one to start another.`,
  startFailed: 'The chat could not be started. Please try again.',
  notConnected: 'You are offline. Try again when the connection returns.',
  typing: (name: string) => `${name} is typing…`,
  someone: 'Support',
  queue: (position: number, waitSeconds: number) => `You are number ${position} in the queue${waitSeconds > 0 ? `, about ${Math.max(1, Math.round(waitSeconds / 60))} min to wait` : ''}.`,
  waitingForAgent: 'Waiting for someone to join…',
  newMessages: (n: number) => (n === 1 ? '1 new message' : `${n} new messages`),
  loadingOlder: 'Loading older messages…',
  historyError: 'Older messages could not be loaded.',
  conversationStart: 'Start of conversation',
  threadStarted: 'New conversation',
  sending: 'Sending…',
  sent: 'Sent',
  seen: 'Seen',
  failed: (error: string | undefined) => `Not sent${error ? ` (${error.replace(/_/g, ' ')})` : ''}.`,
  retry: 'Retry',
  discard: 'Discard',
  announceMessage: (author: string, chat: string, text: string) => `New message from ${author} in ${chat}: ${text}`,
  historyLabel: (topic: string) => `Messages in ${topic}`,
  agentsInChat: (names: string) => `With ${names}`,
} as const;

export type Strings = typeof strings;

/** Plain words for start_chat failures. */
export function startChatError(error: string, openChats: number): string {
  if (error === 'chat_limit_reached') return strings.chatLimit(openChats);
  if (error === 'groups_offline' || error === 'group_offline' || error === 'group_unavailable') return strings.groupsOffline;
  if (error === 'not_connected' || error === 'connection_lost' || error === 'request_timeout') return strings.notConnected;
  return strings.startFailed;
}
