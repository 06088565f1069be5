/** The part of the browser's Notification API the console uses (tests pass a fake). */
export interface NotificationApi {
  readonly permission: 'default' | 'granted' | 'denied';
  requestPermission(): Promise<'default' | 'granted' | 'denied'>;
  new (title: string, options?: { body?: string; tag?: string }): { onclick: ((event: unknown) => void) | null; close(): void };
}

export interface DesktopNotifier {
  /** Whether the browser has notifications at all, and what the agent allowed. */
  state(): 'unsupported' | 'default' | 'granted' | 'denied';
  /** Asks once; browsers only show the prompt after a click. */
  requestPermission(): Promise<void>;
  /** Shows one notification (one per chat: a newer one replaces it); a click calls `onOpen`. */
  show(chatId: string, title: string, body: string, onOpen: () => void): void;
}

/**
 * Desktop notifications for a console in the background, only once the agent has allowed them.
 * @example
 * const desktop = createDesktopNotifier(() => window.Notification);
 * desktop.show(chatId, 'New chat', 'Maria: Where is my order?', () => { window.focus(); open(chatId); });
 */
export function createDesktopNotifier(api: () => NotificationApi | undefined): DesktopNotifier {
  return {
    state: () => api()?.permission ?? 'unsupported',
    async requestPermission() {
      const n = api();
      if (n && n.permission === 'default') await n.requestPermission();
    },
    show(chatId, title, body, onOpen) {
      const N = api();
      if (N?.permission !== 'granted') return;
      const shown = new N(title, { body, tag: `switchboard-chat-${chatId}` });
      shown.onclick = () => {
        onOpen();
        shown.close();
      };
    },
  };
}
