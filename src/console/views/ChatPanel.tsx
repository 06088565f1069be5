import { useState } from 'react';
import { currentThread } from '../../chat/threads.js';
import { customerOf } from '../../chat/users.js';
import type { ConsoleChat } from '../state/model.js';
import { customerName, isMember, isQueued, topicOf } from '../state/selectors.js';
import { canSupervise, holders } from '../state/supervision.js';
import { BanDialog, TagDialog } from './ChatDialogs.js';
import { TransferDialog } from './TransferDialog.js';
import { useCommands, useConsole } from './ConsoleContext.js';
import { Composer } from './Composer.js';
import { History } from './History.js';

type OpenDialog = 'transfer' | 'ban' | 'tag' | undefined;

function statusOf(chat: ConsoleChat, member: boolean): string {
  if (!chat.active) return 'Closed';
  if (member) return 'Active';
  if (isQueued(chat)) return 'Queued';
  const names = holders(chat);
  return names.length > 0 ? `With ${names.join(', ')}` : 'With another agent';
}

/** Announces the customer's newest message to screen readers (the history itself is a quiet log). */
function NewMessageAnnouncer({ chat, customerId }: { chat: ConsoleChat; customerId: string | undefined }) {
  let text = '';
  for (let i = chat.eventOrder.length - 1; i >= 0; i--) {
    const event = chat.events[chat.eventOrder[i] as string];
    if (event && event.author_id === customerId && event.type === 'message') {
      text = `${customerName(chat)} says: ${event.text}`;
      break;
    }
  }
  return <div className="cs-visually-hidden" aria-live="polite" aria-atomic="true" data-testid="live-region">{text}</div>;
}

/** One chat: header with its actions, the continuous history, what the customer is typing, the composer. */
export function ChatPanel({ chatId }: { chatId: string }) {
  const chat = useConsole((state) => state.chats[chatId]);
  const me = useConsole((state) => state.me?.id);
  const banned = useConsole((state) => state.banned);
  const supervisor = useConsole((state) => canSupervise(state.me));
  const commands = useCommands();
  const [dialog, setDialog] = useState<OpenDialog>();
  if (!chat) return <p className="cs-empty" role="status">Loading the chat…</p>;
  const customer = customerOf(chat);
  const member = isMember(chat, me);
  const topic = topicOf(chat);
  const name = customerName(chat);
  const tags = currentThread(chat)?.tags ?? [];
  const isBanned = customer ? banned[customer.id] !== undefined : false;

  return (
    <section className="cs-chat" aria-labelledby="cs-chat-title" data-testid="chat-panel" data-chat-id={chatId}>
      <header className="cs-chat__header">
        <div className="cs-chat__title">
          <h2 id="cs-chat-title">{name}</h2>
          <p className="cs-muted">
            {topic && <span className="cs-chat__topic" data-testid="chat-panel-topic">{topic} · </span>}
            <span data-testid="chat-status">{statusOf(chat, member)}</span>
            {tags.map((tag) => <span key={tag} className="cs-tag" data-testid="thread-tag">{tag}</span>)}
            {isBanned && <span className="cs-tag cs-tag--danger">banned</span>}
          </p>
        </div>
        <div className="cs-chat__actions" role="toolbar" aria-label="Chat actions">
          {chat.active && !member && <button type="button" className="cs-button cs-button--primary" onClick={() => void commands.join(chatId)} data-testid="join-chat">Join</button>}
          {chat.active && !member && supervisor && holders(chat).length > 0 && (
            <button type="button" className="cs-button" onClick={() => void commands.takeOver(chatId)} data-testid="take-over-chat">Take over</button>
          )}
          {chat.active && <button type="button" className="cs-button" onClick={() => setDialog('transfer')} data-testid="transfer-chat">Transfer</button>}
          {currentThread(chat) && <button type="button" className="cs-button" onClick={() => setDialog('tag')} data-testid="tag-chat">Tag</button>}
          {chat.active && <button type="button" className="cs-button" onClick={() => void commands.close(chatId)} data-testid="close-chat">Close</button>}
          {customer && !isBanned && <button type="button" className="cs-button cs-button--danger" onClick={() => setDialog('ban')} data-testid="ban-customer">Ban</button>}
        </div>
      </header>
      <History chat={chat} meId={me} customerId={customer?.id} />
      <div className="cs-typing" aria-live="off">
        {chat.sneakPeek ? (
          <p data-testid="sneak-peek"><span className="cs-muted">{name} is typing:</span> {chat.sneakPeek}</p>
        ) : chat.typing ? (
          <p className="cs-muted" data-testid="typing-indicator">{name} is typing…</p>
        ) : null}
      </div>
      <NewMessageAnnouncer chat={chat} customerId={customer?.id} />
      <Composer chatId={chatId} disabled={!chat.active || !member} disabledHint={chat.active ? 'Join the chat to reply' : 'This chat is closed'} />
      {dialog === 'transfer' && <TransferDialog chatId={chatId} onClose={() => setDialog(undefined)} />}
      {dialog === 'tag' && <TagDialog chatId={chatId} onClose={() => setDialog(undefined)} />}
      {dialog === 'ban' && customer && <BanDialog customerId={customer.id} name={name} onClose={() => setDialog(undefined)} />}
    </section>
  );
}
