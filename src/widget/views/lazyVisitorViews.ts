import { lazy } from 'react';

/**
 * Views the first screen does not need, each in its own chunk (size budget, issue 15): the
 * pre-chat and "leave a message" forms load when they may be needed, the rating and transcript
 * below a closed chat when one is open.
 */
export const loadPrechatForm = () => import('./PrechatForm.js');
export const loadLeaveMessageForm = () => import('./LeaveMessageForm.js');

export const PrechatForm = lazy(() => loadPrechatForm().then((m) => ({ default: m.PrechatForm })));
export const LeaveMessageForm = lazy(() => loadLeaveMessageForm().then((m) => ({ default: m.LeaveMessageForm })));
export const AfterChat = lazy(() => import('./AfterChat.js').then((m) => ({ default: m.AfterChat })));
