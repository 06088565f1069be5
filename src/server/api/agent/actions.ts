import type { AgentActor } from '../../domain/identity/actor.js';
import type { AgentSessions } from '../../domain/agents/agentSessions.js';
import { actsAsItself } from '../../domain/agents/agents.js';
import type { AgentRecord } from '../../domain/model.js';
import type { Platform } from '../../domain/platform.js';
import * as s from '../shared/schemas.js';
import { action, type ActionContext, type ActionTable, type Transport } from '../transport/actionRouter.js';
import type { z } from 'zod';
import * as a from './schemas.js';

/** A logged-in agent (RTM) or the agent behind one Web request. */
export interface AgentSession {
  agent: AgentRecord;
  /** RTM only: the connection, for its away state. */
  connectionId?: string;
}

/** Declares an action that runs as the acting user: the agent, or the bot named by `author_id` / `X-Author-Id`. */
function as<P>(p: Platform, schema: z.ZodType<P>, run: (actor: AgentActor, input: P, ctx: ActionContext) => Promise<unknown>, transports?: readonly Transport[]) {
  // Acting as itself (nearly every request) needs no read, so nothing is awaited for it (#16).
  return action<AgentSession, P>(schema, (session, input, ctx) => (actsAsItself(session.agent, ctx.authorId)
    ? run(p.agents.selfActor(session.agent), input, ctx)
    : p.agents.actorFor(session.agent, ctx.authorId).then((actor) => run(actor, input, ctx))), transports);
}

/** Every Agent Chat API action, shared by RTM and Web. */
export function agentActions(p: Platform, sessions: AgentSessions): ActionTable<AgentSession> {
  return {
    list_chats: as(p, a.listChats, (me, i) => p.agentQueries.listChats(me, i)),
    list_archives: as(p, a.listArchives, (me, i) => p.agentQueries.listArchives(me, i)),
    list_threads: as(p, s.listThreads, (me, i) => p.queries.listThreads(me, i)),
    get_chat: as(p, s.getChat, (me, i) => p.queries.getChat(me, i)),
    start_chat: as(p, s.startChat, (me, i, ctx) => p.lifecycle.startChat(me, i, ctx.origin)),
    resume_chat: as(p, s.resumeChat, (me, i, ctx) => p.lifecycle.resumeChat(me, i, ctx.origin)),
    deactivate_chat: as(p, s.deactivateChat, (me, i, ctx) => p.lifecycle.deactivateChat(me, i.id, ctx.origin, i.ignore_requester_presence)),
    add_user_to_chat: as(p, a.addUser, (me, i, ctx) => p.agentChats.addUser(me, i, ctx.origin)),
    remove_user_from_chat: as(p, a.removeUser, (me, i, ctx) => p.agentChats.removeUser(me, i, ctx.origin)),
    transfer_chat: as(p, a.transfer, (me, i, ctx) => p.transfers.transfer(me, i, ctx.origin)),
    send_event: as(p, s.sendEvent, (me, i, ctx) => p.messaging.sendEvent(me, i, ctx.origin)),
    send_rich_message_postback: as(p, s.postback, (me, i, ctx) => p.messaging.sendRichMessagePostback(me, i, ctx.origin)),
    send_typing_indicator: as(p, a.typing, (me, i) => p.messaging.sendTypingIndicator(me, i)),
    mark_events_as_seen: as(p, s.markSeen, (me, i, ctx) => p.messaging.markEventsAsSeen(me, i, ctx.origin)),
    ban_customer: as(p, a.banCustomer, (me, i, ctx) => p.bans.ban(me, i, ctx.origin)),
    get_customer: as(p, a.customerId, (me, i) => p.agentQueries.getCustomer(me, i.id)),
    list_customers: as(p, a.listCustomers, (me, i) => p.customerSearch.list(me, i)),
    create_customer: as(p, a.createCustomer, (me, i, ctx) => p.customerProfiles.create(me, i, ctx.origin)),
    update_customer: as(p, a.updateCustomer, (me, i, ctx) => p.customerProfiles.update(me, i, ctx.origin)),
    update_chat_properties: as(p, s.chatProps, (me, i, ctx) => p.chatProperties.update(me, 'chat', { chatId: i.id }, i.properties, ctx.origin)),
    delete_chat_properties: as(p, s.chatPropNames, (me, i, ctx) => p.chatProperties.delete(me, 'chat', { chatId: i.id }, i.properties, ctx.origin)),
    update_thread_properties: as(p, s.threadProps, (me, i, ctx) => p.chatProperties.update(me, 'thread', { chatId: i.chat_id, threadId: i.thread_id }, i.properties, ctx.origin)),
    delete_thread_properties: as(p, s.threadPropNames, (me, i, ctx) => p.chatProperties.delete(me, 'thread', { chatId: i.chat_id, threadId: i.thread_id }, i.properties, ctx.origin)),
    update_event_properties: as(p, s.eventProps, (me, i, ctx) => p.chatProperties.update(me, 'event', { chatId: i.chat_id, threadId: i.thread_id, eventId: i.event_id }, i.properties, ctx.origin)),
    delete_event_properties: as(p, s.eventPropNames, (me, i, ctx) => p.chatProperties.delete(me, 'event', { chatId: i.chat_id, threadId: i.thread_id, eventId: i.event_id }, i.properties, ctx.origin)),
    tag_thread: as(p, a.tag, (me, i, ctx) => p.agentChats.tagThread(me, i, true, ctx.origin)),
    untag_thread: as(p, a.tag, (me, i, ctx) => p.agentChats.tagThread(me, i, false, ctx.origin)),
    list_routing_statuses: as(p, a.listRoutingStatuses, (me, i) => p.agents.listRoutingStatuses(me.licenseId, i.filters?.group_ids)),
    set_routing_status: as(p, a.setRoutingStatus, async (me, i, ctx) => {
      const done = await p.routingStatuses.set(me, i, ctx.origin);
      sessions.statusChosen(i.agent_id ?? me.id);
      return done;
    }),
    set_away_status: action<AgentSession, { away: boolean }>(a.setAwayStatus, async (session, i) => {
      await sessions.setAway(session.agent, session.connectionId!, i.away);
      return {};
    }, ['rtm']),
    follow_chat: as(p, a.chatRef, (me, i) => p.followers.follow(me, i.id)),
    unfollow_chat: as(p, a.chatRef, (me, i, ctx) => p.followers.unfollow(me, i.id, ctx.origin)),
    list_agents_for_transfer: as(p, a.agentsForTransfer, (me, i) => p.transferCandidates.list(me, i.chat_id)),
    logout: action<AgentSession, Record<string, never>>(s.empty, async (session) => {
      await sessions.loggedOut(session.agent);
      // After the response is on the wire: close every connection of the agent.
      setImmediate(() => void p.uow.publish({ kind: 'disconnect_user', licenseId: session.agent.licenseId, userId: session.agent.id, reason: 'agent_logged_out_remotely' }));
      return {};
    }, ['rtm']),
  };
}
