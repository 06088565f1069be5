import { describe, expect, it } from 'vitest';
import { initialWidgetData } from '../state/model.js';
import { reduce } from '../state/reduce.js';
import { CUSTOMER_ID, at, message, thread } from '../state/testData.js';
import { buildTimeline } from './timeline.js';

function chatWith(...threads: ReturnType<typeof thread>[]) {
  const data = reduce(initialWidgetData(), { type: 'threads', chatId: 'A', threads, reachedOldest: true });
  return data.chats.A!;
}

describe('buildTimeline()', () => {
  it('puts a thread separator where a new thread begins and a date separator where the day changes', () => {
    const chat = chatWith(thread('T1', 0, [message('T1_1', 1, 'a')]), thread('T2', 3 * 86400, [message('T2_1', 3 * 86400 + 5, 'b')], true));
    expect(buildTimeline(chat, [], CUSTOMER_ID, '').map((item) => item.kind)).toEqual(['start', 'date', 'event', 'thread', 'date', 'event']);
  });

  it('groups consecutive messages of one author and marks only the last own message with its delivery state', () => {
    const chat = chatWith(thread('T', 0, [message('T_1', 1, 'a', CUSTOMER_ID), message('T_2', 2, 'b', CUSTOMER_ID), message('T_3', 3, 'c'), message('T_4', 4, 'd')], true));
    const events = buildTimeline(chat, [], CUSTOMER_ID, at(2)).filter((item) => item.kind === 'event');
    expect(events.map((item) => item.kind === 'event' && [item.own, item.firstOfGroup, item.delivery])).toEqual([
      [true, true, undefined],
      [true, false, 'seen'],
      [false, true, undefined],
      [false, false, undefined],
    ]);
  });

  it('appends messages still on their way after the events', () => {
    const chat = chatWith(thread('T', 0, [message('T_1', 1, 'a')], true));
    const items = buildTimeline(chat, [{ customId: 'x', chatId: 'A', event: { type: 'message', text: 'later' }, createdAt: 0, status: 'sending' }], CUSTOMER_ID, '');
    expect(items[items.length - 1]).toMatchObject({ kind: 'outgoing', key: 'out-x' });
  });
});
