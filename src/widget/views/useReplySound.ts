import { useEffect } from 'react';
import { useWidgetOptions, useWidgetStore } from './WidgetContext.js';

/** A soft two-tone chime, synthesized (no audio file to load). */
function chime(): void {
  const AudioContextClass = globalThis.AudioContext;
  if (!AudioContextClass) return;
  const context = new AudioContextClass();
  const gain = context.createGain();
  gain.connect(context.destination);
  gain.gain.setValueAtTime(0.08, context.currentTime);
  gain.gain.exponentialRampToValueAtTime(0.0001, context.currentTime + 0.5);
  [880, 1320].forEach((frequency, index) => {
    const tone = context.createOscillator();
    tone.frequency.value = frequency;
    tone.connect(gain);
    tone.start(context.currentTime + index * 0.12);
    tone.stop(context.currentTime + 0.5);
  });
  setTimeout(() => void context.close().catch(() => undefined), 800);
}

/**
 * With `sound` on, a reply from someone else that arrives while the widget is hidden (panel
 * closed, tab in the background) plays a chime. Browsers may refuse audio before the visitor
 * has interacted with the page; then nothing plays.
 */
export function useReplySound(): void {
  const { sound } = useWidgetOptions();
  const store = useWidgetStore();
  useEffect(() => {
    if (!sound) return;
    let last = new Map(Object.values(store.getState().chats).map((chat) => [chat.id, chat.lastEvent?.id]));
    return store.subscribe((state) => {
      const hidden = !state.visible || document.visibilityState === 'hidden';
      let arrived = false;
      for (const chat of Object.values(state.chats)) {
        const event = chat.lastEvent;
        if (state.synced && last.has(chat.id) && event && last.get(chat.id) !== event.id && event.author_id && event.author_id !== state.customer?.id && event.type !== 'system_message') arrived = true;
      }
      last = new Map(Object.values(state.chats).map((chat) => [chat.id, chat.lastEvent?.id]));
      if (arrived && hidden) {
        try {
          chime();
        } catch {
          // no audio on this device
        }
      }
    });
  }, [sound, store]);
}
