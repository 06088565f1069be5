/** The messages both bench pages render: `chats` chats of `events` events each, in threads of 500. */
import type { Chat, ChatEvent, Thread } from '../../src/protocol/entities.js';

export const CUSTOMER = { id: 'bench-customer', type: 'customer' as const, name: 'Ada', present: true };
export const AGENT = { id: 'agent@bench', type: 'agent' as const, name: 'Agent Smith', avatar: '', present: true };
const START = Date.UTC(2024, 4, 14, 7, 0, 0);
const at = (s: number) => new Date(START + s * 1000).toISOString().replace(/\.(\d{3})Z$/, '.$1000Z');
const WORDS = 'order parcel refund invoice address delivery tomorrow thanks please check status tracking number account password reset'.split(' ');

function text(i: number): string {
  const n = 4 + (i * 7) % 23;
  return Array.from({ length: n }, (_, k) => WORDS[(i + k * 3) % WORDS.length]).join(' ');
}

export interface BenchChat { id: string; topic: string; threads: Thread[] /* newest first */; chat: Chat }

export function makeChats(chats: number, events: number, perThread = 500): BenchChat[] {
  return Array.from({ length: chats }, (_, c) => {
    const id = `CHAT${c}`;
    const threads: Thread[] = [];
    for (let t = 0, e = 0; e < events; t++) {
      const evs: ChatEvent[] = [];
      const tid = `${id}_T${t}`;
      for (let k = 0; k < perThread && e < events; k++, e++) {
        const s = e * 60 + c;
        evs.push({ id: `${tid}_${k + 1}`, type: 'message', text: text(e + c), created_at: at(s), author_id: e % 2 ? AGENT.id : CUSTOMER.id } as ChatEvent);
      }
      threads.push({ id: tid, created_at: evs[0]!.created_at, active: e >= events, user_ids: [CUSTOMER.id, AGENT.id], events: evs } as Thread);
    }
    threads.reverse();
    const topic = `Topic ${c}`;
    const chat = { id, users: [CUSTOMER, AGENT], thread: threads[0]!, properties: { switchboard: { topic } }, access: { group_ids: [0] } } as unknown as Chat;
    return { id, topic, threads, chat };
  });
}

/** Frames longer than 50 ms (rAF deltas) and long tasks while `work` runs. */
export async function watchFrames<T>(work: () => Promise<T>): Promise<{ result: T; frames: number; framesOver50: number; maxFrameMs: number; longTasks: number }> {
  let longTasks = 0;
  const obs = new PerformanceObserver((list) => { longTasks += list.getEntries().filter((e) => e.duration > 50).length; });
  try { obs.observe({ type: 'longtask', buffered: false }); } catch { /* not supported */ }
  let last = performance.now();
  let frames = 0; let over = 0; let max = 0; let running = true;
  const tick = (t: number) => {
    const d = t - last; last = t; frames++;
    if (d > 50) over++;
    if (d > max) max = d;
    if (running) requestAnimationFrame(tick);
  };
  requestAnimationFrame((t) => { last = t; requestAnimationFrame(tick); });
  const result = await work();
  running = false;
  await nextPaint();
  obs.disconnect();
  return { result, frames, framesOver50: over, maxFrameMs: max, longTasks };
}

/** Resolves after the next frame has been painted (rAF, then a task after it). */
export function nextPaint(): Promise<void> {
  return new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
}

/** Scrolls `el` from the bottom to the top in `steps` frames (one step per frame). */
export async function scrollThrough(el: HTMLElement, steps: number): Promise<number> {
  el.scrollTop = el.scrollHeight;
  await nextPaint();
  const start = el.scrollTop;
  for (let i = 1; i <= steps; i++) {
    el.scrollTop = start * (1 - i / steps);
    await new Promise((r) => requestAnimationFrame(r));
  }
  return start;
}

export interface BenchApi {
  seed(chats: number, events: number): Promise<void>;
  /** Shows a chat; resolves with ms until its first screen was painted. */
  open(chatId: string): Promise<number>;
  scroll(chatId: string, steps: number): Promise<{ frames: number; framesOver50: number; maxFrameMs: number; longTasks: number; scrolledPx: number }>;
  rows(): number;
}
declare global { interface Window { bench?: BenchApi } }
