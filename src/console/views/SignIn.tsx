import { useId, useState, type FormEvent } from 'react';
import type { ConsoleSession } from '../session.js';

/** Agent id + personal access token; the owner's pair is in `DATA_DIR/credentials.json`. */
export function SignIn({ onSignIn, error, busy }: { onSignIn: (session: ConsoleSession) => void; error?: string | undefined; busy?: boolean }) {
  const [agentId, setAgentId] = useState('');
  const [token, setToken] = useState('');
  const errorId = useId();
  function submit(event: FormEvent) {
    event.preventDefault();
    if (!agentId.trim() || !token.trim()) return;
    onSignIn({ agentId: agentId.trim(), token: token.trim() });
  }
  return (
    <main className="cs-signin">
      <form className="cs-signin__form" onSubmit={submit} aria-describedby={error ? errorId : undefined} data-testid="signin-form">
        <h1>Switchboard console</h1>
        <p className="cs-muted">Sign in with your agent id and a personal access token.</p>
        <label htmlFor="cs-agent-id">Agent id</label>
        <input id="cs-agent-id" name="agent-id" autoComplete="username" value={agentId} onChange={(e) => setAgentId(e.target.value)} required data-testid="signin-agent-id" />
        <label htmlFor="cs-token">Personal access token</label>
        <input id="cs-token" name="token" type="password" autoComplete="current-password" value={token} onChange={(e) => setToken(e.target.value)} required data-testid="signin-token" />
        {error && <p id={errorId} className="cs-error" role="alert">{error}</p>}
        <button type="submit" className="cs-button cs-button--primary" disabled={busy} data-testid="signin-submit">{busy ? 'Signing in…' : 'Sign in'}</button>
        <p className="cs-muted cs-small">The owner's credentials are in <code>credentials.json</code> in the server's data folder.</p>
      </form>
    </main>
  );
}
