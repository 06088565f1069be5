/** The npm library: the widget as a React component, its provider, and the hooks to build your own views. */
export { IsolatedChatWidget as ChatWidget, widgetStyles } from '../views/IsolatedChatWidget.js';
export { SwitchboardProvider } from './SwitchboardProvider.js';
export { WidgetProvider, useWidget, useCommands, useWidgetStore, type WidgetOptions, type WidgetProviderProps } from '../views/WidgetContext.js';
export { createSwitchboard, type Switchboard, type SwitchboardConfig } from '../createSwitchboard.js';
export { unreadCount, activeChatsCount } from '../state/selectors.js';
export { pendingFor as outgoingFor } from '../../chat/pending.js';
export { currentThread } from '../../chat/threads.js';
export type { WidgetState, WidgetStore } from '../state/createWidgetStore.js';
export type { WidgetCommands, StartChatResult } from '../state/commands.js';
export type { ChatState, ConnectionState, OutgoingMessage, StoredEvent, WidgetData } from '../state/model.js';
export { strings } from '../views/strings.js';
