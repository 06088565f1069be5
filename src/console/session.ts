/** The signed-in agent of this tab. */
export interface ConsoleSession {
  agentId: string;
  token: string;
}

const KEY = 'switchboard.console.session';

/**
 * NOTE: sessionStorage, not localStorage: the session survives a reload of this tab, and two tabs
 * can be two different agents. The token never leaves this browser tab's storage.
 */
export function loadSession(storage: Pick<Storage, 'getItem'>): ConsoleSession | undefined {
  try {
    const raw = storage.getItem(KEY);
    if (!raw) return undefined;
    const parsed = JSON.parse(raw) as Partial<ConsoleSession>;
    return typeof parsed.agentId === 'string' && typeof parsed.token === 'string' ? { agentId: parsed.agentId, token: parsed.token } : undefined;
  } catch {
    return undefined;
  }
}

export function saveSession(storage: Pick<Storage, 'setItem'>, session: ConsoleSession): void {
  storage.setItem(KEY, JSON.stringify(session));
}

export function clearSession(storage: Pick<Storage, 'removeItem'>): void {
  storage.removeItem(KEY);
}
