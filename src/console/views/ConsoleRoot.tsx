import { useEffect, useState, useSyncExternalStore } from 'react';
import type { ConsoleInstance } from '../createConsole.js';
import type { ConsoleSession } from '../session.js';
import { Shell } from './Shell.js';
import { ConsoleProvider } from './ConsoleContext.js';
import { SignIn } from './SignIn.js';

export interface SessionStore {
  load(): ConsoleSession | undefined;
  save(session: ConsoleSession): void;
  clear(): void;
}

const SIGN_IN_ERRORS: Record<string, string> = {
  authentication: 'The agent id or token is wrong.',
  requester_suspended: 'This agent is suspended.',
  requester_awaiting_approval: 'This agent is not approved yet.',
  seats_limit_exceeded: 'No free seat: too many agents are signed in.',
  agent_logged_out_remotely: 'You were signed out.',
  access_token_revoked: 'Your token was revoked.',
  connection_evicted: 'You signed in somewhere else.',
};

/**
 * Signed out → the sign-in form; signed in → one console instance (made by `start`) for as long
 * as the session lasts. A refused token or a remote sign-out ends the session.
 */
export function ConsoleRoot({ start, sessions }: { start: (session: ConsoleSession) => ConsoleInstance; sessions: SessionStore }) {
  const [session, setSession] = useState<ConsoleSession | undefined>(() => sessions.load());
  const [instance, setInstance] = useState<ConsoleInstance | undefined>();
  const [error, setError] = useState<string | undefined>();

  // NOTE: the instance lives in an effect (not in render) so that StrictMode's double mount
  // disposes the first one cleanly instead of leaking a socket.
  useEffect(() => {
    if (!session) return;
    const current = start(session);
    const off = current.store.subscribe((state, previous) => {
      if (state.connection === previous.connection || state.connection.status !== 'disconnected') return;
      const reason = state.connection.reason ?? '';
      if (!(reason in SIGN_IN_ERRORS)) return;
      sessions.clear();
      setError(SIGN_IN_ERRORS[reason]);
      setSession(undefined);
    });
    setInstance(current);
    current.connect();
    return () => {
      off();
      current.dispose();
      setInstance(undefined);
    };
  }, [session, sessions, start]);

  if (!session) {
    return (
      <SignIn
        error={error}
        onSignIn={(next) => {
          sessions.save(next);
          setError(undefined);
          setSession(next);
        }}
      />
    );
  }
  if (!instance) return <main className="cs-signin"><p role="status" className="cs-muted">Connecting…</p></main>;
  const signOut = () => {
    sessions.clear();
    void instance.signOut().finally(() => setSession(undefined));
  };
  return (
    <ConsoleProvider store={instance.store} commands={instance.commands} settings={instance.settings} desktop={instance.desktop} canned={instance.canned} signOut={signOut}>
      <SignedIn instance={instance} />
    </ConsoleProvider>
  );
}

/** Until the first login answer, a quiet "connecting" screen instead of an empty console. */
function SignedIn({ instance }: { instance: ConsoleInstance }) {
  const me = useSyncExternalStore(instance.store.subscribe, () => instance.store.getState().me);
  if (!me) {
    return <main className="cs-signin"><p role="status" className="cs-muted">Connecting…</p></main>;
  }
  return <Shell />;
}
