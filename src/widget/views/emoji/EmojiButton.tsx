import { lazy, Suspense, useRef, useState } from 'react';
import { useStrings } from '../strings.js';

// NOTE: the picker and its emoji set load on first open, in their own chunk (size budget).
const EmojiPicker = lazy(() => import('./EmojiPicker.js'));

/** The composer's emoji button and popover; `onPick` inserts the emoji where the caret is. */
export function EmojiButton({ onPick, disabled }: { onPick: (emoji: string) => void; disabled: boolean }) {
  const t = useStrings();
  const [open, setOpen] = useState(false);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const close = () => {
    setOpen(false);
    buttonRef.current?.focus();
  };
  return (
    <div className="sb-emoji-anchor">
      <button
        ref={buttonRef}
        type="button"
        className="sb-icon-button"
        aria-label={t.emojiButton}
        aria-haspopup="listbox"
        aria-expanded={open}
        disabled={disabled}
        onClick={() => setOpen((o) => !o)}
        data-testid="emoji-button"
      >
        <svg aria-hidden="true" width="20" height="20" viewBox="0 0 24 24"><path fill="currentColor" d="M12 2a10 10 0 1 0 0 20 10 10 0 0 0 0-20zm0 18a8 8 0 1 1 0-16 8 8 0 0 1 0 16zm-3.5-9a1.5 1.5 0 1 0 0-3 1.5 1.5 0 0 0 0 3zm7 0a1.5 1.5 0 1 0 0-3 1.5 1.5 0 0 0 0 3zM12 17.5a5.5 5.5 0 0 0 5.1-3.5H6.9a5.5 5.5 0 0 0 5.1 3.5z" /></svg>
      </button>
      {open && (
        <Suspense fallback={<p className="sb-emoji sb-emoji--loading" role="status">{t.emojiLoading}</p>}>
          <EmojiPicker onPick={(emoji) => { setOpen(false); onPick(emoji); }} onClose={close} />
        </Suspense>
      )}
    </div>
  );
}
