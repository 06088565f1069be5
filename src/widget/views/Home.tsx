import { useMemo } from 'react';
import type { AgentUser } from '../../protocol/entities.js';
import type { WidgetState } from '../state/createWidgetStore.js';
import { Avatar } from './Avatar.js';
import { useStrings } from './strings.js';
import { useSite } from './useSite.js';
import { useWidget } from './WidgetContext.js';

const TEAM_SIZE = 4;

/** Agents the visitor has met, most recent chat first (the customer API lists no agents). */
function teamOf(chats: WidgetState['chats'], order: readonly string[]): AgentUser[] {
  const team = new Map<string, AgentUser>();
  for (const chatId of order) {
    for (const user of Object.values(chats[chatId]?.users ?? {})) {
      if (user.type === 'agent' && user.name && !team.has(user.id)) team.set(user.id, user as AgentUser);
    }
  }
  return [...team.values()].slice(0, TEAM_SIZE);
}

/**
 * The top of the home view: the site's name and logo, its welcome text, the team, whether
 * someone is online and the usual reply time. "New chat" and the visitor's chats follow below.
 */
export function Home() {
  const strings = useStrings();
  const site = useSite();
  const online = useWidget((state) => !state.groupsOffline);
  const chats = useWidget((state) => state.chats);
  const order = useWidget((state) => state.chatOrder);
  const team = useMemo(() => teamOf(chats, order), [chats, order]);
  return (
    <section className="sb-home" aria-labelledby="sb-home-title" data-testid="home">
      <div className="sb-home__brand">
        {site.logoUrl && <img className="sb-home__logo" src={site.logoUrl} alt={strings.logoAlt(site.name ?? strings.someone)} data-testid="home-logo" />}
        <h2 id="sb-home-title" className="sb-home__title" dir="auto">{site.name ?? strings.homeTitle}</h2>
      </div>
      <p className="sb-home__welcome" data-testid="home-welcome" dir="auto">{site.welcomeText ?? strings.homeWelcome}</p>
      {team.length > 0 && (
        <ul className="sb-home__team" aria-label={strings.homeTeam} data-testid="home-team">
          {team.map((agent) => (
            <li key={agent.id} title={agent.name}>
              <Avatar user={agent} />
              <span className="sb-visually-hidden">{agent.name}</span>
            </li>
          ))}
        </ul>
      )}
      <p className="sb-home__status" data-testid="home-status" data-online={online}>
        <span className="sb-home__dot" aria-hidden="true" />
        {online ? strings.online : strings.away}
      </p>
      {online && site.replyMinutes !== undefined && <p className="sb-home__reply" data-testid="home-reply-time">{strings.replyTime(site.replyMinutes)}</p>}
      {online && site.replyMinutes === undefined && site.replyText && <p className="sb-home__reply" data-testid="home-reply-time" dir="auto">{site.replyText}</p>}
    </section>
  );
}
