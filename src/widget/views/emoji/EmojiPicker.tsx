import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import { EMOJI } from './emojiSet.js';
import './emojiPicker.css';
import { useStrings } from '../strings.js';

const COLUMNS = 8;

/**
 * The emoji grid (its own lazy chunk). A listbox with an active descendant: arrow keys, Home and
 * End move, Enter or a click picks, Escape closes; focus returns to the opener (the caller's job).
 */
export default function EmojiPicker({ onPick, onClose }: { onPick: (emoji: string) => void; onClose: () => void }) {
  const t = useStrings();
  const [active, setActive] = useState(0);
  const listRef = useRef<HTMLDivElement>(null);
  const id = useId();

  useEffect(() => {
    listRef.current?.focus();
  }, []);
  // NOTE: a block body: Chromium's scrollIntoView may return a promise, which React would take for a cleanup.
  useEffect(() => {
    void listRef.current?.querySelector(`[data-index="${active}"]`)?.scrollIntoView?.({ block: 'nearest' });
  }, [active]);

  function onKeyDown(event: KeyboardEvent) {
    const moves: Record<string, number> = { ArrowRight: 1, ArrowLeft: -1, ArrowDown: COLUMNS, ArrowUp: -COLUMNS };
    if (event.key in moves) {
      event.preventDefault();
      setActive((i) => Math.min(EMOJI.length - 1, Math.max(0, i + moves[event.key]!)));
    } else if (event.key === 'Home' || event.key === 'End') {
      event.preventDefault();
      setActive(event.key === 'Home' ? 0 : EMOJI.length - 1);
    } else if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      onPick(EMOJI[active]![0]);
    } else if (event.key === 'Escape') {
      event.preventDefault();
      event.stopPropagation();
      onClose();
    }
  }

  return (
    <div
      ref={listRef}
      className="sb-emoji"
      role="listbox"
      aria-label={t.emojiPicker}
      aria-activedescendant={`${id}-${active}`}
      tabIndex={0}
      onKeyDown={onKeyDown}
      data-testid="emoji-picker"
    >
      {EMOJI.map(([emoji, name], i) => (
        <div
          key={emoji}
          id={`${id}-${i}`}
          data-index={i}
          role="option"
          aria-selected={i === active}
          aria-label={name}
          className="sb-emoji__option"
          onMouseDown={(event) => event.preventDefault()}
          onClick={() => onPick(emoji)}
        >
          {emoji}
        </div>
      ))}
    </div>
  );
}
