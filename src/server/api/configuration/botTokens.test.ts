import { Agent } from '@livechat/lc-sdk-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { config, configWeb } from '../../../testing/configClient.js';
import { agentWeb, connectCustomer, createTestAgent, ownerAgent, RawRtm, type TestAgent } from '../../../testing/testClients.js';
import { startTestServer, type TestServer } from '../../../testing/testServer.js';
import { sdkRequestsOverHttp } from '../../../testing/sdkOverHttp.js';

let server: TestServer;
let owner: TestAgent;
let undoPlainHttp: () => void;
let bot: { id: string; secret: string };

beforeAll(async () => {
  server = await startTestServer();
  owner = ownerAgent(server);
  bot = await config<{ id: string; secret: string }>(server, 'create_bot', { name: 'Helper', owner_client_id: 'bot-app' });
  undoPlainHttp = sdkRequestsOverHttp(server);
});
afterAll(async () => {
  undoPlainHttp();
  await server.close();
});

const issue = (extra: Record<string, unknown> = {}, auth?: string) => configWeb<{ token: string }>(server, 'issue_bot_token', {
  bot_id: bot.id, client_id: 'bot-app', bot_secret: bot.secret, organization_id: server.credentials.organization_id, ...extra,
}, auth);

/** A chat of a new customer that the owner started; the customer's RTM connection stays open. */
async function chat() {
  const c = await connectCustomer(server);
  const { chat_id } = await owner.web<{ chat_id: string }>('start_chat', { chat: { users: [{ id: c.id, type: 'customer' }] } }).then((r) => r.body);
  return { c, chatId: chat_id };
}

describe('Configuration API issue_bot_token (#13)', () => {
  describe('issue_bot_token', () => {
    it('issues a 24 h JWT to any agent of the license that knows the bot\'s client and secret', async () => {
      const plain = await createTestAgent(server, 'plain@example.com');
      const res = await issue({}, plain.basic);
      expect(res.status).toBe(200);
      const [header, body] = res.body.token.split('.');
      expect(JSON.parse(Buffer.from(header!, 'base64url').toString())).toEqual({ alg: 'HS256', typ: 'JWT' });
      const claims = JSON.parse(Buffer.from(body!, 'base64url').toString()) as { sub: string; exp: number; iat: number; scope: string };
      expect(claims).toMatchObject({ sub: bot.id, scope: 'chats--access:rw agents-bot--my:rw customers:rw' });
      expect(claims.exp - claims.iat).toBe(24 * 3600);
    });

    it('refuses a wrong secret, client or organization (authorization), an unknown bot (not_found) and missing fields (validation)', async () => {
      expect(await issue({ bot_secret: 'f'.repeat(32) })).toMatchObject({ status: 403, body: { error: { type: 'authorization' } } });
      expect(await issue({ client_id: 'other-app' })).toMatchObject({ status: 403, body: { error: { type: 'authorization' } } });
      expect(await issue({ organization_id: '00000000-0000-4000-8000-000000000000' })).toMatchObject({ status: 403, body: { error: { type: 'authorization' } } });
      expect(await issue({ bot_id: 'a'.repeat(32) })).toMatchObject({ status: 404, body: { error: { type: 'not_found' } } });
      expect(await configWeb(server, 'issue_bot_token', { bot_id: bot.id })).toMatchObject({ status: 400, body: { error: { type: 'validation' } } });
    });
  });

  describe('a bot token on the Agent Chat API', () => {
    it('acts as the bot over Web (and through lc-sdk-js), and X-Author-Id with agent credentials still does too', async () => {
      const { token } = (await issue()).body;
      const { c, chatId } = await chat();
      const asBot = `Bearer ${token}`;
      expect((await agentWeb(server, 'add_user_to_chat', { chat_id: chatId, user_id: bot.id, user_type: 'agent', visibility: 'all' }, { auth: asBot })).status).toBe(200);
      const viaToken = await agentWeb<{ event_id: string }>(server, 'send_event', { chat_id: chatId, event: { type: 'message', text: 'from the token' } }, { auth: asBot });
      expect((await c.rtm.push('incoming_event', (p) => (p.event as { id: string }).id === viaToken.body.event_id)).payload.event).toMatchObject({ author_id: bot.id, text: 'from the token' });

      const sdk = new Agent.Web('bot-app', () => ({ accessToken: token, region: 'dal', organizationID: server.credentials.organization_id }), { apiUrl: new URL(server.url).host });
      const viaSdk = (await sdk.sendEvent(chatId, { type: 'message', text: 'from the sdk' } as never)) as { event_id: string };
      expect((await c.rtm.push('incoming_event', (p) => (p.event as { id: string }).id === viaSdk.event_id)).payload.event).toMatchObject({ author_id: bot.id });

      const viaHeader = await owner.web<{ event_id: string }>('send_event', { chat_id: chatId, event: { type: 'message', text: 'the old way' } }, { authorId: bot.id });
      expect((await c.rtm.push('incoming_event', (p) => (p.event as { id: string }).id === viaHeader.body.event_id)).payload.event).toMatchObject({ author_id: bot.id });
      c.rtm.close();
    });

    it('logs in over RTM as the bot', async () => {
      const { token } = (await issue()).body;
      const rtm = await RawRtm.open(`${server.wsUrl}/v3.5/agent/rtm/ws`);
      const login = await rtm.call<{ my_profile: { id: string } }>('login', { token: `Bearer ${token}` });
      expect(login.my_profile.id).toBe(bot.id);
      const { c, chatId } = await chat();
      await rtm.call('add_user_to_chat', { chat_id: chatId, user_id: bot.id, user_type: 'agent', visibility: 'all' });
      const sent = await rtm.call<{ event_id: string }>('send_event', { chat_id: chatId, event: { type: 'message', text: 'over rtm' } });
      expect((await c.rtm.push('incoming_event', (p) => (p.event as { id: string }).id === sent.event_id)).payload.event).toMatchObject({ author_id: bot.id });
      rtm.close();
      c.rtm.close();
    });

    it('acts as its own bot only, not on the Configuration API, and not when forged', async () => {
      const { token } = (await issue()).body;
      const other = await config<{ id: string }>(server, 'create_bot', { name: 'Other', owner_client_id: 'bot-app' });
      expect(await agentWeb(server, 'list_chats', {}, { auth: `Bearer ${token}`, authorId: other.id })).toMatchObject({ status: 403, body: { error: { type: 'authorization' } } });
      expect(await configWeb(server, 'list_bots', {}, `Bearer ${token}`)).toMatchObject({ status: 403, body: { error: { type: 'authorization' } } });
      const forged = `${token.slice(0, token.lastIndexOf('.'))}.${'A'.repeat(43)}`;
      expect(await agentWeb(server, 'list_chats', {}, { auth: `Bearer ${forged}` })).toMatchObject({ status: 401, body: { error: { type: 'authentication' } } });
    });
  });

  describe('bot templates', () => {
    it.each(['create_bot_template', 'update_bot_template', 'delete_bot_template', 'list_bot_templates', 'reset_bot_template_secret'])('refuses %s with validation naming the action', async (action) => {
      expect(await configWeb(server, action, { name: 'T', owner_client_id: 'bot-app' })).toMatchObject({ status: 400, body: { error: { type: 'validation', data: { action } } } });
    });
  });
});
