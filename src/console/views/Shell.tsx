import { useState } from 'react';
import { SettingsPage } from '../settings/SettingsPage.js';
import { ArchivesPanel } from './ArchivesPanel.js';
import { ChatList } from './ChatList.js';
import { ChatPanel } from './ChatPanel.js';
import { useCommands, useConsole } from './ConsoleContext.js';
import { CustomerPanel } from './CustomerPanel.js';
import { TopBar } from './TopBar.js';
import { ViewTabs } from './ViewTabs.js';

/** Top bar, the lists on the left, the open chat in the middle, the customer on the right. */
export function Shell() {
  const view = useConsole((state) => state.view);
  const selected = useConsole((state) => state.selectedChatId);
  const error = useConsole((state) => state.error);
  const commands = useCommands();
  const [settingsOpen, setSettingsOpen] = useState(false);
  return (
    <div className="cs-app">
      <a className="cs-skip" href="#cs-chat">Skip to the open chat</a>
      <TopBar settingsOpen={settingsOpen} onToggleSettings={() => setSettingsOpen(!settingsOpen)} />
      {error && (
        <div className="cs-toast" role="alert" data-testid="console-error">
          <span>{error}</span>
          <button type="button" className="cs-link" onClick={commands.dismissError}>Dismiss</button>
        </div>
      )}
      {settingsOpen ? <SettingsPage onClose={() => setSettingsOpen(false)} /> : (
      <div className="cs-columns">
        <nav className="cs-sidebar" aria-label="Chats">
          <ViewTabs />
          <div id={`cs-view-${view}`} role="tabpanel" aria-labelledby={`cs-tab-${view}`} className="cs-sidebar__panel">
            {view === 'archives' ? <ArchivesPanel /> : <ChatList view={view} />}
          </div>
        </nav>
        <main id="cs-chat" className="cs-main" tabIndex={-1}>
          {selected ? <ChatPanel key={selected} chatId={selected} /> : <p className="cs-empty">Pick a chat on the left.</p>}
        </main>
        {selected && <CustomerPanel chatId={selected} />}
      </div>
      )}
    </div>
  );
}
