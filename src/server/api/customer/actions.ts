import type { CustomerActor } from '../../domain/identity/actor.js';
import type { Platform } from '../../domain/platform.js';
import * as s from '../shared/schemas.js';
import { action, type ActionTable } from '../transport/actionRouter.js';
import * as c from './schemas.js';

/** Every Customer Chat API action, shared by RTM and Web. */
export function customerActions(p: Platform): ActionTable<CustomerActor> {
  return {
    list_chats: action(c.listChats, (me, input) => p.queries.listCustomerChats(me, input)),
    list_threads: action(s.listThreads, (me, input) => p.queries.listThreads(me, input)),
    get_chat: action(s.getChat, (me, input) => p.queries.getChat(me, input)),
    start_chat: action(s.startChat, (me, input, ctx) => p.lifecycle.startChat(me, input, ctx.origin)),
    resume_chat: action(s.resumeChat, (me, input, ctx) => p.lifecycle.resumeChat(me, input, ctx.origin)),
    deactivate_chat: action(s.deactivateChat, (me, input, ctx) => p.lifecycle.deactivateChat(me, input.id, ctx.origin)),
    send_event: action(s.sendEvent, (me, input, ctx) => p.messaging.sendEvent(me, input, ctx.origin)),
    send_rich_message_postback: action(s.postback, (me, input, ctx) => p.messaging.sendRichMessagePostback(me, input, ctx.origin)),
    send_sneak_peek: action(c.sneakPeek, (me, input) => p.messaging.sendSneakPeek(me, input)),
    mark_events_as_seen: action(s.markSeen, (me, input, ctx) => p.messaging.markEventsAsSeen(me, input, ctx.origin)),
    get_customer: action(s.empty, (me) => p.customers.get(me)),
    update_customer: action(c.updateCustomer, (me, input) => p.customers.update(me, input)),
    set_customer_session_fields: action(c.setSessionFields, (me, input) => p.customers.update(me, input)),
    update_customer_page: action(c.customerPage, async (me, input) => {
      await p.customers.updatePage(me, input);
      await p.greetings.pageOpened(me, input.url);
      return {};
    }, ['rtm']),
    accept_greeting: action(c.acceptGreeting, (me, i) => p.greetings.close(me, i.unique_id, 'accepted', i.greeting_id)),
    cancel_greeting: action(c.cancelGreeting, (me, i) => p.greetings.close(me, i.unique_id, 'canceled')),
    update_chat_properties: action(s.chatProps, (me, i, ctx) => p.chatProperties.update(me, 'chat', { chatId: i.id }, i.properties, ctx.origin)),
    delete_chat_properties: action(s.chatPropNames, (me, i, ctx) => p.chatProperties.delete(me, 'chat', { chatId: i.id }, i.properties, ctx.origin)),
    update_thread_properties: action(s.threadProps, (me, i, ctx) => p.chatProperties.update(me, 'thread', { chatId: i.chat_id, threadId: i.thread_id }, i.properties, ctx.origin)),
    delete_thread_properties: action(s.threadPropNames, (me, i, ctx) => p.chatProperties.delete(me, 'thread', { chatId: i.chat_id, threadId: i.thread_id }, i.properties, ctx.origin)),
    update_event_properties: action(s.eventProps, (me, i, ctx) => p.chatProperties.update(me, 'event', { chatId: i.chat_id, threadId: i.thread_id, eventId: i.event_id }, i.properties, ctx.origin)),
    delete_event_properties: action(s.eventPropNames, (me, i, ctx) => p.chatProperties.delete(me, 'event', { chatId: i.chat_id, threadId: i.thread_id, eventId: i.event_id }, i.properties, ctx.origin)),
    list_license_properties: action(c.licenseProperties, (me, i) => p.licenses.list(me.licenseId, 'customer', i)),
    list_group_properties: action(c.groupProperties, (me, i) => p.licenses.listGroup(me.licenseId, i.id, 'customer', i)),
    get_url_info: action(c.getUrlInfo, (_me, i) => p.urlPreviews.get(i.url)),
    get_form: action(c.getForm, (me, i) => p.forms.get(me.licenseId, i.group_id, i.type)),
    // Switchboard extension: LiveChat's Customer Chat API has no transcript action (docs/errors.md, README).
    send_transcript: action(c.sendTranscript, (me, i) => p.transcripts.send(me, i)),
    // Switchboard extension: the team's names and avatars for the widget's home view (docs/api-notes.md#team).
    list_team: action(c.listTeam, (me) => p.team.list(me)),
    list_group_statuses: action(c.groupStatuses, async (me, i) => ({ groups_status: await p.licenses.groupStatuses(me, i.all || !i.group_ids ? 'all' : i.group_ids) })),
    get_predicted_agent: action(c.predictedAgent, (me, i) => p.predictedAgents.predict(me, i.group_id)),
  };
}
