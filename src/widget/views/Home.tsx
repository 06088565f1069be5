import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import type { AgentUser } from '../../protocol/entities.js';
import type { WidgetState } from '../state/createWidgetStore.js';
import type { TeamMember } from '../state/siteSettings.js';
import { Avatar } from './Avatar.js';
import { useStrings } from './strings.js';
import { useSite } from './useSite.js';
import { useCommands, useWidget } from './WidgetContext.js';

const TEAM_SIZE = 4;
const NO_TEAM: TeamMember[] = [];

/** Agents the visitor has met, most recent chat first: the team when the server lists none. */
function agentsMet(chats: WidgetState['chats'], order: readonly string[]): TeamMember[] {
  const met = new Map<string, TeamMember>();
  for (const chatId of order) {
    for (const user of Object.values(chats[chatId]?.users ?? {})) {
      if (user.type === 'agent' && user.name && !met.has(user.id)) met.set(user.id, { name: user.name, avatar: (user as AgentUser).avatar });
    }
  }
  return [...met.values()];
}

/**
 * The team's faces: the server's list (`list_team`: human agents, names and avatars), loaded once
 * per instance after login, so a first-time visitor sees them before any chat; the agents met in
 * chats when the server names nobody (or is an older one without the action).
 */
function useTeam(): TeamMember[] {
  const commands = useCommands();
  const ready = useWidget((state) => state.customer !== undefined);
  const chats = useWidget((state) => state.chats);
  const order = useWidget((state) => state.chatOrder);
  const { data = NO_TEAM } = useQuery({ queryKey: ['switchboard', 'team'], queryFn: () => commands.loadTeam(), enabled: ready, staleTime: 10 * 60_000, retry: 1 });
  return useMemo(() => (data.length > 0 ? data : agentsMet(chats, order)).slice(0, TEAM_SIZE), [data, chats, order]);
}

/**
 * The top of the home view: the site's name and logo, its welcome text, the team, whether
 * someone is online and the usual reply time. "New chat" and the visitor's chats follow below.
 */
export function Home() {
  const strings = useStrings();
  const site = useSite();
  const online = useWidget((state) => !state.groupsOffline);
  const team = useTeam();
  return (
    <section className="sb-home" aria-labelledby="sb-home-title" data-testid="home">
      <div className="sb-home__brand">
        {site.logoUrl && <img className="sb-home__logo" src={site.logoUrl} alt={strings.logoAlt(site.name ?? strings.someone)} data-testid="home-logo" />}
        <h2 id="sb-home-title" className="sb-home__title" dir="auto">{site.name ?? strings.homeTitle}</h2>
      </div>
      <p className="sb-home__welcome" data-testid="home-welcome" dir="auto">{site.welcomeText ?? strings.homeWelcome}</p>
      {team.length > 0 && (
        <ul className="sb-home__team" aria-label={strings.homeTeam} data-testid="home-team">
          {team.map((member, index) => (
            <li key={`${index}:${member.name}`} title={member.name}>
              <Avatar user={member} />
              <span className="sb-visually-hidden">{member.name}</span>
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
