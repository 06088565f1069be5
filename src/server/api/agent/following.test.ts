import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { agentFor, connectCustomer, createTestAgent, ownerAgent, type RawRtm, type TestAgent } from '../../../testing/testClients.js';
import { startAcceptingServer } from '../../../testing/acceptingServer.js';
import type { TestServer } from '../../../testing/testServer.js';

let server: TestServer;
beforeEach(async () => {
  server = await startAcceptingServer();
});
afterEach(async () => { await server.close(); });

/** A round trip on a socket: every frame the server wrote to it before now has arrived. */
const settle = (rtm: RawRtm) => rtm.call('ping');
const eventIds = (rtm: RawRtm) => rtm.pushes('incoming_event').map((f) => (f.payload.event as { id: string }).id);

/** An agent who takes no chats, so that it is never routed the chats under test. */
async function bystander(id: string): Promise<{ agent: TestAgent; rtm: RawRtm }> {
  const agent = await createTestAgent(server, id);
  const rtm = await agent.connect();
  await rtm.call('set_routing_status', { status: 'not_accepting_chats' });
  return { agent, rtm };
}

describe('ChatFollowers (Agent Chat API)', () => {
  describe('follow_chat / unfollow_chat', () => {
    it('delivers every push of the chat to a follower who is not in it, until it unfollows; its other connections get chat_unfollowed', async () => {
      const { agent: watcher, rtm: first } = await bystander('watcher@example.com');
      const second = await watcher.connect();
      const owner = await ownerAgent(server).connect();
      const c = await connectCustomer(server);
      const { chat_id } = await c.rtm.call<{ chat_id: string }>('start_chat', {});

      await first.call('follow_chat', { id: chat_id });
      expect((await watcher.web<{ is_followed: boolean }>('get_chat', { chat_id })).body.is_followed).toBe(true);
      const listed = await first.call<{ chats_summary: { id: string; is_followed: boolean }[] }>('list_chats');
      expect(listed.chats_summary.find((x) => x.id === chat_id)?.is_followed).toBe(true);
      expect((await ownerAgent(server).web<{ is_followed: boolean }>('get_chat', { chat_id })).body.is_followed).toBe(false);
      const { event_id: seen } = await c.rtm.call<{ event_id: string }>('send_event', { chat_id, event: { type: 'message', text: 'while followed' } });
      for (const rtm of [first, second]) await rtm.push('incoming_event', (p) => (p.event as { id: string }).id === seen);
      await c.rtm.call('update_chat_properties', { id: chat_id, properties: { switchboard: { topic: 'billing' } } });
      await second.push('chat_properties_updated', (p) => p.chat_id === chat_id);
      // Pushes that are not stored reach followers too.
      await c.rtm.call('send_sneak_peek', { chat_id, sneak_peek_text: 'I am typ' });
      expect((await first.push('incoming_sneak_peek')).payload).toMatchObject({ chat_id, sneak_peek: { text: 'I am typ' } });
      await owner.call('send_typing_indicator', { chat_id, is_typing: true });
      expect((await first.push('incoming_typing_indicator')).payload).toMatchObject({ chat_id, typing_indicator: { author_id: server.credentials.owner.id, is_typing: true } });

      await first.call('unfollow_chat', { id: chat_id });
      expect((await second.push('chat_unfollowed')).payload).toEqual({ chat_id });
      await settle(first);
      expect(first.pushes('chat_unfollowed')).toHaveLength(0);
      expect((await watcher.web<{ is_followed: boolean }>('get_chat', { chat_id })).body.is_followed).toBe(false);

      const { event_id: unseen } = await c.rtm.call<{ event_id: string }>('send_event', { chat_id, event: { type: 'message', text: 'after unfollow' } });
      await owner.push('incoming_event', (p) => (p.event as { id: string }).id === unseen);
      await settle(first);
      await settle(second);
      expect(eventIds(first)).not.toContain(unseen);
      expect(eventIds(second)).not.toContain(unseen);
      // Unfollowing again changes nothing and pushes nothing.
      await first.call('unfollow_chat', { id: chat_id });
      await settle(second);
      expect(second.pushes('chat_unfollowed')).toHaveLength(1);
    });

    it('follows and unfollows over the Web API as well', async () => {
      const { agent: watcher, rtm } = await bystander('web-watcher@example.com');
      const c = await connectCustomer(server);
      const { chat_id } = await c.rtm.call<{ chat_id: string }>('start_chat', {});
      expect(await watcher.web('follow_chat', { id: chat_id })).toEqual({ status: 200, body: {} });
      const { event_id } = await c.rtm.call<{ event_id: string }>('send_event', { chat_id, event: { type: 'message', text: 'hello' } });
      await rtm.push('incoming_event', (p) => (p.event as { id: string }).id === event_id);
      expect(await watcher.web('unfollow_chat', { id: chat_id })).toEqual({ status: 200, body: {} });
      // The Web request has no connection of its own: every RTM connection of the agent hears of it.
      expect((await rtm.push('chat_unfollowed')).payload).toEqual({ chat_id });
    });

    it('refuses chats outside the agent\'s groups and unknown chats alike (not_found, #11), bad payloads (validation), and chat users who unfollow (validation)', async () => {
      const p = server.built.platform;
      const { id: groupId } = await p.groups.create(1, { name: 'VIP', agentPriorities: { [server.credentials.owner.id]: 'normal' } });
      const { token } = await p.agents.create(1, { id: 'outsider@example.com', name: 'Outsider', groups: [{ id: 0, priority: 'normal' }] });
      const outsider = agentFor(server, 'outsider@example.com', token);
      const c = await connectCustomer(server);
      const { chat_id } = await c.rtm.call<{ chat_id: string }>('start_chat', { chat: { access: { group_ids: [groupId] } } });

      const rtm = await outsider.connect();
      expect((await rtm.request('follow_chat', { id: chat_id })).payload.error?.type).toBe('not_found');
      expect(await outsider.web('follow_chat', { id: chat_id })).toMatchObject({ status: 404, body: { error: { type: 'not_found' } } });
      expect(await outsider.web('follow_chat', { id: 'NOSUCHCHAT' })).toMatchObject({ status: 404, body: { error: { type: 'not_found' } } });
      expect(await outsider.web('follow_chat', {})).toMatchObject({ status: 400, body: { error: { type: 'validation' } } });
      // The owner is in the chat: it needs no following and cannot drop it.
      expect(await ownerAgent(server).web('unfollow_chat', { id: chat_id })).toMatchObject({ status: 400, body: { error: { type: 'validation' } } });
    });
  });

  describe('resume_chat', () => {
    it('ends following when the chat is reactivated, telling the followers with chat_unfollowed', async () => {
      const { agent: watcher, rtm } = await bystander('resume-watcher@example.com');
      const owner = await ownerAgent(server).connect();
      const c = await connectCustomer(server);
      const { chat_id } = await c.rtm.call<{ chat_id: string }>('start_chat', {});
      await watcher.web('follow_chat', { id: chat_id });
      await owner.call('deactivate_chat', { id: chat_id });
      // Still followed while inactive (chat_properties_updated goes to chat users and followers only).
      await c.rtm.call('update_chat_properties', { id: chat_id, properties: { switchboard: { topic: 'closed' } } });
      await rtm.push('chat_properties_updated', (p) => p.chat_id === chat_id);

      await c.rtm.call('resume_chat', { chat: { id: chat_id } });
      expect((await rtm.push('chat_unfollowed')).payload).toEqual({ chat_id });
      expect((await watcher.web<{ is_followed: boolean }>('get_chat', { chat_id })).body.is_followed).toBe(false);
      const { event_id } = await c.rtm.call<{ event_id: string }>('send_event', { chat_id, event: { type: 'message', text: 'new thread' } });
      await owner.push('incoming_event', (p) => (p.event as { id: string }).id === event_id);
      await settle(rtm);
      expect(eventIds(rtm)).not.toContain(event_id);
    });
  });
});
