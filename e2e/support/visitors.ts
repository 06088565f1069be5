import { connectCustomer, type TestCustomer } from '../../src/testing/testClients.js';
import type { TestServer } from '../../src/testing/testServer.js';

/**
 * A visitor over the Customer Chat API (no browser): named, starts a chat about `topic` and says
 * `text`. For scenes where the visitor's own screen is not what the test looks at.
 */
export async function visitorChat(server: TestServer, opts: { name: string; topic: string; text: string }): Promise<{ customer: TestCustomer; chatId: string }> {
  const customer = await connectCustomer(server);
  await customer.rtm.call('update_customer', { name: opts.name, email: `${opts.name.split(' ')[0]?.toLowerCase()}@example.com` });
  const { chat_id } = await customer.rtm.call<{ chat_id: string }>('start_chat', { chat: { properties: { switchboard: { topic: opts.topic } } } });
  await customer.rtm.call('send_event', { chat_id, event: { type: 'message', text: opts.text } });
  return { customer, chatId: chat_id };
}
