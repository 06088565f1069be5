import type { AgentActor } from '../identity/actor.js';
import { loadChat } from '../conversations/chatAccess.js';
import type { ChatPush, DomainEvent, Origin } from '../domainEvents.js';
import { DomainError } from '../errors.js';
import type { StoreTx, TransactionalListener } from '../ports.js';
import type { Emit } from '../unitOfWork.js';
import type { UnitOfWork } from '../unitOfWork.js';
import { canAccessChat } from '../identity/access.js';

/**
 * `follow_chat` / `unfollow_chat`: an agent who is not a user of a chat receives every push about
 * it until it unfollows or the chat is reactivated (a new thread starts). Following is stored, so
 * it survives reconnects and restarts.
 */
export class ChatFollowers {
  constructor(private readonly uow: UnitOfWork) {}

  async follow(actor: AgentActor, chatId: string): Promise<Record<string, never>> {
    await this.uow.run(async (tx) => {
      const chat = await loadChat(tx, actor, chatId);
      if (!canAccessChat(actor.agent, chat.access)) throw new DomainError('missing_access', 'The chat is in groups the requester is not a member of', { group_ids: chat.access.group_ids });
      await tx.setChatFollower(chat.id, actor.id, true);
    });
    return {};
  }

  async unfollow(actor: AgentActor, chatId: string, origin?: Origin): Promise<Record<string, never>> {
    await this.uow.run(async (tx, emit) => {
      const chat = await loadChat(tx, actor, chatId);
      const members = await tx.getChatUsers(chat.id);
      if (members.some((m) => m.userId === actor.id && m.present)) throw new DomainError('validation', 'Chat users cannot unfollow their chats');
      if (!(await tx.listChatFollowers(chat.id)).includes(actor.id)) return;
      await tx.setChatFollower(chat.id, actor.id, false);
      emit(unfollowedPush(chat.licenseId, chat.id, [actor.id], origin));
    });
    return {};
  }
}

/** Ends every follow of a chat (it was reactivated) and tells the followers. */
export async function dropFollowers(tx: StoreTx, licenseId: number, chatId: string, emit: Emit): Promise<void> {
  const followers = await tx.listChatFollowers(chatId);
  if (followers.length === 0) return;
  for (const id of followers) await tx.setChatFollower(chatId, id, false);
  emit(unfollowedPush(licenseId, chatId, followers));
}

/**
 * `chat_unfollowed` to the agents' connections. For the one that asked, its other connections
 * only: the response already tells the asking connection.
 */
function unfollowedPush(licenseId: number, chatId: string, agentIds: string[], origin?: Origin): DomainEvent {
  return { kind: 'user_push', licenseId, userIds: agentIds, name: 'chat_unfollowed', payload: { chat_id: chatId }, ...(origin?.connectionId ? { excludeConnectionId: origin.connectionId } : {}) };
}

/**
 * Adds a chat's followers to the recipients of every push about it, inside the transaction that
 * produced the push (so a follow and a push never race).
 */
export const followersReceiveChatPushes: TransactionalListener = (tx, events) => addFollowers(tx, events, 0);

/**
 * From `events[from]` on. Nearly every unit pushes about one chat only: its followers are read once,
 * and again only where the pushes turn to another chat (no Map per unit).
 * NOTE: chained, not an async function: it runs in every unit (#16, allocation per send_event).
 */
function addFollowers(tx: StoreTx, events: readonly DomainEvent[], from: number): Promise<void> {
  let i = from;
  while (i < events.length && events[i]!.kind !== 'chat_push') i++;
  if (i === events.length) return NOTHING_TO_ADD;
  const chatId = (events[i] as ChatPush).chatId;
  return tx.listChatFollowers(chatId).then((followers) => {
    for (; i < events.length; i++) {
      const event = events[i]!;
      if (event.kind !== 'chat_push') continue;
      if (event.chatId !== chatId) return addFollowers(tx, events, i);
      for (const id of followers) if (!event.userIds.includes(id)) event.userIds.push(id);
    }
    return undefined;
  });
}

const NOTHING_TO_ADD = Promise.resolve();
