import { afterEach, describe, expect, it } from 'vitest';
import { createTestAgent, ownerAgent, RawRtm } from '../../../testing/testClients.js';
import { startTestServer, type TestServer } from '../../../testing/testServer.js';

let server: TestServer | undefined;
afterEach(async () => { await server?.close(); server = undefined; });

const statusOf = async (s: TestServer, id: string) => (await s.built.platform.agents.routingStatusOf(1, id));
/** The next `routing_status_set` for the agent on this socket, received after `from` frames. */
const statusPush = (rtm: RawRtm, id: string, status: string, from = 0) =>
  rtm.next((f) => f.type === 'push' && f.action === 'routing_status_set' && f.payload.agent_id === id && f.payload.status === status, 10_000, from);

describe('AgentSessions away (Agent Chat API)', () => {
  describe('set_away_status', () => {
    it('stops accepting chats once every connection of the agent is away, and accepts again when one comes back', async () => {
      server = await startTestServer();
      const owner = await ownerAgent(server).connect();
      const ava = await createTestAgent(server, 'ava@example.com');
      const desk = await ava.connect();
      const phone = await ava.connect();
      await statusPush(owner, ava.id, 'accepting_chats');

      expect(await desk.call('set_away_status', { away: true })).toEqual({});
      expect(await statusOf(server, ava.id)).toBe('accepting_chats');
      await phone.call('set_away_status', { away: true });
      await statusPush(owner, ava.id, 'not_accepting_chats');
      expect(await statusOf(server, ava.id)).toBe('not_accepting_chats');

      const from = desk.frames.length;
      await desk.call('set_away_status', { away: false });
      await statusPush(desk, ava.id, 'accepting_chats', from);
      expect(await statusOf(server, ava.id)).toBe('accepting_chats');
    });

    it('leaves a status the agent chose itself while away, and a not_accepting agent stays so when it comes back', async () => {
      server = await startTestServer();
      const ben = await createTestAgent(server, 'ben@example.com');
      const rtm = await ben.connect();
      await rtm.call('set_away_status', { away: true });
      await statusPush(rtm, ben.id, 'not_accepting_chats');
      await rtm.call('set_routing_status', { status: 'not_accepting_chats' });
      await rtm.call('set_away_status', { away: false });
      await rtm.call('ping');
      expect(await statusOf(server, ben.id)).toBe('not_accepting_chats');
    });

    it('starts a connection away with login away:true, so an offline agent comes back not accepting chats', async () => {
      server = await startTestServer();
      const owner = await ownerAgent(server).connect();
      const cy = await createTestAgent(server, 'cy@example.com');
      const rtm = await RawRtm.open(`${server.wsUrl}/v3.5/agent/rtm/ws`);
      const login = await rtm.call<{ my_profile: { routing_status: string } }>('login', { token: cy.basic, away: true });
      expect(login.my_profile.routing_status).toBe('not_accepting_chats');
      const from = owner.frames.length;
      await rtm.call('set_away_status', { away: false });
      await statusPush(owner, cy.id, 'accepting_chats', from);
    });

    it('is an RTM action only, and validates its payload', async () => {
      server = await startTestServer();
      const dee = await createTestAgent(server, 'dee@example.com');
      expect(await dee.web('set_away_status', { away: true })).toMatchObject({ status: 400, body: { error: { type: 'validation' } } });
      const rtm = await dee.connect();
      expect((await rtm.request('set_away_status', { away: 'yes' })).payload.error?.type).toBe('validation');
      expect((await rtm.request('set_away_status', {})).payload.error?.type).toBe('validation');
    });
  });

  describe('auto-away (AGENT_AUTO_AWAY_SECONDS)', () => {
    it('takes an agent whose connection sent no request for the configured time out of routing, and a new request brings it back', async () => {
      server = await startTestServer({ agentAutoAwayMs: 300 });
      const owner = await ownerAgent(server).connect();
      const eve = await createTestAgent(server, 'eve@example.com');
      const rtm = await eve.connect();
      await statusPush(owner, eve.id, 'not_accepting_chats');
      expect(await statusOf(server, eve.id)).toBe('not_accepting_chats');
      const from = owner.frames.length;
      await rtm.call('list_chats');
      await statusPush(owner, eve.id, 'accepting_chats', from);
    });
  });
});
