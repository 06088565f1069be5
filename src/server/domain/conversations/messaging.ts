import type { EventInput } from '../../../protocol/customer.js';
import type { RichMessageElement } from '../../../protocol/entities.js';
import { formatTimestamp, parseTimestamp } from '../../../protocol/time.js';
import type { Actor } from '../identity/actor.js';
import { activeThread, chatPush, loadChat, loadThread, requirePresence, viewChat } from './chatAccess.js';
import type { Origin } from '../domainEvents.js';
import { DomainError } from '../errors.js';
import type { EventWriter } from './eventWriter.js';
import type { Clock } from '../ports.js';
import type { UnitOfWork } from '../unitOfWork.js';
import { renderEvent } from './views.js';

/** Everything said in a chat: events, postbacks, typing, sneak peeks, read receipts. */
export class Messaging {
  constructor(private readonly uow: UnitOfWork, private readonly clock: Clock, private readonly events: EventWriter) {}

  sendEvent(actor: Actor, input: { chat_id: string; event: EventInput; attach_to_last_thread?: boolean }, origin?: Origin): Promise<{ event_id: string }> {
    return this.uow.run(async (tx, emit) => {
      const chat = await viewChat(tx, actor, input.chat_id);
      const members = await tx.getChatUsers(chat.id);
      const customId = input.event?.custom_id;
      if (typeof customId === 'string') {
        // A retried send: answer with the first event, store and push nothing new.
        const existing = await tx.findEventByCustomId(chat.id, actor.id, customId);
        if (existing) {
          await this.events.assertSameEvent(tx, actor, chat, input.event, existing);
          return { event_id: existing.id };
        }
      }
      let thread;
      if (chat.activeThreadId) thread = await activeThread(tx, chat);
      else if (input.attach_to_last_thread) thread = await loadThread(tx, chat, chat.lastThreadId);
      else throw new DomainError('chat_inactive');
      requirePresence(actor, members);
      if (actor.type === 'agent') {
        const me = members.find((m) => m.userId === actor.id);
        if (me?.visibility === 'agents' && (input.event.visibility ?? (input.event as { recipients?: string }).recipients ?? 'all') === 'all') {
          throw new DomainError('authorization', 'A user added with agents visibility cannot send events to everyone');
        }
      }
      const event = await this.events.insertUserEvent(tx, actor, chat, thread, input.event);
      await this.events.markSeen(tx, chat.id, actor.id, event.createdAt, members);
      emit(this.events.incomingEventPush(chat, members, event, origin, actor.type));
      return { event_id: event.id };
    }, { licenseId: actor.licenseId, chatId: input.chat_id });
  }

  async sendRichMessagePostback(actor: Actor, input: { chat_id: string; thread_id: string; event_id: string; postback: { id: string; toggled: boolean } }, origin?: Origin): Promise<Record<string, never>> {
    await this.uow.run(async (tx, emit) => {
      const chat = await loadChat(tx, actor, input.chat_id);
      const thread = await loadThread(tx, chat, input.thread_id);
      const event = await tx.getEvent(chat.id, input.event_id);
      if (!event || event.threadId !== thread.id) throw new DomainError('not_found', 'Event not found');
      if (event.type !== 'rich_message') throw new DomainError('validation', 'Event is not a rich message');
      const elements = (event.body.elements ?? []) as RichMessageElement[];
      let matched = false;
      for (const el of elements) {
        for (const b of el.buttons ?? []) {
          if (b.postback_id !== input.postback.id) continue;
          matched = true;
          const ids = new Set(b.user_ids ?? []);
          if (input.postback.toggled) ids.add(actor.id);
          else ids.delete(actor.id);
          b.user_ids = [...ids];
        }
      }
      if (!matched) throw new DomainError('validation', `No button with postback_id ${input.postback.id}`);
      if (!thread.active) return;
      await tx.updateEvent(event);
      const members = await tx.getChatUsers(chat.id);
      const postback = { user_id: actor.id, chat_id: chat.id, thread_id: thread.id, event_id: event.id, postback: input.postback };
      emit(chatPush(chat, members, 'incoming_rich_message_postback', postback, postback, origin));
      emit(chatPush(chat, members, 'event_updated',
        { chat_id: chat.id, thread_id: thread.id, event: renderEvent(event, 'agent') },
        event.visibility === 'all' ? { chat_id: chat.id, thread_id: thread.id, event: renderEvent(event, 'customer') } : undefined));
    });
    return {};
  }

  async markEventsAsSeen(actor: Actor, input: { chat_id: string; seen_up_to: string }, origin?: Origin): Promise<Record<string, never>> {
    const upTo = parseTimestamp(input.seen_up_to);
    if (Number.isNaN(upTo)) throw new DomainError('validation', 'seen_up_to must be an RFC 3339 timestamp');
    await this.uow.run(async (tx, emit) => {
      const chat = await loadChat(tx, actor, input.chat_id);
      const members = await tx.getChatUsers(chat.id);
      if (!members.some((m) => m.userId === actor.id)) throw new DomainError('authorization', 'Requester is not a user of this chat');
      const seen = await this.events.markSeen(tx, chat.id, actor.id, upTo, members);
      const payload = { user_id: actor.id, chat_id: chat.id, seen_up_to: formatTimestamp(seen) };
      emit(chatPush(chat, members, 'events_marked_as_seen', payload, payload, origin));
    });
    return {};
  }

  /** Customers' draft text for agents; dropped silently for inactive chats. */
  async sendSneakPeek(actor: Actor, input: { chat_id: string; sneak_peek_text: string }): Promise<Record<string, never>> {
    const found = await this.uow.read(async (tx) => {
      const chat = await loadChat(tx, actor, input.chat_id);
      return { chat, members: await tx.getChatUsers(chat.id), followers: await tx.listChatFollowers(chat.id) };
    });
    const { chat, members, followers } = found;
    if (!chat.activeThreadId) return {};
    const payload = { chat_id: chat.id, thread_id: chat.activeThreadId, sneak_peek: { author_id: actor.id, text: input.sneak_peek_text.slice(0, 4096), timestamp: Math.floor(this.clock.now() / 1e6) } };
    const push = chatPush(chat, members.filter((m) => m.userType === 'agent'), 'incoming_sneak_peek', payload, undefined);
    await this.uow.publish({ ...push, userIds: withFollowers(push.userIds, followers), excludeUserIds: [actor.id] });
    return {};
  }

  async sendTypingIndicator(actor: Actor, input: { chat_id: string; is_typing: boolean; visibility?: 'all' | 'agents' }): Promise<Record<string, never>> {
    const { chat, members, followers } = await this.uow.read(async (tx) => {
      const chat = await loadChat(tx, actor, input.chat_id);
      return { chat, members: await tx.getChatUsers(chat.id), followers: await tx.listChatFollowers(chat.id) };
    });
    if (!chat.activeThreadId) throw new DomainError('chat_inactive');
    requirePresence(actor, members);
    const visibility = input.visibility ?? 'all';
    const indicator = { author_id: actor.id, visibility, timestamp: Math.floor(this.clock.now() / 1e6), is_typing: input.is_typing };
    const others = members.filter((m) => m.userId !== actor.id);
    const agentPayload = { chat_id: chat.id, thread_id: chat.activeThreadId, typing_indicator: indicator };
    const customerPayload = visibility === 'all'
      ? { chat_id: chat.id, thread_id: chat.activeThreadId, typing_indicator: { author_id: actor.id, recipients: 'all', timestamp: indicator.timestamp, is_typing: input.is_typing } }
      : undefined;
    const push = chatPush(chat, others, 'incoming_typing_indicator', agentPayload, customerPayload);
    await this.uow.publish({ ...push, userIds: withFollowers(push.userIds, followers), agentGroups: [], excludeUserIds: [actor.id] });
    return {};
  }
}

/** Pushes published without a transaction reach followers too (the transactional ones get them from `followersReceiveChatPushes`). */
const withFollowers = (userIds: string[], followers: string[]): string[] => [...new Set([...userIds, ...followers])];
