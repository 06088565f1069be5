import type { Actor } from '../identity/actor.js';
import { loadChat } from '../conversations/chatAccess.js';
import { DomainError } from '../errors.js';
import { isEmailAddress } from '../identity/emailAddress.js';
import type { EventRecord, ThreadRecord } from '../model.js';
import type { StoreTx } from '../ports.js';
import type { UnitOfWork } from '../unitOfWork.js';
import type { MailSender } from './mailPort.js';

const MAX_THREADS = 1000;

/** One line per event a customer may see: `[2026-11-28 09:41 UTC] Jane: Hello`. */
export function transcriptLine(event: EventRecord, author: string): string | undefined {
  if (event.visibility !== 'all') return undefined;
  const at = new Date(event.createdAt / 1000).toISOString().slice(0, 16).replace('T', ' ');
  const b = event.body;
  let text: string | undefined;
  if (event.type === 'message') text = String(b.text ?? '');
  else if (event.type === 'file') text = `[file] ${String(b.name ?? '')} ${String(b.url ?? '')}`.trim();
  else if (event.type === 'system_message') return `[${at} UTC] — ${String(b.text ?? b.system_message_type ?? '')}`;
  else if (event.type === 'filled_form' && Array.isArray(b.fields)) {
    text = (b.fields as { label?: unknown; answer?: unknown; answers?: unknown }[])
      .map((f) => `${String(f.label ?? '')}: ${answerText(f.answer ?? f.answers)}`).join('; ');
  } else if (event.type === 'rich_message') text = '[card]';
  if (text === undefined) return undefined;
  return `[${at} UTC] ${author}: ${text}`;
}

const answerText = (a: unknown): string => Array.isArray(a) ? a.map(answerText).join(', ') : typeof a === 'object' && a !== null ? String((a as { label?: unknown }).label ?? '') : String(a ?? '');

/**
 * Chat transcripts for the visitor: the whole chat (every thread, oldest first) as plain text,
 * and `send_transcript` (Switchboard extension of the Customer Chat API) that mails it.
 */
export class Transcripts {
  constructor(private readonly uow: UnitOfWork, private readonly mail: MailSender | undefined) {}

  get mailEnabled(): boolean {
    return this.mail !== undefined;
  }

  text(actor: Actor, chatId: string): Promise<string> {
    return this.uow.read(async (tx) => renderTranscript(tx, actor, chatId));
  }

  /**
   * Mails the chat's transcript to `email`, or to the customer's own address when omitted.
   * The chat is checked first: a chat the requester may not see is `not_found` on every server.
   */
  async send(actor: Actor, input: { chat_id: string; email?: string }): Promise<Record<string, never>> {
    const { text, to } = await this.uow.read(async (tx) => {
      const text = await renderTranscript(tx, actor, input.chat_id);
      if (!this.mail) throw new DomainError('not_allowed', 'This server sends no e-mail (it has no SMTP_URL); download the transcript instead');
      const customer = actor.type === 'customer' ? await tx.getCustomer(actor.licenseId, actor.id) : undefined;
      const to = input.email ?? customer?.email;
      if (!to) throw new DomainError('validation', 'email is required (the customer has no e-mail address)');
      if (!isEmailAddress(to)) throw new DomainError('validation', 'email must be an e-mail address such as name@example.com');
      return { text, to };
    });
    await this.mail!.send({ to, subject: 'Your chat transcript', text });
    return {};
  }
}

async function renderTranscript(tx: StoreTx, actor: Actor, chatId: string): Promise<string> {
  const chat = await loadChat(tx, actor, chatId);
  const { items: threads } = await tx.listThreads(chat.id, { order: 'asc', limit: MAX_THREADS });
  const names = new Map<string, string>();
  const nameOf = async (id: string | undefined): Promise<string> => {
    if (!id) return 'System';
    if (!names.has(id)) {
      const agent = await tx.getAgent(chat.licenseId, id);
      const customer = agent ? undefined : await tx.getCustomer(chat.licenseId, id);
      names.set(id, agent?.name || (customer ? (customer.id === actor.id ? 'You' : customer.name || 'Visitor') : 'Support'));
    }
    return names.get(id)!;
  };
  const topic = chat.properties.switchboard?.topic;
  const lines = [`Chat transcript${typeof topic === 'string' && topic ? `: ${topic}` : ''} (${chat.id})`, ''];
  for (const thread of threads as ThreadRecord[]) {
    for (const event of await tx.listThreadEvents(thread.id)) {
      const line = transcriptLine(event, await nameOf(event.authorId));
      if (line) lines.push(line);
    }
  }
  return `${lines.join('\n')}\n`;
}
