/**
 * Baseline: the same messages as plain DOM, every one mounted (no virtualization, no framework),
 * one list per chat in a scroll box of the same size as the widget's history.
 */
import { makeChats, nextPaint, scrollThrough, watchFrames, CUSTOMER, type BenchChat } from './data.js';

const box = document.getElementById('root')!;
let chats = new Map<string, BenchChat>();

function render(c: BenchChat): void {
  const list = document.createElement('div');
  list.className = 'history';
  list.dataset.testid = 'history';
  for (const t of [...c.threads].reverse()) {
    const sep = document.createElement('p');
    sep.className = 'sep';
    sep.textContent = `Thread ${t.id}`;
    list.append(sep);
    for (const e of t.events) {
      const row = document.createElement('div');
      row.className = `row ${e.author_id === CUSTOMER.id ? 'mine' : ''}`;
      const who = document.createElement('span');
      who.className = 'who';
      who.textContent = e.author_id === CUSTOMER.id ? 'You' : 'Agent Smith';
      const text = document.createElement('p');
      text.textContent = 'text' in e ? String(e.text) : '';
      const time = document.createElement('time');
      time.textContent = e.created_at.slice(11, 16);
      row.append(who, text, time);
      list.append(row);
    }
  }
  box.replaceChildren(list);
  list.scrollTop = list.scrollHeight;
}

window.bench = {
  async seed(n, events) {
    chats = new Map(makeChats(n, events).map((c) => [c.id, c]));
    await nextPaint();
  },
  async open(chatId) {
    const t0 = performance.now();
    render(chats.get(chatId)!);
    await nextPaint();
    return performance.now() - t0;
  },
  async scroll(_chatId, steps) {
    const el = document.querySelector<HTMLElement>('.history')!;
    const r = await watchFrames(() => scrollThrough(el, steps));
    return { frames: r.frames, framesOver50: r.framesOver50, maxFrameMs: r.maxFrameMs, longTasks: r.longTasks, scrolledPx: r.result };
  },
  rows: () => document.querySelectorAll('.row').length,
};
document.body.dataset.ready = '1';
