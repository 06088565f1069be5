import type { RoutingStatus } from '../../protocol/entities.js';
import { useState } from 'react';
import { useCommands, useConsole, useDesktop, useSignOut } from './ConsoleContext.js';

const STATUS_LABELS: Record<RoutingStatus, string> = {
  accepting_chats: 'Accepting chats',
  not_accepting_chats: 'Not accepting chats',
  offline: 'Offline',
};
/** Humans switch between the first two; `offline` is what the server reports once the last tab closes. */
const HUMAN_STATUSES: RoutingStatus[] = ['accepting_chats', 'not_accepting_chats'];

const CONNECTION_LABELS: Record<string, string> = {
  connected: 'Connected', connecting: 'Connecting…', logging_in: 'Connecting…', reconnecting: 'Reconnecting…',
  disconnected: 'Disconnected', idle: 'Connecting…', closed: 'Closed',
};

export function TopBar({ settingsOpen = false, onToggleSettings }: { settingsOpen?: boolean; onToggleSettings?: () => void }) {
  const me = useConsole((state) => state.me);
  const status = useConsole((state) => state.routingStatus);
  const connection = useConsole((state) => state.connection.status);
  const muted = useConsole((state) => state.muted);
  const commands = useCommands();
  const signOut = useSignOut();
  return (
    <header className="cs-topbar">
      <h1 className="cs-topbar__brand">Switchboard</h1>
      <div className="cs-topbar__status">
        <label htmlFor="cs-routing">My status</label>
        <select
          id="cs-routing"
          className={`cs-routing cs-routing--${status ?? 'offline'}`}
          value={status ?? 'offline'}
          onChange={(event) => void commands.setRoutingStatus(event.target.value as RoutingStatus)}
          data-testid="routing-status"
        >
          {(status === 'offline' ? [...HUMAN_STATUSES, 'offline' as const] : HUMAN_STATUSES).map((value) => (
            <option key={value} value={value} disabled={value === 'offline'}>{STATUS_LABELS[value]}</option>
          ))}
        </select>
      </div>
      <span className={`cs-connection cs-connection--${connection}`} role="status" data-testid="connection-status">{CONNECTION_LABELS[connection] ?? connection}</span>
      <button type="button" className="cs-button" aria-pressed={muted} onClick={() => commands.setMuted(!muted)} data-testid="mute-toggle">
        {muted ? 'Sound and badge off' : 'Sound and badge on'}
      </button>
      <DesktopToggle />
      <span className="cs-topbar__me" title={me?.email}>{me?.name}</span>
      {onToggleSettings && (
        <button type="button" className="cs-button" aria-pressed={settingsOpen} onClick={onToggleSettings} data-testid="settings-toggle">Settings</button>
      )}
      <button type="button" className="cs-button" onClick={signOut} data-testid="sign-out">Sign out</button>
    </header>
  );
}

/** Offers desktop notifications until the agent has answered the browser's question. */
function DesktopToggle() {
  const desktop = useDesktop();
  const [state, setState] = useState(() => desktop?.state() ?? 'unsupported');
  if (!desktop || state !== 'default') return null;
  return (
    <button type="button" className="cs-button" onClick={() => void desktop.requestPermission().then(() => setState(desktop.state()))} data-testid="desktop-notifications">
      Enable desktop notifications
    </button>
  );
}
