import { Configuration } from '@livechat/lc-sdk-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { agentWithRole, config, configWeb } from '../../../testing/configClient.js';
import { agentFor, createTestAgent, ownerAgent, RawRtm, type TestAgent } from '../../../testing/testClients.js';
import { startTestServer, type TestServer } from '../../../testing/testServer.js';
import { WebhookReceiver } from '../../../testing/webhookReceiver.js';
import { sdkRequestsOverHttp } from '../../../testing/sdkOverHttp.js';
import { registerLicenseWebhooks } from '../../../testing/licenseWebhooks.js';

let server: TestServer;
let receiver: WebhookReceiver;
let ownerRtm: RawRtm;
let undoPlainHttp: () => void;

beforeAll(async () => {
  server = await startTestServer();
  receiver = await WebhookReceiver.start();
  await registerLicenseWebhooks(server, receiver, 'hr-app', ['agent_suspended', 'agent_unsuspended', 'agent_approved']);
  ownerRtm = await ownerAgent(server).connect();
  undoPlainHttp = sdkRequestsOverHttp(server);
});
afterAll(async () => {
  undoPlainHttp();
  ownerRtm.close();
  await receiver.close();
  await server.close();
});

/** lc-sdk-js Configuration API client with an agent's PAT as Bearer (its only way). */
const sdk = (token: string) => new Configuration.Web('hr-app', () => ({ organizationID: server.credentials.organization_id, accessToken: token, region: 'dal' }), { apiUrl: new URL(server.url).host });

/** Opens an agent RTM connection and returns the login response frame (success or not). */
async function rtmLogin(agent: TestAgent): Promise<{ rtm: RawRtm; error?: string }> {
  const rtm = await RawRtm.open(`${server.wsUrl}/v3.5/agent/rtm/ws`);
  const res = await rtm.request('login', { token: agent.basic });
  return { rtm, ...(res.success ? {} : { error: res.payload.error?.type }) };
}

async function agentCreatedByConfig(id: string, extra: Record<string, unknown> = {}): Promise<TestAgent> {
  await config(server, 'create_agent', { id, name: id, ...extra });
  return agentFor(server, id, await server.built.platform.agents.resetToken(1, id));
}

describe('Configuration API agent lifecycle (#13)', () => {
  describe('suspend_agent / unsuspend_agent', () => {
    it('closes the agent\'s sockets, refuses its requests with requester_suspended, and lets it back in when unsuspended', async () => {
      const jane = await createTestAgent(server, 'jane@example.com');
      const janeRtm = await jane.connect();
      await sdk(server.credentials.owner.personal_access_token).suspendAgent(jane.id);

      expect((await janeRtm.push('agent_disconnected')).payload).toMatchObject({ reason: 'agent_disconnected_by_server' });
      await janeRtm.closed;
      expect((await ownerRtm.push('agent_suspended', (p) => p.id === jane.id)).payload).toEqual({ id: jane.id });
      expect(await jane.web('list_chats')).toMatchObject({ status: 403, body: { error: { type: 'requester_suspended' } } });
      expect(await configWeb(server, 'list_agents', {}, jane.basic)).toMatchObject({ status: 403, body: { error: { type: 'requester_suspended' } } });
      const refused = await rtmLogin(jane);
      expect(refused.error).toBe('requester_suspended');
      refused.rtm.close();
      expect(await config(server, 'get_agent', { id: jane.id, fields: ['suspended'] })).toMatchObject({ suspended: true });
      expect((await config<{ id: string }[]>(server, 'list_agents', { filters: { suspended: true } })).map((a) => a.id)).toEqual([jane.id]);

      await sdk(server.credentials.owner.personal_access_token).unsuspendAgent(jane.id);
      expect((await ownerRtm.push('agent_unsuspended', (p) => p.id === jane.id)).payload).toEqual({ id: jane.id });
      const back = await rtmLogin(jane);
      expect(back.error).toBeUndefined();
      back.rtm.close();
      await receiver.until(() => receiver.of('agent_unsuspended').length === 1 && receiver.of('agent_suspended').length === 1);
      expect(receiver.of('agent_suspended').map((w) => w.payload)).toEqual([{ id: jane.id }]);
      expect(receiver.of('agent_unsuspended').map((w) => w.payload)).toEqual([{ id: jane.id }]);
    });

    it('lets only a suspended agent call request_agent_unsuspension (lc-sdk-js), and nothing else', async () => {
      const sam = await createTestAgent(server, 'sam@example.com');
      await expect(sdk(sam.token).requestAgentUnsuspension()).rejects.toMatchObject({ type: 'validation' });
      await config(server, 'suspend_agent', { id: sam.id });
      await expect(sdk(sam.token).requestAgentUnsuspension()).resolves.toEqual({});
      await expect(sdk(sam.token).listAgents()).rejects.toMatchObject({ type: 'requester_suspended' });
    });

    it('refuses the owner (authorization), unknown agents and bots (not_found), and normal agents as callers (authorization)', async () => {
      expect(await configWeb(server, 'suspend_agent', { id: server.credentials.owner.id })).toMatchObject({ status: 403, body: { error: { type: 'authorization' } } });
      expect(await configWeb(server, 'suspend_agent', { id: 'nobody@example.com' })).toMatchObject({ status: 404, body: { error: { type: 'not_found' } } });
      const { id: botId } = await config<{ id: string }>(server, 'create_bot', { name: 'Bot', owner_client_id: 'hr-app' });
      expect(await configWeb(server, 'suspend_agent', { id: botId })).toMatchObject({ status: 404, body: { error: { type: 'not_found' } } });
      const plain = await agentWithRole(server, 'plain@example.com', 'normal');
      expect(await configWeb(server, 'suspend_agent', { id: 'jane@example.com' }, plain)).toMatchObject({ status: 403, body: { error: { type: 'authorization' } } });
      expect(await configWeb(server, 'suspend_agent', {})).toMatchObject({ status: 400, body: { error: { type: 'validation' } } });
    });
  });

  describe('approve_agent', () => {
    it('lets an agent created awaiting approval sign in once approved (requester_awaiting_approval before)', async () => {
      const newbie = await agentCreatedByConfig('newbie@example.com', { awaiting_approval: true });
      expect((await rtmLogin(newbie)).error).toBe('requester_awaiting_approval');
      expect(await newbie.web('list_chats')).toMatchObject({ status: 403, body: { error: { type: 'requester_awaiting_approval' } } });
      await sdk(server.credentials.owner.personal_access_token).approveAgent(newbie.id);
      expect((await ownerRtm.push('agent_approved', (p) => p.id === newbie.id)).payload).toEqual({ id: newbie.id });
      expect((await newbie.web('list_chats')).status).toBe(200);
      await receiver.until(() => receiver.of('agent_approved').length === 1);
      expect(receiver.of('agent_approved')[0]!.payload).toEqual({ id: newbie.id });
    });
  });

  describe('seats (license property subscription.seats)', () => {
    it('refuses agents beyond the seats with seats_limit_exceeded; suspended and unapproved agents hold none', async () => {
      const seated = (await config<{ id: string; suspended?: boolean }[]>(server, 'list_agents', { fields: ['suspended', 'awaiting_approval'] }))
        .filter((a) => !a.suspended && !(a as { awaiting_approval?: boolean }).awaiting_approval).length;
      await config(server, 'update_license_properties', { properties: { subscription: { seats: seated } } });

      expect(await configWeb(server, 'create_agent', { id: 'extra@example.com', name: 'Extra' })).toMatchObject({ status: 422, body: { error: { type: 'seats_limit_exceeded' } } });
      await config(server, 'create_agent', { id: 'waiting@example.com', name: 'Waiting', awaiting_approval: true });
      expect(await configWeb(server, 'approve_agent', { id: 'waiting@example.com' })).toMatchObject({ status: 422, body: { error: { type: 'seats_limit_exceeded' } } });
      await config(server, 'suspend_agent', { id: 'jane@example.com' });
      await config(server, 'approve_agent', { id: 'waiting@example.com' });
      expect(await configWeb(server, 'unsuspend_agent', { id: 'jane@example.com' })).toMatchObject({ status: 422, body: { error: { type: 'seats_limit_exceeded' } } });

      // Lowering the limit: the earliest agents (the owner first) keep their seats at sign-in.
      await config(server, 'update_license_properties', { properties: { subscription: { seats: 1 } } });
      const waiting = agentFor(server, 'waiting@example.com', await server.built.platform.agents.resetToken(1, 'waiting@example.com'));
      expect(await waiting.web('list_chats')).toMatchObject({ status: 422, body: { error: { type: 'seats_limit_exceeded' } } });
      expect((await ownerAgent(server).web('list_chats')).status).toBe(200);
      await config(server, 'delete_license_properties', { properties: { subscription: ['seats'] } });
      expect((await waiting.web('list_chats')).status).toBe(200);
    });
  });
});
