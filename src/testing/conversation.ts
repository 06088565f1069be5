import { connectCustomer, ownerAgent } from './testClients.js';
import type { TestServer } from './testServer.js';

/**
 * A whole normal conversation against `server`: a new customer starts a chat over RTM, the owner
 * (over RTM) gets it and answers, the customer gets the answer. Throws when any step fails.
 * The owner must accept chats (`server.ownerAcceptsChats()`).
 */
export async function holdConversation(server: TestServer): Promise<void> {
  const agentRtm = await ownerAgent(server).connect();
  const customer = await connectCustomer(server);
  try {
    const { chat_id } = await customer.rtm.call<{ chat_id: string }>('start_chat', { chat: { thread: { events: [{ type: 'message', text: 'hello' }] } } });
    await agentRtm.push('incoming_chat', (p) => (p.chat as { id: string }).id === chat_id);
    const { event_id } = await agentRtm.call<{ event_id: string }>('send_event', { chat_id, event: { type: 'message', text: 'how can I help?', visibility: 'all' } });
    await customer.rtm.push('incoming_event', (p) => (p.event as { id: string }).id === event_id);
    await customer.rtm.call('deactivate_chat', { id: chat_id });
  } finally {
    customer.rtm.close();
    agentRtm.close();
  }
}
