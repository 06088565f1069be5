import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { config } from '../../../testing/configClient.js';
import { connectCustomer } from '../../../testing/testClients.js';
import { startTestServer, type TestServer } from '../../../testing/testServer.js';

let server: TestServer;
beforeEach(async () => { server = await startTestServer(); });
afterEach(async () => { await server.close(); });

type Team = { team: Record<string, unknown>[] };

describe('Customer Chat API', () => {
  describe('list_team (Switchboard extension, #15)', () => {
    it('names the human agents with their avatars, over RTM and Web alike, and nothing else about them', async () => {
      await config(server, 'create_agent', { id: 'jane@example.com', name: 'Jane Doe', avatar: 'https://cdn.example.com/jane.png', job_title: 'Support lead' });
      await config(server, 'create_agent', { id: 'omar@example.com', name: 'Omar' });
      const owner = server.credentials.owner.id;
      const ownerName = (await config<{ name: string }>(server, 'get_agent', { id: owner })).name;

      const customer = await connectCustomer(server);
      const viaRtm = await customer.rtm.call<Team>('list_team', {});
      expect(viaRtm).toEqual({ team: [{ name: ownerName }, { name: 'Jane Doe', avatar: 'https://cdn.example.com/jane.png' }, { name: 'Omar' }] });
      expect(await customer.web('list_team', {})).toEqual({ status: 200, body: viaRtm });

      // No private field leaks: every member has a name and at most an avatar.
      const leaked = JSON.stringify(viaRtm);
      for (const secret of ['jane@example.com', 'omar@example.com', owner, 'Support lead', 'owner', 'normal', 'accepting_chats', 'groups']) expect(leaked).not.toContain(secret);
      for (const member of viaRtm.team) expect(Object.keys(member).every((key) => key === 'name' || key === 'avatar')).toBe(true);
    });

    it('leaves out bots, suspended agents and agents awaiting approval', async () => {
      await config(server, 'create_bot', { name: 'Helper bot', owner_client_id: 'bot-app' });
      await config(server, 'create_agent', { id: 'sam@example.com', name: 'Sam' });
      await config(server, 'suspend_agent', { id: 'sam@example.com' });
      await config(server, 'create_agent', { id: 'newbie@example.com', name: 'Newbie', awaiting_approval: true });
      await config(server, 'create_agent', { id: 'ana@example.com', name: 'Ana' });

      const customer = await connectCustomer(server);
      const names = (await customer.rtm.call<Team>('list_team', {})).team.map((member) => member.name);
      expect(names).toContain('Ana');
      for (const hidden of ['Helper bot', 'Sam', 'Newbie']) expect(names).not.toContain(hidden);
    });

    it('refuses unknown fields with validation and anyone without a customer token with authentication', async () => {
      const customer = await connectCustomer(server);
      expect((await customer.rtm.request('list_team', { include: 'email' })).payload.error?.type).toBe('validation');
      expect(await customer.web('list_team', { include: 'email' })).toMatchObject({ status: 400, body: { error: { type: 'validation' } } });
      const anonymous = await fetch(`${server.url}/v3.5/customer/action/list_team?organization_id=${server.credentials.organization_id}`, {
        method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}',
      });
      expect(anonymous.status).toBe(401);
      expect(((await anonymous.json()) as { error: { type: string } }).error.type).toBe('authentication');
    });
  });
});
