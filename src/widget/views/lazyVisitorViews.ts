import { lazy } from 'react';
import type { ChatPane as ChatPaneView } from './ChatPane.js';
import { lazyView } from './lazyView.js';
import type { TopicForm as TopicFormView } from './TopicForm.js';

/**
 * Views the first screen does not need, each in its own chunk (size budget, issue 15). A
 * first-time visitor's first screen is the home view and the chat list: the open chat (header,
 * history, composer) loads when a chat is selected (restored after a reload, picked or started);
 * the topic form when the visitor heads for "New chat"; the pre-chat and "leave a message" forms
 * when they may be needed; the rating and transcript below a closed chat when one is open.
 */
export const chatPane = lazyView<Parameters<typeof ChatPaneView>[0]>(() => import('./ChatPane.js').then((m) => m.ChatPane));
export const topicForm = lazyView<Parameters<typeof TopicFormView>[0]>(() => import('./TopicForm.js').then((m) => m.TopicForm));

export const loadPrechatForm = () => import('./PrechatForm.js');
export const loadLeaveMessageForm = () => import('./LeaveMessageForm.js');

export const PrechatForm = lazy(() => loadPrechatForm().then((m) => ({ default: m.PrechatForm })));
export const LeaveMessageForm = lazy(() => loadLeaveMessageForm().then((m) => ({ default: m.LeaveMessageForm })));
export const AfterChat = lazy(() => import('./AfterChat.js').then((m) => ({ default: m.AfterChat })));
