import type { CustomerActor } from '../identity/actor.js';
import { DomainError } from '../errors.js';
import type { UnitOfWork } from '../unitOfWork.js';
import type { Router } from './routing.js';

export interface PredictedAgent {
  agent: { id: string; name: string; avatar: string; is_bot: boolean; job_title: string; type: 'agent' };
  queue: boolean;
}

/**
 * `get_predicted_agent`: who the router would assign a chat started now in `groupId` (default 0,
 * where chats start without `access`). Nobody accepting chats: `group_offline`; everyone accepting
 * is at their limit, so the chat would wait in the queue: `group_unavailable`
 * (protocol/README.md §4). `queue` is therefore always false when an agent is returned.
 */
export class PredictedAgents {
  constructor(private readonly uow: UnitOfWork, private readonly router: Router) {}

  predict(actor: CustomerActor, groupId = 0): Promise<PredictedAgent> {
    return this.uow.read(async (tx) => {
      if (groupId !== 0 && !(await tx.listGroupIds(actor.licenseId)).includes(groupId)) throw new DomainError('group_not_found', `Group ${groupId} not found`);
      const { accepting, free } = await this.router.candidates(tx, actor.licenseId, [groupId]);
      if (accepting.length === 0) throw new DomainError('group_offline', `Nobody in group ${groupId} accepts chats now`, { group_id: groupId });
      const agent = free[0];
      if (!agent) throw new DomainError('group_unavailable', `Everyone in group ${groupId} is busy; a chat would wait in the queue`, { group_id: groupId });
      return {
        agent: { id: agent.id, name: agent.name, avatar: agent.avatar ?? '', is_bot: agent.isBot, job_title: agent.jobTitle ?? '', type: 'agent' },
        queue: false,
      };
    });
  }
}
