import type { Thread } from '../../protocol/entities.js';
import type { ChatState } from './model.js';

const line = (at: string, who: string, text: string) => `[${at.slice(0, 16).replace('T', ' ')} UTC] ${who}: ${text}`;

/** A chat as plain text for the visitor to keep: one line per visible event, oldest first. */
export function transcriptText(chat: ChatState | undefined, threads: readonly Thread[], customerId: string | undefined): string {
  const nameOf = (id: string | undefined) => (!id ? '' : id === customerId ? 'You' : chat?.users[id]?.name || 'Support');
  const lines = [`Chat transcript${chat?.topic ? `: ${chat.topic}` : ''}`, ''];
  const ordered = [...threads].sort((a, b) => (a.created_at < b.created_at ? -1 : 1));
  for (const thread of ordered) {
    for (const event of thread.events) {
      if (event.type === 'message') lines.push(line(event.created_at, nameOf(event.author_id), event.text));
      else if (event.type === 'file') lines.push(line(event.created_at, nameOf(event.author_id), `${event.name} ${event.url}`));
      else if (event.type === 'system_message') lines.push(`[${event.created_at.slice(0, 16).replace('T', ' ')} UTC] — ${event.text ?? ''}`);
    }
  }
  return `${lines.join('\n')}\n`;
}
