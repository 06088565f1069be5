import { agentWeb } from '../../src/testing/testClients.js';
import { startAcceptingServer } from '../../src/testing/acceptingServer.js';
import type { TestServer } from '../../src/testing/testServer.js';

/** A real server for one spec file: the owner accepts chats; a visitor may hold `chatLimit` open chats. */
export const startPlatform = startAcceptingServer;

interface Summary { id: string; properties?: Record<string, Record<string, unknown>>; users?: { id: string; type: string }[] }

/** The agent side, acting through the Agent Chat Web API as the owner. */
export function agentOf(server: TestServer) {
  async function call<T>(action: string, payload: unknown): Promise<T> {
    const { status, body } = await agentWeb<T>(server, action, payload);
    if (status !== 200) throw new Error(`${action}: ${status} ${JSON.stringify(body)}`);
    return body;
  }
  return {
    /** The id of the newest chat whose topic property is `topic`. */
    async chatIdByTopic(topic: string): Promise<string> {
      const { chats_summary } = await call<{ chats_summary: Summary[] }>('list_chats', { filters: { include_active: true } });
      const chat = chats_summary.find((c) => c.properties?.switchboard?.topic === topic);
      if (!chat) throw new Error(`no chat about ${topic}: ${JSON.stringify(chats_summary.map((c) => c.properties))}`);
      return chat.id;
    },
    async say(chatId: string, text: string): Promise<void> {
      await call('send_event', { chat_id: chatId, event: { type: 'message', text, visibility: 'all' } });
    },
  };
}
