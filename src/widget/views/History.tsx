import { useEffect, useMemo, useRef, useState } from 'react';
import { useChatHistory } from '../history/historyQuery.js';
import { pendingFor } from '../../chat/pending.js';
import { agentsSeenUpTo } from '../../chat/users.js';
import { TimelineRow } from './EventRow.js';
import { useStrings } from './strings.js';
import { timelineKeys, timelineOf, type TimelineItem } from './timeline.js';
import { useTimelineWindow } from '../../ui/useTimelineWindow.js';
import { useCommands, useWidget } from './WidgetContext.js';

const END_THRESHOLD = 48;
const NO_USERS = {};
const LOAD_OLDER_THRESHOLD = 240;

/** Counts new rows from someone else that arrived since `lastKey`. */
function newFromOthers(items: readonly TimelineItem[], lastKey: string | undefined): number {
  let count = 0;
  for (let i = items.length - 1; i >= 0; i--) {
    const item = items[i] as TimelineItem;
    if (item.key === lastKey) break;
    if (item.kind === 'event' && !item.own && item.event.type !== 'system_message') count += 1;
  }
  return count;
}

/**
 * The continuous, virtualized timeline of one chat. It opens at the bottom, follows new messages
 * while the reader is at the bottom, keeps the visible message still when older threads are
 * prepended (scrolling to the top loads them), and offers a "new messages" pill otherwise.
 */
export function History({ chatId, label }: { chatId: string; label: string }) {
  const chat = useWidget((state) => state.chats[chatId]);
  const customerId = useWidget((state) => state.customer?.id);
  const outgoing = useWidget((state) => state.outgoing);
  const outgoingOrder = useWidget((state) => state.outgoingOrder);
  const commands = useCommands();
  const strings = useStrings();
  const history = useChatHistory(chatId, commands.loadHistoryPage);
  const items = useMemo(
    () => (chat ? timelineOf(chat, pendingFor({ outgoing, outgoingOrder }, chatId), customerId, agentsSeenUpTo(chat)) : []),
    [chat, outgoing, outgoingOrder, chatId, customerId],
  );
  const users = chat?.users ?? NO_USERS;
  const scrollRef = useRef<HTMLDivElement>(null);
  const keys = timelineKeys(items);
  const list = useTimelineWindow({ listId: chatId, keys, scrollRef, estimate: 64, overscan: 6, endThreshold: END_THRESHOLD });
  const [pill, setPill] = useState(0);
  const lastKey = useRef<string | undefined>(undefined);

  // New rows while scrolled up: count them in the pill instead of moving the view.
  useEffect(() => {
    const last = items[items.length - 1]?.key;
    if (lastKey.current !== undefined && last !== lastKey.current && !list.isAtEnd()) {
      const added = newFromOthers(items, lastKey.current);
      if (added > 0) setPill((count) => count + added);
    }
    lastKey.current = last;
  }, [items, list]);

  function onScroll() {
    const element = scrollRef.current;
    if (!element) return;
    list.onScroll();
    if (pill > 0 && list.isAtEnd()) setPill(0);
    if (element.scrollTop < LOAD_OLDER_THRESHOLD && history.hasOlder) history.loadOlder();
  }

  return (
    <div className="sb-history">
      {/* NOTE: status lines float above the list so that showing them never moves a message */}
      {history.loadingOlder && items.length > 0 && <p className="sb-history__status" role="status">{strings.loadingOlder}</p>}
      {history.error && <p className="sb-history__status" role="alert">{strings.historyError}</p>}
      <div ref={scrollRef} className="sb-history__scroll" onScroll={onScroll} role="log" aria-label={label} tabIndex={0} data-testid="history">
        <div className="sb-history__inner" style={{ height: list.totalSize }} onLoadCapture={list.remeasure}>
          {list.rows.map((row) => {
            const item = items[row.index];
            if (!item) return null;
            return (
              <div key={row.key} data-key={row.key} ref={list.measureRow} className="sb-history__item" style={{ transform: `translateY(${row.start}px)` }}>
                <TimelineRow item={item} users={users} customerId={customerId} chatId={chatId} />
              </div>
            );
          })}
        </div>
      </div>
      {pill > 0 && (
        <button
          type="button"
          className="sb-pill"
          onClick={() => {
            list.scrollToEnd();
            setPill(0);
          }}
        >
          {strings.newMessages(pill)}
        </button>
      )}
    </div>
  );
}
