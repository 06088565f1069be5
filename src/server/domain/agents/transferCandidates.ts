import type { AgentActor } from '../identity/actor.js';
import { loadChat } from '../conversations/chatAccess.js';
import type { UnitOfWork } from '../unitOfWork.js';
import { canAccessChat } from '../identity/access.js';

export interface AgentForTransfer {
  agent_id: string;
  total_active_chats: number;
}

/**
 * `list_agents_for_transfer`: agents (and bots) who are online (`accepting_chats` or
 * `not_accepting_chats`), have access to the chat and are not already in it, fewest active chats
 * first (ties by id). Every Switchboard chat has a customer, so every active chat counts.
 */
export class TransferCandidates {
  constructor(private readonly uow: UnitOfWork) {}

  list(actor: AgentActor, chatId: string): Promise<AgentForTransfer[]> {
    return this.uow.read(async (tx) => {
      const chat = await loadChat(tx, actor, chatId);
      const present = new Set((await tx.getChatUsers(chat.id)).filter((m) => m.present).map((m) => m.userId));
      const load = await tx.countAgentActiveChats(actor.licenseId);
      return (await tx.listAgents(actor.licenseId))
        .filter((a) => a.routingStatus !== 'offline' && !present.has(a.id) && canAccessChat(a, chat.access))
        .map((a) => ({ agent_id: a.id, total_active_chats: load.get(a.id) ?? 0 }))
        .sort((a, b) => a.total_active_chats - b.total_active_chats || a.agent_id.localeCompare(b.agent_id));
    });
  }
}
