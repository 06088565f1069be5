import type { SystemMessageEvent } from '../../protocol/entities.js';
import type { Strings } from '../i18n/en.js';

const ENDED = new Set(['manual_archived_customer', 'manual_archived_agent', 'archived_customer_disconnected', 'customer_banned', 'chat_inactive', 'chat_closed']);

/**
 * A system message as the visitor reads it (#15): "Chat ended", "Bob joined the chat". The
 * server's `text` is written for agents ("Owner archived the chat") and may name ids, so the
 * widget words the known types itself from `text_vars`; other types (a bot's own notices) keep
 * their text.
 */
export function systemText(event: Pick<SystemMessageEvent, 'system_message_type' | 'text' | 'text_vars'>, s: Strings): string {
  const type = event.system_message_type;
  const vars = event.text_vars ?? {};
  if (ENDED.has(type) || /_archived(_|$)|^archived_/.test(type)) return s.chatEnded;
  switch (type) {
    case 'customer_added':
      return s.chatStarted;
    case 'agent_joined':
      return vars.agent ? s.joined(vars.agent) : '';
    case 'agent_added':
      return vars.added_agent ? s.joined(vars.added_agent) : '';
    case 'agent_left':
      return vars.agent ? s.left(vars.agent) : '';
    case 'agent_removed':
      return vars.removed_agent ? s.left(vars.removed_agent) : '';
    case 'chat_transferred':
      // a transfer to a group names no person the visitor knows
      return vars.target && !vars.target.startsWith('group ') ? s.transferredTo(vars.target) : s.transferred;
    default:
      return event.text ?? '';
  }
}
