import { en, type Strings } from '../i18n/en.js';
import { useWidgetLocale } from './WidgetContext.js';

/** The English catalog (the library exports it); views read the visitor's catalog with `useStrings()`. */
export const strings: Strings = en;
export type { Strings };

/** The catalog of this widget instance's language. */
export function useStrings(): Strings {
  return useWidgetLocale().strings;
}

/** Plain words for start_chat failures, telling the visitor what to do. */
export function startChatError(error: string, openChats: number, s: Strings = en): string {
  if (error === 'chat_limit_reached') return s.chatLimit(openChats);
  if (error === 'groups_offline' || error === 'group_offline' || error === 'group_unavailable') return s.groupsOffline;
  if (error === 'not_connected' || error === 'connection_lost' || error === 'request_timeout') return s.notConnected;
  return s.startFailed;
}
