import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { agentWeb, connectCustomer, type TestCustomer } from '../../src/testing/testClients.js';
import { startTestServer, type TestServer } from '../../src/testing/testServer.js';
import { startGreeterBot, type GreeterBot } from './greeterBot.js';
import { replyTo } from './replies.js';

let server: TestServer;
let bot: GreeterBot;

const start = () => startGreeterBot({ apiUrl: server.url, agentId: server.credentials.owner.id, personalAccessToken: server.credentials.owner.personal_access_token });

beforeAll(async () => {
  server = await startTestServer({ webhookDelivery: { backoffMs: 50, maxBackoffMs: 200 } });
  bot = await start();
});
afterAll(async () => {
  await bot.stop();
  await server.close();
});

type Ev = { type: string; text?: string; author_id?: string; template_id?: string; elements?: { buttons: { text: string }[] }[] };
const fromBot = (c: TestCustomer, pred: (e: Ev) => boolean) =>
  c.rtm.push('incoming_event', (p) => (p.event as Ev).author_id === bot.botId && pred(p.event as Ev), 8000).then((f) => f.payload.event as Ev);

describe('greeter bot', () => {
  it('greets a new chat with a message and quick replies', async () => {
    const customer = await connectCustomer(server);
    await customer.rtm.call('start_chat', {});
    const chat = (await customer.rtm.push('incoming_chat')).payload.chat as { users: { id: string }[] };
    expect(chat.users.map((u) => u.id)).toContain(bot.botId);
    expect((await fromBot(customer, (e) => e.type === 'message')).text).toMatch(/greeter bot/);
    const quick = await fromBot(customer, (e) => e.type === 'rich_message');
    expect(quick.template_id).toBe('quick_replies');
    expect(quick.elements?.[0]?.buttons.map((b) => b.text)).toEqual(['Opening hours', 'Pricing', 'Talk to a human']);
    customer.rtm.close();
  });

  it('answers keywords from the customer', async () => {
    const customer = await connectCustomer(server);
    const { chat_id } = await customer.rtm.call<{ chat_id: string }>('start_chat', {});
    await fromBot(customer, (e) => e.type === 'rich_message');
    await customer.rtm.call('send_event', { chat_id, event: { type: 'message', text: 'What are your opening hours?' } });
    expect((await fromBot(customer, (e) => /Monday to Friday/.test(e.text ?? ''))).type).toBe('message');
    await customer.rtm.call('send_event', { chat_id, event: { type: 'message', text: 'Pricing' } });
    expect((await fromBot(customer, (e) => /free and open source/.test(e.text ?? ''))).type).toBe('message');
    customer.rtm.close();
  });

  it('hands the chat to an accepting human on "Talk to a human"', async () => {
    const customer = await connectCustomer(server);
    const { chat_id } = await customer.rtm.call<{ chat_id: string }>('start_chat', {});
    await fromBot(customer, (e) => e.type === 'rich_message');
    await server.ownerAcceptsChats();
    await customer.rtm.call('send_event', { chat_id, event: { type: 'message', text: 'Talk to a human' } });
    const added = await customer.rtm.push('user_added_to_chat', (p) => (p.user as { id: string }).id === server.credentials.owner.id, 8000);
    expect(added.payload.chat_id).toBe(chat_id);
    await server.built.platform.agents.setRoutingStatus(1, server.credentials.owner.id, 'not_accepting_chats', server.built.platform.router);
    customer.rtm.close();
  });

  it('queues the chat when nobody accepts, and the first agent who starts accepting gets it, not the bot (#14)', async () => {
    const customer = await connectCustomer(server);
    const { chat_id } = await customer.rtm.call<{ chat_id: string }>('start_chat', {});
    await fromBot(customer, (e) => e.type === 'rich_message');
    await customer.rtm.call('send_event', { chat_id, event: { type: 'message', text: 'human' } });
    const transferred = await customer.rtm.push('chat_transferred', (p) => p.chat_id === chat_id, 8000);
    expect(transferred.payload.queue).toMatchObject({ position: 1 });
    expect((await fromBot(customer, (e) => /in the queue/.test(e.text ?? ''))).type).toBe('message');
    const queued = await agentWeb<{ chats_summary: { id: string }[] }>(server, 'list_chats', { filters: { queued: true } });
    expect(queued.body.chats_summary.map((c) => c.id)).toContain(chat_id);

    await server.ownerAcceptsChats();
    const added = await customer.rtm.push('user_added_to_chat', (p) => p.chat_id === chat_id && (p.user as { id: string }).id === server.credentials.owner.id, 8000);
    expect(added.payload.reason).toBe('assigned');
    const chat = await customer.rtm.call<{ users: { id: string; present?: boolean }[] }>('get_chat', { chat_id });
    expect(chat.users.filter((u) => u.present).map((u) => u.id)).not.toContain(bot.botId);
    await server.built.platform.agents.setRoutingStatus(1, server.credentials.owner.id, 'not_accepting_chats', server.built.platform.router);
    customer.rtm.close();
  });

  it('hands off after two messages in a row it cannot answer (#14)', async () => {
    const customer = await connectCustomer(server);
    const { chat_id } = await customer.rtm.call<{ chat_id: string }>('start_chat', {});
    await fromBot(customer, (e) => e.type === 'rich_message');
    await customer.rtm.call('send_event', { chat_id, event: { type: 'message', text: 'qwerty' } });
    await fromBot(customer, (e) => /only know/.test(e.text ?? ''));
    await customer.rtm.call('send_event', { chat_id, event: { type: 'message', text: 'asdfgh' } });
    expect((await fromBot(customer, (e) => /Connecting you/.test(e.text ?? ''))).type).toBe('message');
    await customer.rtm.push('chat_transferred', (p) => p.chat_id === chat_id, 8000);
    customer.rtm.close();
  });

  it('reuses its bot on restart and leaves exactly its two webhooks', async () => {
    await bot.stop();
    bot = await start();
    const bots = server.built.platform.bots.list(1, 'switchboard-greeter');
    expect((await bots).map((b) => b.id)).toEqual([bot.botId]);
    expect((await server.built.platform.webhooks.list(1, 'switchboard-greeter')).map((w) => w.action)).toEqual(['incoming_chat', 'incoming_event']);
  });
});

describe('replyTo()', () => {
  it('maps keywords to answers, "human" to a handoff, anything else to the fallback', () => {
    expect(replyTo('talk to a HUMAN please')).toBe('handoff');
    expect(replyTo('are you open on sunday?')).toMatchObject({ text: expect.stringMatching(/Monday/) });
    expect(replyTo('hello')).toMatchObject({ template_id: 'quick_replies' });
    expect(replyTo('qwerty')).toMatchObject({ text: expect.stringMatching(/only know/) });
  });
});
