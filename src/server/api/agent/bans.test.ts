import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { connectCustomer, customerToken, ownerAgent, RawRtm, type TestAgent } from '../../../testing/testClients.js';
import { startAcceptingServer } from '../../../testing/acceptingServer.js';
import type { TestServer } from '../../../testing/testServer.js';

let server: TestServer;
let owner: TestAgent;
beforeAll(async () => {
  server = await startAcceptingServer({ chatLimit: 2 });
  owner = ownerAgent(server);
});
afterAll(async () => { await server.close(); });
afterEach(() => { vi.useRealTimers(); });

const loginCustomer = async (token: string) => {
  const rtm = await RawRtm.open(`${server.wsUrl}/v3.5/customer/rtm/ws?organization_id=${server.credentials.organization_id}`);
  const res = await rtm.request('login', { token: `Bearer ${token}` });
  rtm.close();
  return res;
};

describe('ban_customer', () => {
  it('ends the customer\'s active chats, disconnects every tab with customer_banned, refuses logins and Web calls, and tells agents', async () => {
    const ownerRtm = await owner.connect();
    const c = await connectCustomer(server);
    const tab2 = await c.connect();
    const a = await c.rtm.call<{ chat_id: string; thread_id: string }>('start_chat', {});
    const b = await c.rtm.call<{ chat_id: string }>('start_chat', {});

    expect((await owner.web('ban_customer', { id: c.id, ban: { days: 0 } })).status).toBe(400);
    expect((await owner.web('ban_customer', { id: c.id, ban: { days: 1 } })).status).toBe(200);

    expect((await ownerRtm.push('customer_banned')).payload).toEqual({ customer_id: c.id, ban: { days: 1 } });
    for (const rtm of [c.rtm, tab2]) {
      expect((await rtm.push('customer_disconnected')).payload).toEqual({ reason: 'customer_banned' });
      await rtm.closed;
    }
    // Both chats ended with a customer_banned system message, pushed before the disconnect.
    for (const chatId of [a.chat_id, b.chat_id]) {
      const note = c.rtm.pushes('incoming_event').find((f) => f.payload.chat_id === chatId);
      expect(note?.payload.event).toMatchObject({ type: 'system_message', system_message_type: 'customer_banned' });
      expect(c.rtm.pushes('chat_deactivated').map((f) => f.payload.chat_id)).toContain(chatId);
    }
    const chat = await owner.web<{ thread: { active: boolean } }>('get_chat', { chat_id: a.chat_id });
    expect(chat.body.thread.active).toBe(false);

    const login = await loginCustomer(c.token);
    expect(login.payload.error?.type).toBe('customer_banned');
    const web = await c.web('list_chats');
    expect(web.status).toBe(403);
    expect((web.body as { error: { type: string } }).error.type).toBe('customer_banned');
    expect((await owner.web('ban_customer', { id: '00000000-0000-4000-8000-000000000000', ban: { days: 1 } })).status).toBe(404);
    ownerRtm.close();
  });

  it('runs out on time: the same customer logs in again once the ban period has passed', async () => {
    const c = await connectCustomer(server);
    c.rtm.close();
    await owner.web('ban_customer', { id: c.id, ban: { days: 2 } });
    expect((await loginCustomer(c.token)).payload.error?.type).toBe('customer_banned');

    // One day later the ban still holds; three days later it is over (only Date is faked: sockets keep working).
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(Date.now() + 24 * 3600_000);
    const dayLater = await customerToken(server, c.refreshToken);
    expect(dayLater.entity_id).toBe(c.id);
    expect((await loginCustomer(dayLater.access_token)).payload.error?.type).toBe('customer_banned');
    vi.setSystemTime(Date.now() + 2 * 24 * 3600_000);
    const later = await customerToken(server, c.refreshToken);
    expect(later.entity_id).toBe(c.id);
    const login = await loginCustomer(later.access_token);
    expect(login.success).toBe(true);
    expect((login.payload.customer as { id: string }).id).toBe(c.id);
  });
});
