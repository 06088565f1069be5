import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { loadConfig } from '../config.js';
import { SmtpReceiver } from '../../testing/smtpReceiver.js';
import { connectCustomer, createTestAgent, type TestCustomer } from '../../testing/testClients.js';
import { startTestServer, type TestServer } from '../../testing/testServer.js';

let smtp: SmtpReceiver;
let server: TestServer;
beforeAll(async () => { smtp = await SmtpReceiver.start(); });
afterAll(async () => { await smtp.close(); });
beforeEach(async () => {
  smtp.received.length = 0;
  server = await startTestServer({ smtp: { url: smtp.url, from: 'Support <support@shop.example>' } });
  await server.built.platform.licenses.update(1, 'agent', { routing: { max_customer_chats_count: 5 } });
});
afterEach(async () => { await server.close(); });

/** Nobody is accepting chats: the visitor leaves a message with an e-mail address (the widget's "leave a message"). */
async function leaveMessage(c: TestCustomer, email: string, text: string): Promise<string> {
  const { chat_id } = await c.rtm.call<{ chat_id: string }>('start_chat', {
    continuous: true,
    chat: { properties: { switchboard: { topic: 'Returns' } }, thread: { events: [
      { type: 'filled_form', form_id: 'offline_message', form_type: 'ask_for_email', fields: [{ id: 'email', type: 'email', label: 'E-mail', answer: email }] },
      { type: 'message', text },
    ] } },
  });
  return chat_id;
}

/** Closes the visitor's only connection and waits until the server has let go of it. */
async function leave(c: TestCustomer): Promise<void> {
  c.rtm.close();
  await c.rtm.closed;
  await vi.waitFor(() => expect(server.built.registry.connectionsOf(c.id)).toHaveLength(0));
}

describe('ReplyNotifier', () => {
  describe('handle()', () => {
    it('mails the first agent\'s reply to a visitor who left a message while nobody was available and then went away (#15)', async () => {
      const c = await connectCustomer(server);
      const chatId = await leaveMessage(c, 'visitor@example.com', 'Can I return shoes after 30 days?');
      expect((await c.rtm.push('queue_position_updated')).payload).toMatchObject({ chat_id: chatId, queue: { position: 1 } });
      await leave(c);
      const bob = await createTestAgent(server, 'bob@shop.example', { name: 'Bob' });
      const agentRtm = await bob.connect();
      // the queued chat is assigned as the agent logs in (accepting chats)
      await agentRtm.call('send_event', { chat_id: chatId, event: { type: 'message', text: 'Yes, within 60 days.' } });
      await smtp.waitFor(1);
      const [mail] = smtp.received;
      expect(mail).toMatchObject({ to: ['visitor@example.com'], from: 'support@shop.example', subject: 'Bob replied to your message about “Returns”' });
      expect(mail!.body).toContain('Yes, within 60 days.');
      expect(mail!.body).toContain(`${server.url}/?chat=${chatId}`);
    });

    it('sends nothing while the visitor is connected: only the reply after the visitor left arrives (#15)', async () => {
      const c = await connectCustomer(server);
      const chatId = await leaveMessage(c, 'here@example.com', 'Hello?');
      const bob = await createTestAgent(server, 'bob@shop.example', { name: 'Bob' });
      const agentRtm = await bob.connect();
      // the queued chat is assigned as the agent logs in (accepting chats)
      await agentRtm.call('send_event', { chat_id: chatId, event: { type: 'message', text: 'seen live' } });
      await c.rtm.push('incoming_event', (p) => (p.event as { text?: string }).text === 'seen live');
      await server.built.replyNotifier!.idle();
      await leave(c);
      await agentRtm.call('send_event', { chat_id: chatId, event: { type: 'message', text: 'after you left' } });
      await smtp.waitFor(1);
      await server.built.replyNotifier!.idle();
      expect(smtp.received.map((m) => m.body.includes('after you left'))).toEqual([true]);
    });
  });
});

describe('Customer Chat API', () => {
  describe('send_transcript (#15)', () => {
    it('mails the whole chat as text to the given address', async () => {
      await server.ownerAcceptsChats();
      const c = await connectCustomer(server);
      const { chat_id } = await c.rtm.call<{ chat_id: string }>('start_chat', { chat: { thread: { events: [{ type: 'message', text: 'first question' }] } } });
      await c.rtm.call('deactivate_chat', { id: chat_id });
      await c.rtm.call('resume_chat', { chat: { id: chat_id, thread: { events: [{ type: 'message', text: 'second question' }] } } });
      expect(await c.rtm.call('send_transcript', { chat_id, email: 'me@example.com' })).toEqual({});
      await smtp.waitFor(1);
      const [mail] = smtp.received;
      expect(mail).toMatchObject({ to: ['me@example.com'], subject: 'Your chat transcript' });
      expect(mail!.body).toMatch(/You: first question[\s\S]*archived the chat[\s\S]*You: second question/);
    });

    it('refuses an address that is not one, a chat of another visitor, and no address at all', async () => {
      await server.ownerAcceptsChats();
      const c = await connectCustomer(server);
      const other = await connectCustomer(server);
      const { chat_id } = await c.rtm.call<{ chat_id: string }>('start_chat', {});
      expect((await c.rtm.request('send_transcript', { chat_id, email: 'nope' })).payload.error?.type).toBe('validation');
      expect((await c.rtm.request('send_transcript', { chat_id })).payload.error).toMatchObject({ type: 'validation', message: expect.stringContaining('email is required') });
      expect((await other.rtm.request('send_transcript', { chat_id, email: 'x@example.com' })).payload.error?.type).toBe('not_found');
    });
  });
});

describe('send_transcript without SMTP_URL', () => {
  it('answers not_allowed (403 on the Web API) and says to download instead (#15)', async () => {
    const plain = await startTestServer();
    try {
      await plain.ownerAcceptsChats();
      const c = await connectCustomer(plain);
      const { chat_id } = await c.rtm.call<{ chat_id: string }>('start_chat', {});
      const res = await c.web<{ error: { type: string; message: string } }>('send_transcript', { chat_id, email: 'me@example.com' });
      expect(res.status).toBe(403);
      expect(res.body.error).toMatchObject({ type: 'not_allowed', message: expect.stringContaining('download') });
    } finally {
      await plain.close();
    }
  });
});

describe('loadConfig()', () => {
  it('reads SMTP_URL and SMTP_FROM, and refuses a URL that is not smtp(s)', () => {
    expect(loadConfig({ SMTP_URL: 'smtp://127.0.0.1:2525', SMTP_FROM: 'Help <help@shop.example>' }).smtp).toEqual({ url: 'smtp://127.0.0.1:2525', from: 'Help <help@shop.example>' });
    expect(loadConfig({}).smtp).toBeUndefined();
    expect(() => loadConfig({ SMTP_URL: 'http://mail.example.com' })).toThrow(/smtp:\/\/ or smtps:\/\//);
  });
});
