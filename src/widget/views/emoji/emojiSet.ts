/** A compact curated set (what a support chat needs), with the names screen readers announce. */
export const EMOJI: readonly (readonly [emoji: string, name: string])[] = [
  ['😀', 'grinning face'], ['😃', 'smiling face with open mouth'], ['😄', 'smiling face with smiling eyes'], ['😁', 'beaming face'],
  ['😅', 'grinning face with sweat'], ['😂', 'face with tears of joy'], ['🙂', 'slightly smiling face'], ['😉', 'winking face'],
  ['😊', 'smiling face'], ['😍', 'smiling face with heart-eyes'], ['🤩', 'star-struck'], ['😎', 'smiling face with sunglasses'],
  ['🤔', 'thinking face'], ['😐', 'neutral face'], ['😕', 'confused face'], ['🙁', 'slightly frowning face'],
  ['😮', 'face with open mouth'], ['😢', 'crying face'], ['😭', 'loudly crying face'], ['😡', 'angry face'],
  ['😴', 'sleeping face'], ['🤯', 'exploding head'], ['🥳', 'partying face'], ['🙄', 'face with rolling eyes'],
  ['👍', 'thumbs up'], ['👎', 'thumbs down'], ['👌', 'OK hand'], ['👏', 'clapping hands'],
  ['🙏', 'folded hands'], ['👋', 'waving hand'], ['🤝', 'handshake'], ['💪', 'flexed biceps'],
  ['❤️', 'red heart'], ['💔', 'broken heart'], ['⭐', 'star'], ['🔥', 'fire'],
  ['🎉', 'party popper'], ['✅', 'check mark'], ['❌', 'cross mark'], ['❓', 'question mark'],
  ['⚠️', 'warning'], ['💡', 'light bulb'], ['📦', 'package'], ['🚚', 'delivery truck'],
  ['💳', 'credit card'], ['🧾', 'receipt'], ['📧', 'e-mail'], ['📞', 'telephone receiver'],
];
