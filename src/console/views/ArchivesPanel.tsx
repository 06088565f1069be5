import { useEffect, useState, type FormEvent } from 'react';
import type { ArchiveFilters } from '../../protocol/agent.js';
import type { ArchiveRow } from '../state/model.js';
import { customerName, lastMessage, topicOf } from '../state/selectors.js';
import { emptyChat } from '../state/model.js';
import { applyChat } from '../state/chats.js';
import { useCommands, useConsole } from './ConsoleContext.js';
import { formatDateTime } from '../../ui/format.js';

/** Date input (YYYY-MM-DD) → RFC 3339 at the start or end of that day, UTC. */
function dayBound(day: string, end: boolean): string | undefined {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) return undefined;
  return `${day}T${end ? '23:59:59.999999' : '00:00:00.000000'}Z`;
}

function rowSummary(row: ArchiveRow) {
  const chat = applyChat(emptyChat(row.id), row);
  return { name: customerName(chat), topic: topicOf(chat), last: lastMessage(chat) };
}

/** Search closed and past conversations by text, customer and date; one row per thread, paged. */
export function ArchivesPanel() {
  const archives = useConsole((state) => state.archives);
  const dispatch = useConsole((state) => state.dispatch);
  const commands = useCommands();
  const [query, setQuery] = useState(archives.filters.query ?? '');
  const [customer, setCustomer] = useState(archives.filters.customer_id ?? '');
  const [from, setFrom] = useState(archives.filters.from?.slice(0, 10) ?? '');
  const [to, setTo] = useState(archives.filters.to?.slice(0, 10) ?? '');
  // A search started elsewhere (the customer panel's "Past conversations") shows in the form.
  const customerFilter = archives.filters.customer_id ?? '';
  useEffect(() => setCustomer(customerFilter), [customerFilter]);

  function submit(event: FormEvent) {
    event.preventDefault();
    const filters: ArchiveFilters = {};
    if (query.trim()) filters.query = query.trim();
    if (customer.trim()) filters.customer_id = customer.trim();
    const fromAt = dayBound(from, false);
    const toAt = dayBound(to, true);
    if (fromAt) filters.from = fromAt;
    if (toAt) filters.to = toAt;
    void commands.searchArchives(filters);
  }

  function open(row: ArchiveRow) {
    dispatch({ type: 'chat', chat: row });
    commands.openChat(row.id);
  }

  return (
    <div className="cs-archives">
      <form className="cs-archives__form" onSubmit={submit} role="search" aria-label="Search archives">
        <label htmlFor="cs-arch-query">Text</label>
        <input id="cs-arch-query" type="search" value={query} onChange={(e) => setQuery(e.target.value)} data-testid="archives-query" />
        <label htmlFor="cs-arch-customer">Customer id</label>
        <input id="cs-arch-customer" value={customer} onChange={(e) => setCustomer(e.target.value)} />
        <div className="cs-archives__dates">
          <span>
            <label htmlFor="cs-arch-from">From</label>
            <input id="cs-arch-from" type="date" value={from} onChange={(e) => setFrom(e.target.value)} />
          </span>
          <span>
            <label htmlFor="cs-arch-to">To</label>
            <input id="cs-arch-to" type="date" value={to} onChange={(e) => setTo(e.target.value)} />
          </span>
        </div>
        <button type="submit" className="cs-button cs-button--primary" data-testid="archives-search">Search</button>
      </form>
      <p className="cs-muted cs-small" role="status">
        {archives.status === 'loading' ? 'Searching…' : archives.status === 'ready' ? `${archives.found} found · page ${archives.page}` : archives.status === 'failed' ? 'The search failed.' : ''}
      </p>
      {archives.rows.length > 0 && (
        <ul className="cs-list" aria-label="Archived conversations" data-testid="archives-results">
          {archives.rows.map((row) => {
            const { name, topic, last } = rowSummary(row);
            return (
              <li key={`${row.id}/${row.thread.id}`}>
                <button type="button" className="cs-entry" onClick={() => open(row)} data-testid="archive-entry" data-chat-id={row.id}>
                  <span className="cs-entry__top">
                    <span className="cs-entry__name">{name}</span>
                    <span className="cs-entry__waiting">{formatDateTime(row.thread.created_at)}</span>
                  </span>
                  {topic && <span className="cs-entry__topic">{topic}</span>}
                  <span className="cs-entry__preview">{last?.type === 'message' ? last.text : row.thread.active ? 'Active' : 'Closed'}</span>
                </button>
              </li>
            );
          })}
        </ul>
      )}
      <div className="cs-pager">
        <button type="button" className="cs-button" disabled={!archives.previousPageId || archives.status === 'loading'} onClick={() => void commands.archivesPage('previous')}>Newer</button>
        <button type="button" className="cs-button" disabled={!archives.nextPageId || archives.status === 'loading'} onClick={() => void commands.archivesPage('next')} data-testid="archives-next">Older</button>
      </div>
    </div>
  );
}
