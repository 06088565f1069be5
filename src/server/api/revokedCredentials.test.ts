import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { agentFor, agentWeb, connectCustomer, createTestAgent, customerToken, ownerAgent, RawRtm, type TestAgent } from '../../testing/testClients.js';
import { startAcceptingServer } from '../../testing/acceptingServer.js';
import type { TestServer } from '../../testing/testServer.js';
import { openPlatform } from '../app.js';
import { loadTokenSecret } from '../bootstrap.js';
import { CustomerTokens } from '../domain/identity/customerTokens.js';
import { DEFAULT_RTM_LIMITS } from './transport/rtmGateway.js';

let server: TestServer;
beforeAll(async () => {
  // A short credential sweep (it notices changes made by another process) under the default 15 s heartbeat.
  server = await startAcceptingServer({ config: { rtm: { ...DEFAULT_RTM_LIMITS, credentialCheckMs: 200 } } });
});
afterAll(async () => { await server.close(); });

async function expectDisconnected(rtm: RawRtm, reason: string): Promise<void> {
  expect((await rtm.push('agent_disconnected')).payload).toEqual({ reason });
  await rtm.closed;
}

async function loginFails(path: 'agent' | 'customer', token: string, query = ''): Promise<string | undefined> {
  const rtm = await RawRtm.open(`${server.wsUrl}/v3.5/${path}/rtm/ws${query}`);
  const res = await rtm.request('login', { token });
  rtm.close();
  return res.payload.error?.type;
}

describe('revoked, replaced and expired credentials (#11)', () => {
  describe('AgentAccounts.resetToken()', () => {
    it('closes every socket of the agent at once with access_token_revoked; the old token is refused everywhere', async () => {
      const kim = await createTestAgent(server, 'kim@example.com');
      const sockets = [await kim.connect(), await kim.connect({ bearer: true })];
      const fresh = await server.built.platform.agents.resetToken(1, kim.id);
      for (const rtm of sockets) await expectDisconnected(rtm, 'access_token_revoked');
      expect((await kim.web<{ error: { type: string } }>('list_chats')).body.error.type).toBe('authentication');
      expect(await loginFails('agent', kim.basic)).toBe('authentication');
      expect((await agentFor(server, kim.id, fresh).web('list_chats')).status).toBe(200);
    });

    it('closes the sockets when another process on the same database (the admin CLI) replaced the token, at the next credential sweep rather than the heartbeat (#17)', async () => {
      const lee = await createTestAgent(server, 'lee@example.com');
      const rtm = await lee.connect();
      const cli = await openPlatform({ ...server.config, logLevel: 'silent' });
      try {
        await cli.platform.agents.resetToken(1, lee.id);
      } finally {
        await cli.close();
      }
      await expectDisconnected(rtm, 'access_token_revoked');
    });
  });

  describe('delete_agent', () => {
    it('closes the removed agent\'s sockets with agent_disconnected_by_server and refuses its token', async () => {
      const max = await createTestAgent(server, 'max@example.com');
      const rtm = await max.connect();
      expect((await agentWeb(server, 'delete_agent', { id: max.id }, { api: 'configuration' })).status).toBe(200);
      await expectDisconnected(rtm, 'agent_disconnected_by_server');
      expect((await max.web('list_chats')).status).toBe(401);
    });
  });

  describe('update_agent', () => {
    it('applies a change of groups to the pushes an open socket receives', async () => {
      const p = server.built.platform;
      const { id: support } = await p.groups.create(1, { name: 'Support' });
      const { token } = await p.agents.create(1, { id: 'zoe@example.com', name: 'Zoe', groups: [{ id: support, priority: 'normal' }] });
      const zoe: TestAgent = agentFor(server, 'zoe@example.com', token);
      const rtm = await zoe.connect();
      const before = await connectCustomer(server);
      const first = await before.rtm.call<{ chat_id: string }>('start_chat', {});
      await agentWeb(server, 'update_agent', { id: zoe.id, groups: [{ id: 0, priority: 'last' }, { id: support, priority: 'normal' }] }, { api: 'configuration' });
      const after = await connectCustomer(server);
      const second = await after.rtm.call<{ chat_id: string }>('start_chat', {});
      await rtm.push('incoming_chat', (q) => (q.chat as { id: string }).id === second.chat_id);
      expect(rtm.pushes('incoming_chat').map((f) => (f.payload.chat as { id: string }).id)).not.toContain(first.chat_id);
      for (const c of [rtm, before.rtm, after.rtm]) c.close();
    });
  });

  describe('customer tokens', () => {
    const org = () => `?organization_id=${server.credentials.organization_id}`;
    const web = (token: string, query = org()) => fetch(`${server.url}/v3.5/customer/action/get_customer${query}`, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: '{}' })
      .then(async (r) => ({ status: r.status, type: ((await r.json()) as { error?: { type: string } }).error?.type }));

    it('refuses an expired token over RTM and Web with authentication', async () => {
      const { entity_id } = await customerToken(server);
      const past = new CustomerTokens(await loadTokenSecret(server.dataDir), { now: () => Date.now() * 1000 - 3_600_000_000 }, 60);
      const expired = past.issue({ customerId: entity_id, licenseId: 1 }).token;
      expect(await web(expired)).toEqual({ status: 401, type: 'authentication' });
      expect(await loginFails('customer', `Bearer ${expired}`, org())).toBe('authentication');
    });

    it('refuses a forged token, a token of another organization and tokens of the other family', async () => {
      const { access_token } = await customerToken(server);
      const forged = `${access_token.slice(0, -4)}AAAA`;
      expect(await web(forged)).toEqual({ status: 401, type: 'authentication' });
      const p = server.built.platform;
      const otherOrg = randomUUID();
      await p.uow.run((tx) => tx.insertLicense({ id: 3, organizationId: otherOrg, createdAt: p.clock.now() }));
      const foreign = await p.customers.issueToken({ organizationId: otherOrg });
      expect(await web(foreign.access_token)).toEqual({ status: 401, type: 'authentication' });
      expect((await agentWeb(server, 'list_chats', {}, { auth: `Bearer ${access_token}` })).status).toBe(401);
      expect(await web(server.credentials.owner.personal_access_token)).toEqual({ status: 401, type: 'authentication' });
      expect((await ownerAgent(server).web('list_chats')).status).toBe(200);
    });
  });
});
