// A fresh React app that installs `switchboard` from the packed tarball (see npm-package.spec.ts).
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { ChatWidget, SwitchboardProvider, unreadCount, useWidget } from 'switchboard';

const params = new URLSearchParams(location.search);
const config = { apiUrl: params.get('api'), organizationId: params.get('org'), clientId: 'fixture-app' };

/** A custom view over the provider's hooks: total unread over all chats. */
function UnreadTotal() {
  const total = useWidget((state) => Object.values(state.chats).reduce((sum, chat) => sum + unreadCount(chat, state.customer?.id), 0));
  return <p data-testid="app-unread">Unread messages: {total}</p>;
}

function App() {
  return (
    <>
      <header><h1>Fixture app</h1></header>
      <SwitchboardProvider config={config}>
        <main>
          <section>
            <p>The host app's own content.</p>
            <button type="button" className="host-button" data-testid="host-button">Host button</button>
            <UnreadTotal />
          </section>
          <div className="chat"><ChatWidget /></div>
        </main>
      </SwitchboardProvider>
    </>
  );
}

createRoot(document.getElementById('root')).render(<StrictMode><App /></StrictMode>);
