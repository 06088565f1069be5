import { customerOf } from '../../chat/users.js';
import { topicOf } from '../state/selectors.js';
import { useCommands, useConsole } from './ConsoleContext.js';
import { safeHref } from '../../ui/safeUrl.js';
import { formatDateTime } from '../../ui/format.js';

/** The customer of the open chat: who they are, where they are, and their other chats. */
export function CustomerPanel({ chatId }: { chatId: string }) {
  const customerId = useConsole((state) => {
    const chat = state.chats[chatId];
    return chat ? customerOf(chat)?.id : undefined;
  });
  const fallback = useConsole((state) => (customerId ? state.chats[chatId]?.users[customerId] : undefined));
  const details = useConsole((state) => (customerId ? state.customers[customerId] : undefined));
  const chats = useConsole((state) => state.chats);
  const dispatch = useConsole((state) => state.dispatch);
  const commands = useCommands();
  if (!customerId) return null;
  const customer = details ?? (fallback?.type === 'customer' ? fallback : undefined);
  const pages = details?.last_visit?.last_pages ?? [];
  const page = pages[pages.length - 1];
  const others = (details?.chat_ids ?? []).filter((id) => id !== chatId);

  return (
    <aside className="cs-customer" aria-labelledby="cs-customer-title" data-testid="customer-panel">
      <h2 id="cs-customer-title">Customer</h2>
      <dl className="cs-details">
        <dt>Name</dt>
        <dd data-testid="customer-name">{customer?.name || 'Unknown'}</dd>
        <dt>Email</dt>
        <dd>{customer?.email || '—'}</dd>
        {page && (
          <>
            <dt>Current page</dt>
            <dd data-testid="customer-page">
              {safeHref(page.url) ? <a href={safeHref(page.url)} target="_blank" rel="noopener noreferrer">{page.title || page.url}</a> : page.title || page.url}
            </dd>
          </>
        )}
        {details?.last_visit?.started_at && (
          <>
            <dt>Visit started</dt>
            <dd>{formatDateTime(details.last_visit.started_at)}</dd>
          </>
        )}
      </dl>
      {customer?.session_fields && customer.session_fields.length > 0 && (
        <>
          <h3>Session</h3>
          <dl className="cs-details" data-testid="session-fields">
            {customer.session_fields.flatMap((field) => Object.entries(field)).map(([key, value]) => (
              <div key={key} className="cs-details__pair"><dt>{key}</dt><dd>{value}</dd></div>
            ))}
          </dl>
        </>
      )}
      <button
        type="button"
        className="cs-button cs-customer__archives"
        onClick={() => {
          dispatch({ type: 'setView', view: 'archives' });
          void commands.searchArchives({ customer_id: customerId });
        }}
        data-testid="customer-archives"
      >
        Past conversations
      </button>
      <h3>Other chats</h3>
      {others.length === 0 ? (
        <p className="cs-muted">None.</p>
      ) : (
        <ul className="cs-other-chats" data-testid="other-chats">
          {others.map((id) => {
            const other = chats[id];
            const label = (other && topicOf(other)) || 'No topic';
            return (
              <li key={id}>
                <button type="button" className="cs-link" onClick={() => commands.openChat(id)} data-testid="other-chat">
                  {label}
                </button>{' '}
                <span className="cs-muted">{other ? (other.active ? 'active' : 'closed') : ''}</span>
              </li>
            );
          })}
        </ul>
      )}
    </aside>
  );
}
