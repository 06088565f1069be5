import { useState, useSyncExternalStore, type KeyboardEvent } from 'react';
import type { CannedResponse } from '../../protocol/configuration.js';
import type { CannedCatalog } from '../state/cannedCatalog.js';
import { insertCanned, matchCanned, shortcutAt, type ShortcutQuery } from '../state/matchCanned.js';

const NONE: readonly CannedResponse[] = [];
const noSubscription = () => () => undefined;

export interface CannedSuggestions {
  open: boolean;
  matches: CannedResponse[];
  active: number;
  /** Call with the textarea's value and caret after every change or caret move. */
  track(text: string, caret: number): void;
  /** Handles the list's keys; true when the key was used (the composer must not act on it). */
  onKeyDown(event: KeyboardEvent<HTMLTextAreaElement>): boolean;
  choose(index: number): void;
  close(): void;
}

/**
 * The composer's `#shortcut` combobox: which canned responses match what is typed before the
 * caret, which one is active, and the keys of the ARIA combobox pattern (arrows move, Enter or Tab
 * insert, Escape closes until the shortcut changes). `apply` receives the new text and caret.
 */
export function useCannedSuggestions(catalog: CannedCatalog | undefined, text: string, apply: (text: string, caret: number) => void): CannedSuggestions {
  const list = useSyncExternalStore(catalog ? catalog.subscribe : noSubscription, () => catalog?.get() ?? NONE);
  const [at, setAt] = useState<ShortcutQuery & { caret: number }>();
  const [active, setActive] = useState(0);
  const [dismissed, setDismissed] = useState<string>();

  const matches = at ? matchCanned(list, at.query) : [];
  const key = at ? `${at.start}:${at.query}` : undefined;
  const open = at !== undefined && key !== dismissed && matches.length > 0;

  function track(value: string, caret: number) {
    const next = shortcutAt(value, caret);
    if (next && !at && catalog) void catalog.refresh();
    if (next?.query !== at?.query || next?.start !== at?.start) setActive(0);
    setAt(next ? { ...next, caret } : undefined);
  }

  function choose(index: number) {
    const picked = matches[index];
    if (!at || !picked) return;
    const next = insertCanned(text, at, at.caret, picked.text);
    setAt(undefined);
    apply(next.text, next.caret);
  }

  function onKeyDown(event: KeyboardEvent<HTMLTextAreaElement>): boolean {
    if (!open) return false;
    const used = (() => {
      switch (event.key) {
        case 'ArrowDown':
          setActive((active + 1) % matches.length);
          return true;
        case 'ArrowUp':
          setActive((active - 1 + matches.length) % matches.length);
          return true;
        case 'Enter':
        case 'Tab':
          if (event.shiftKey) return false;
          choose(Math.min(active, matches.length - 1));
          return true;
        case 'Escape':
          setDismissed(key);
          return true;
        default:
          return false;
      }
    })();
    if (used) {
      event.preventDefault();
      event.stopPropagation();
    }
    return used;
  }

  return { open, matches, active: Math.min(active, Math.max(matches.length - 1, 0)), track, onKeyDown, choose, close: () => setDismissed(key) };
}
