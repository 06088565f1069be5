import type { Config } from '../server/config.js';
import { startTestServer, type TestServer } from './testServer.js';

/**
 * A test server whose owner accepts chats from the start, so a visitor's new chat goes to a
 * person; with `chatLimit`, a visitor may hold that many open chats at once.
 * @example
 * beforeAll(async () => { server = await startAcceptingServer({ chatLimit: 2 }); });
 */
export async function startAcceptingServer(opts: { chatLimit?: number | undefined; config?: Partial<Config> | undefined } = {}): Promise<TestServer> {
  const server = await startTestServer(opts.config);
  await server.ownerAcceptsChats();
  if (opts.chatLimit) await server.built.platform.licenses.update(1, 'agent', { routing: { max_customer_chats_count: opts.chatLimit } });
  return server;
}
