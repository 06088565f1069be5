import { useCallback, useLayoutEffect, useMemo, useRef, useState, type RefObject } from 'react';

/** A row the list renders: its index in the items, its stable key and its top offset. */
export interface WindowRow { index: number; key: string; start: number }

export interface TimelineWindow {
  rows: WindowRow[];
  totalSize: number;
  /** Ref callback for a rendered row (`data-key` on the element): it is measured after commit. */
  measureRow(element: HTMLElement | null): (() => void) | undefined;
  /** Re-measures the rows on screen (an image in one of them loaded). */
  remeasure(): void;
  onScroll(): void;
  scrollToEnd(): void;
  isAtEnd(): boolean;
}

/** Measured row heights per chat, kept across remounts so a revisited chat opens with exact sizes. */
const heightsByList = new Map<string, Map<string, number>>();

/**
 * A virtual window over a chat timeline, anchored at the end. Rows are absolutely placed at
 * offsets from measured (else estimated) heights; only the rows on screen plus `overscan` exist.
 * Behaviour:
 * - it opens at the bottom, in the same frame (no scroll animation);
 * - while the reader is within `endThreshold` px of the bottom, new rows keep it at the bottom;
 * - otherwise the first visible row stays exactly where it was, whatever changes above it (older
 *   threads prepended, rows measured): the view never jumps.
 * NOTE: rows are measured with `offsetHeight` in a layout effect, not with a ResizeObserver per row:
 * new observations made inside a ResizeObserver callback are delivered a frame late (and raise
 * "ResizeObserver loop" errors), which would paint one frame with estimated sizes.
 */
export function useTimelineWindow(options: {
  listId: string;
  keys: readonly string[];
  scrollRef: RefObject<HTMLElement | null>;
  estimate: number;
  overscan: number;
  endThreshold: number;
}): TimelineWindow {
  const { listId, keys, scrollRef, estimate, overscan, endThreshold } = options;
  const heights = useMemo(() => {
    let map = heightsByList.get(listId);
    if (!map) heightsByList.set(listId, (map = new Map()));
    return map;
  }, [listId]);
  const [version, setVersion] = useState(0);
  const [viewport, setViewport] = useState({ top: 0, height: 0, synced: false });
  const mounted = useRef(new Map<string, HTMLElement>());
  const dirty = useRef(true);
  const anchor = useRef<{ key: string; delta: number } | 'end'>('end');
  // new or rebuilt items may have changed the height of rows on screen: measure them all once
  useMemo(() => {
    dirty.current = true;
  }, [keys]);

  // Offsets: starts[i] is the top of row i; starts[count] the total height. Measuring rows only
  // changes the offsets from the first re-measured row on: those are recomputed, not all of them.
  const offsets = useRef<{ keys: readonly string[]; heights: Map<string, number>; estimate: number; starts: Float64Array } | undefined>(undefined);
  const changedFrom = useRef(0);
  const starts = useMemo(() => {
    const previous = offsets.current;
    const reuse = previous !== undefined && previous.keys === keys && previous.heights === heights && previous.estimate === estimate;
    const from = reuse ? Math.min(changedFrom.current, keys.length) : 0;
    const list = reuse ? previous.starts.slice() : new Float64Array(keys.length + 1);
    if (heights.size === 0) for (let i = from; i < keys.length; i++) list[i + 1] = (list[i] as number) + estimate;
    else for (let i = from; i < keys.length; i++) list[i + 1] = (list[i] as number) + (heights.get(keys[i] as string) ?? estimate);
    offsets.current = { keys, heights, estimate, starts: list };
    changedFrom.current = keys.length;
    return list;
  }, [keys, heights, estimate, version]); // `version`: the heights changed
  // built on first use only: while the view is pinned to the end no row is looked up by key
  const indexes = useRef<{ keys: readonly string[]; map: Map<string, number> } | undefined>(undefined);
  const indexOfKey = (key: string): number | undefined => {
    if (indexes.current?.keys !== keys) {
      const map = new Map<string, number>();
      for (let i = 0; i < keys.length; i++) map.set(keys[i] as string, i);
      indexes.current = { keys, map };
    }
    return indexes.current.map.get(key);
  };
  const totalSize = starts[keys.length] as number;

  /** First index whose bottom is below `offset`. */
  const indexAt = useCallback((offset: number) => {
    let low = 0;
    let high = keys.length - 1;
    while (low < high) {
      const mid = (low + high) >> 1;
      if ((starts[mid + 1] as number) <= offset) low = mid + 1;
      else high = mid;
    }
    return Math.max(0, low);
  }, [keys.length, starts]);

  const rows = useMemo(() => {
    // Until the scroll box was read (the first render) the list opens at its end in a box as tall
    // as the window: those rows are measured in the same layout as the box, not one pass later.
    const height = viewport.synced ? viewport.height : typeof window === 'undefined' ? 0 : window.innerHeight;
    const top = viewport.synced ? viewport.top : totalSize - height;
    if (keys.length === 0 || height === 0) return [];
    // `viewport.top` is in inner-list coordinates (the list may sit lower when it is shorter than the box)
    const first = Math.max(0, indexAt(top) - overscan);
    const last = Math.min(keys.length - 1, indexAt(top + height) + overscan);
    const list: WindowRow[] = [];
    for (let i = first; i <= last; i++) list.push({ index: i, key: keys[i] as string, start: starts[i] as number });
    return list;
  }, [keys, starts, viewport, overscan, indexAt, totalSize]);

  const listOffset = (element: HTMLElement) => Math.max(0, element.clientHeight - totalSize);

  const remember = useCallback(() => {
    const element = scrollRef.current;
    if (!element) return;
    if (element.scrollHeight - element.scrollTop - element.clientHeight <= endThreshold) {
      anchor.current = 'end';
      return;
    }
    const top = element.scrollTop - Math.max(0, element.clientHeight - totalSize);
    const index = indexAt(top);
    const key = keys[index];
    anchor.current = key === undefined ? 'end' : { key, delta: (starts[index] as number) - top };
  }, [scrollRef, endThreshold, totalSize, indexAt, keys, starts]);

  const sync = useCallback(() => {
    const element = scrollRef.current;
    if (!element) return;
    const next = { top: element.scrollTop - listOffset(element), height: element.clientHeight, synced: true };
    setViewport((current) => (current.synced && current.top === next.top && current.height === next.height ? current : next));
  }, [scrollRef, totalSize]);

  // After every commit: measure new rows; when sizes changed, render again before paint; else
  // restore the anchor (bottom, or the first visible row) and sync the window with the scroll box.
  useLayoutEffect(() => {
    const element = scrollRef.current;
    if (!element) return;
    // Measure the rows of this render (their indexes are known: offsets change from the first one
    // that changed). When sizes changed, render again before paint with the window where the
    // anchor will put it (else that render would mount rows around the old offsets for nothing).
    let changedAt = Infinity;
    let growth = 0;
    let growthAbove = 0;
    const anchorKey = anchor.current === 'end' ? undefined : anchor.current.key;
    let anchorIndex = Infinity;
    for (const { key, index } of rows) {
      if (key === anchorKey) anchorIndex = index;
      const row = mounted.current.get(key);
      if (!row || (!dirty.current && heights.has(key))) continue;
      const height = row.offsetHeight;
      const before = heights.get(key);
      if (height > 0 && before !== height) {
        heights.set(key, height);
        changedAt = Math.min(changedAt, index);
        growth += height - (before ?? estimate);
        if (index < anchorIndex) growthAbove += height - (before ?? estimate);
      }
    }
    // rows mounted outside this render's window (none expected): offsets from the top again
    if (mounted.current.size > rows.length) for (const [key, row] of mounted.current) {
      if (rows.some((r) => r.key === key) || (!dirty.current && heights.has(key))) continue;
      const height = row.offsetHeight;
      if (height > 0 && heights.get(key) !== height) {
        heights.set(key, height);
        changedAt = 0;
      }
    }
    dirty.current = false;
    if (changedAt !== Infinity) {
      changedFrom.current = Math.min(changedFrom.current, changedAt);
      const shift = anchor.current === 'end' ? growth : anchorIndex === Infinity ? 0 : growthAbove;
      if (shift !== 0) setViewport((current) => (current.synced ? { ...current, top: current.top + shift } : current));
      setVersion((v) => v + 1);
      return;
    }
    const target = anchor.current === 'end'
      ? element.scrollHeight - element.clientHeight
      : (() => {
          const { key, delta } = anchor.current;
          const index = indexOfKey(key);
          return index === undefined ? element.scrollTop : (starts[index] as number) - delta + listOffset(element);
        })();
    if (Math.abs(element.scrollTop - target) >= 1) element.scrollTop = Math.max(0, target);
    sync();
  });

  // Width changes reflow every row: forget the heights of rows on screen and measure again.
  useLayoutEffect(() => {
    const element = scrollRef.current;
    if (!element || typeof ResizeObserver === 'undefined') return;
    let width = element.clientWidth;
    const observer = new ResizeObserver(() => {
      if (element.clientWidth !== width) {
        width = element.clientWidth;
        dirty.current = true;
      }
      setVersion((v) => v + 1);
    });
    observer.observe(element);
    return () => observer.disconnect();
  }, [scrollRef]);

  const measureRow = useCallback((element: HTMLElement | null) => {
    // NOTE: React 19 calls a ref callback's cleanup on detach; the key is read from the element.
    if (!element) return;
    const key = element.dataset.key as string;
    mounted.current.set(key, element);
    return () => {
      if (mounted.current.get(key) === element) mounted.current.delete(key);
    };
  }, []);

  return {
    rows,
    totalSize,
    measureRow,
    remeasure: () => {
      dirty.current = true;
      setVersion((v) => v + 1);
    },
    onScroll: () => {
      remember();
      sync();
    },
    scrollToEnd: () => {
      anchor.current = 'end';
      const element = scrollRef.current;
      if (element) element.scrollTop = element.scrollHeight;
      setVersion((v) => v + 1);
    },
    isAtEnd: () => anchor.current === 'end',
  };
}
