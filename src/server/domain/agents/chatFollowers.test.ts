import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAcceptingServer } from '../../../testing/acceptingServer.js';
import { connectCustomer } from '../../../testing/testClients.js';
import type { TestServer } from '../../../testing/testServer.js';
import type { ChatPush } from '../domainEvents.js';

let server: TestServer;
beforeAll(async () => { server = await startAcceptingServer(); });
afterAll(async () => { await server.close(); });

const push = (chatId: string, userIds: string[]): ChatPush => ({ kind: 'chat_push', licenseId: 1, chatId, name: 'incoming_sneak_peek', agentPayload: {}, userIds });

describe('followersReceiveChatPushes', () => {
  describe('as a transactional listener of every unit', () => {
    it('adds each chat\'s followers, once, to the pushes about that chat, also when a unit\'s pushes go back and forth between chats (#16)', async () => {
      const chats: string[] = [];
      for (let i = 0; i < 2; i++) {
        const c = await connectCustomer(server);
        chats.push((await c.rtm.call<{ chat_id: string }>('start_chat', {})).chat_id);
        c.rtm.close();
      }
      const [a, b] = chats as [string, string];
      const { uow } = server.built.platform;
      await uow.run(async (tx) => {
        await tx.setChatFollower(a, 'follower-a', true);
        await tx.setChatFollower(b, 'follower-b', true);
      });
      const pushes = [push(a, ['someone']), push(b, []), push(a, ['follower-a'])];
      await uow.run(async (_tx, emit) => { for (const p of pushes) emit(p); });
      expect(pushes.map((p) => p.userIds)).toEqual([['someone', 'follower-a'], ['follower-b'], ['follower-a']]);
      const none = push(a, ['someone']);
      await uow.run(async (tx, emit) => { await tx.setChatFollower(a, 'follower-a', false); emit(none); });
      expect(none.userIds).toEqual(['someone']);
    });
  });
});
