import type { CannedResponse } from '../../protocol/configuration.js';

/** A `#shortcut` being typed: where its `#` is and the letters after it (may be empty). */
export interface ShortcutQuery {
  start: number;
  query: string;
}

/**
 * The shortcut ending at the caret: `#` at the start or after white space, then word characters.
 * @example shortcutAt('Hi #ref', 7) // → { start: 3, query: 'ref' }
 */
export function shortcutAt(text: string, caret: number): ShortcutQuery | undefined {
  const match = /(^|\s)#(\w*)$/.exec(text.slice(0, caret));
  if (!match) return undefined;
  return { start: caret - match[2]!.length - 1, query: match[2]!.toLowerCase() };
}

/** Responses with a tag starting with the query; an exact tag first, then by tag. */
export function matchCanned(list: readonly CannedResponse[], query: string, max = 20): CannedResponse[] {
  const rank = (r: CannedResponse) => (r.tags.includes(query) ? 0 : 1);
  const firstTag = (r: CannedResponse) => r.tags.find((t) => t.startsWith(query)) ?? '';
  return list
    .filter((r) => r.tags.some((t) => t.startsWith(query)))
    .sort((a, b) => rank(a) - rank(b) || firstTag(a).localeCompare(firstTag(b)) || a.id - b.id)
    .slice(0, max);
}

/** Replaces `#query` (from `start` to the caret) with the response's text; returns the new caret too. */
export function insertCanned(text: string, at: ShortcutQuery, caret: number, insert: string): { text: string; caret: number } {
  const before = text.slice(0, at.start);
  return { text: before + insert + text.slice(caret), caret: before.length + insert.length };
}
