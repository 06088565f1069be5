import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { agentFor, connectCustomer, createTestAgent, ownerAgent, type RawRtm } from '../../../testing/testClients.js';
import { loadSdkOverPlainTransport, sdkCustomerWeb, type Sdk } from '../../../testing/lcSdk.js';
import { startTestServer, type TestServer } from '../../../testing/testServer.js';

let server: TestServer;
let sdk: Sdk;
beforeAll(() => { sdk = loadSdkOverPlainTransport(); });
beforeEach(async () => { server = await startTestServer({ agentOfflineGraceMs: 60_000 }); });
afterEach(async () => { await server.close(); });

type Groups = { groups: { id: number; status: string }[] };
const hasGroup = (id: number, status: string) => (p: Record<string, unknown>) => (p as Groups).groups.some((g) => g.id === id && g.status === status);
/** Every recomputation has run and every frame written to the socket so far has arrived. */
const settle = async (rtm: RawRtm) => { await server.built.groupStatuses.idle(); await rtm.call('ping'); };

describe('Group availability (Customer and Agent Chat APIs)', () => {
  describe('groups_status_updated', () => {
    it('tells customers (online / online_for_queue / offline) and agents (routing statuses) as group 0 goes online, full and offline', async () => {
      const mia = await createTestAgent(server, 'mia@example.com', { maxChats: 1 });
      const miaRtm = await mia.connect();
      await miaRtm.call('set_routing_status', { status: 'not_accepting_chats' });
      await miaRtm.push('groups_status_updated', hasGroup(0, 'not_accepting_chats'));
      const c = await connectCustomer(server);
      const statuses = () => c.rtm.call<{ groups_status: Record<string, string> }>('list_group_statuses', { all: true });
      expect(await statuses()).toEqual({ groups_status: { 0: 'offline' } });

      await miaRtm.call('set_routing_status', { status: 'accepting_chats' });
      expect((await c.rtm.push('groups_status_updated')).payload).toEqual({ groups: [{ id: 0, status: 'online' }] });
      await miaRtm.push('groups_status_updated', hasGroup(0, 'accepting_chats'));
      expect(await statuses()).toEqual({ groups_status: { 0: 'online' } });

      // Mia takes a chat and is full: new chats would wait in the queue.
      const { chat_id } = await c.rtm.call<{ chat_id: string }>('start_chat', {});
      await c.rtm.push('groups_status_updated', hasGroup(0, 'online_for_queue'));
      expect(await statuses()).toEqual({ groups_status: { 0: 'online_for_queue' } });
      await miaRtm.call('deactivate_chat', { id: chat_id });
      await c.rtm.push('groups_status_updated', (p) => c.rtm.pushes('groups_status_updated').length >= 3 && hasGroup(0, 'online')(p));

      await miaRtm.call('set_routing_status', { status: 'not_accepting_chats' });
      await c.rtm.push('groups_status_updated', hasGroup(0, 'offline'));
      expect(c.rtm.pushes('groups_status_updated').map((f) => (f.payload as Groups).groups[0]!.status)).toEqual(['online', 'online_for_queue', 'online', 'offline']);
      // Agents hear only of changes in their own view: accepting → not accepting, never "full".
      await settle(miaRtm);
      expect(miaRtm.pushes('groups_status_updated').map((f) => (f.payload as Groups).groups[0]!.status).slice(-3)).toEqual(['not_accepting_chats', 'accepting_chats', 'not_accepting_chats']);
    });

    it('pushes only the groups that changed, and to agents only the groups they have access to', async () => {
      const p = server.built.platform;
      const { id: vip } = await p.groups.create(1, { name: 'VIP' });
      const plain = await (await createTestAgent(server, 'plain@example.com')).connect();
      const owner = await ownerAgent(server).connect();
      const c = await connectCustomer(server);
      await settle(plain);
      expect((await c.rtm.call('list_group_statuses', { group_ids: [vip, 404] }))).toEqual({ groups_status: { [vip]: 'offline' } });

      const { token } = await p.agents.create(1, { id: 'vip@example.com', name: 'VIP', groups: [{ id: vip, priority: 'normal' }] });
      await agentFor(server, 'vip@example.com', token).connect();
      expect((await c.rtm.push('groups_status_updated')).payload).toEqual({ groups: [{ id: vip, status: 'online' }] });
      expect((await owner.push('groups_status_updated', hasGroup(vip, 'accepting_chats'))).payload).toEqual({ groups: [{ id: vip, status: 'accepting_chats' }] });
      await settle(plain);
      expect(plain.pushes('groups_status_updated').filter((f) => (f.payload as Groups).groups.some((g) => g.id === vip))).toEqual([]);
    });
  });

  describe('list_group_statuses', () => {
    it('needs all or group_ids (validation), over RTM, Web and lc-sdk-js', async () => {
      const c = await connectCustomer(server);
      expect((await c.rtm.request('list_group_statuses', {})).payload.error?.type).toBe('validation');
      expect(await c.web('list_group_statuses', {})).toMatchObject({ status: 400, body: { error: { type: 'validation' } } });
      expect(await c.web('list_group_statuses', { all: true })).toEqual({ status: 200, body: { groups_status: { 0: 'offline' } } });
      expect(await sdkCustomerWeb(sdk, server, c.token).listGroupStatuses(true)).toEqual({ groups_status: { 0: 'offline' } });
    });
  });

  describe('get_predicted_agent', () => {
    it('names the agent a new chat would get; group_offline when nobody accepts, group_unavailable when everyone is full', async () => {
      const c = await connectCustomer(server);
      expect((await c.rtm.request('get_predicted_agent', {})).payload.error?.type).toBe('group_offline');
      expect(await c.web('get_predicted_agent', {})).toMatchObject({ status: 422, body: { error: { type: 'group_offline' } } });
      expect(await c.web('get_predicted_agent', { group_id: 404 })).toMatchObject({ status: 404, body: { error: { type: 'group_not_found' } } });

      const { token } = await server.built.platform.agents.create(1, { id: 'lea@example.com', name: 'Lea', jobTitle: 'Support', maxChats: 1 });
      await agentFor(server, 'lea@example.com', token).connect();
      const predicted = { agent: { id: 'lea@example.com', name: 'Lea', avatar: '', is_bot: false, job_title: 'Support', type: 'agent' }, queue: false };
      expect(await c.rtm.call('get_predicted_agent', {})).toEqual(predicted);
      expect(await c.web('get_predicted_agent', { group_id: 0 })).toEqual({ status: 200, body: predicted });
      expect(await sdkCustomerWeb(sdk, server, c.token).getPredictedAgent()).toEqual(predicted);
      // The prediction comes true.
      const { chat_id } = await c.rtm.call<{ chat_id: string }>('start_chat', {});
      const chat = (await c.rtm.call<{ users: { id: string; type: string; present: boolean }[] }>('get_chat', { chat_id }));
      expect(chat.users.filter((u) => u.type === 'agent' && u.present).map((u) => u.id)).toEqual(['lea@example.com']);

      expect(await c.web('get_predicted_agent', {})).toMatchObject({ status: 422, body: { error: { type: 'group_unavailable' } } });
    });
  });
});
