import type { CustomerActor } from '../identity/actor.js';
import type { AgentRecord } from '../model.js';
import type { UnitOfWork } from '../unitOfWork.js';

/** One person of the team as a visitor may see them: a name and, when set, an avatar URL. */
export interface TeamMember {
  name: string;
  avatar?: string;
}

/** How many people `list_team` names at most (the widget shows a few faces, not a directory). */
export const TEAM_LIMIT = 10;

const isPublicMember = (agent: AgentRecord) => !agent.isBot && !agent.suspended && !agent.awaitingApproval && agent.name.trim() !== '';

/**
 * `list_team` (Switchboard extension of the Customer Chat API): the people behind the widget, for
 * a visitor's home view before any chat exists. LiveChat's customer API has no such list
 * (`get_predicted_agent` names one agent, and only while someone is available).
 * NOTE: only what a visitor sees on an agent's messages anyway — name and avatar. Never ids,
 * e-mails, roles, groups or statuses; bots, suspended agents and agents awaiting approval are left out.
 */
export class PublicTeam {
  constructor(private readonly uow: UnitOfWork) {}

  list(actor: CustomerActor): Promise<{ team: TeamMember[] }> {
    return this.uow.read(async (tx) => {
      const agents = (await tx.listAgents(actor.licenseId)).filter(isPublicMember).sort((a, b) => a.createdAt - b.createdAt);
      return { team: agents.slice(0, TEAM_LIMIT).map((agent) => (agent.avatar ? { name: agent.name, avatar: agent.avatar } : { name: agent.name })) };
    });
  }
}
