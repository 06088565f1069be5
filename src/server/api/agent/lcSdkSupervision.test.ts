import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectCustomer, createTestAgent, ownerAgent, type TestAgent } from '../../../testing/testClients.js';
import { closeSdkRtm, loadSdkOverPlainTransport, sdkAgentRtm, sdkAgentWeb, type AgentWebApi, type Sdk } from '../../../testing/lcSdk.js';
import { startAcceptingServer } from '../../../testing/acceptingServer.js';
import type { TestServer } from '../../../testing/testServer.js';

let server: TestServer;
let sdk: Sdk;
const sdkWeb = (agent: TestAgent): AgentWebApi => sdkAgentWeb(sdk, server, agent);

beforeAll(async () => {
  sdk = loadSdkOverPlainTransport();
  server = await startAcceptingServer();
});
afterAll(async () => { await server.close(); });

describe('@livechat/lc-sdk-js: availability, routing and supervision', () => {
  it('followChat / unfollowChat over RTM and Web; the follower gets the chat\'s events and chat_unfollowed on its other connection', async () => {
    const fay = await createTestAgent(server, 'fay@example.com');
    const rtm = await sdkAgentRtm(sdk, server, fay, ['incoming_event', 'chat_unfollowed']);
    const other = await sdkAgentRtm(sdk, server, fay, ['chat_unfollowed']);
    await rtm.rtm.setRoutingStatus('not_accepting_chats' as never);
    const c = await connectCustomer(server);
    const { chat_id } = await c.rtm.call<{ chat_id: string }>('start_chat', {});

    await rtm.rtm.followChat(chat_id);
    const { event_id } = await c.rtm.call<{ event_id: string }>('send_event', { chat_id, event: { type: 'message', text: 'followed' } });
    expect((await rtm.next('incoming_event', (p) => p.event.id === event_id)).payload.chat_id).toBe(chat_id);
    await rtm.rtm.unfollowChat(chat_id);
    expect((await other.next('chat_unfollowed')).payload).toEqual({ chat_id });

    await sdkWeb(fay).followChat(chat_id);
    expect(((await sdkWeb(fay).getChat(chat_id)) as { is_followed: boolean }).is_followed).toBe(true);
    await sdkWeb(fay).unfollowChat(chat_id);
    expect(((await sdkWeb(fay).getChat(chat_id)) as { is_followed: boolean }).is_followed).toBe(false);
    await expect(sdkWeb(fay).followChat('NOSUCHCHAT')).rejects.toMatchObject({ type: 'not_found' });
    closeSdkRtm(rtm.rtm);
    closeSdkRtm(other.rtm);
  });

  it('listAgentsForTransfer, then transferChat to several agents; setAwayStatus takes an agent out of routing', async () => {
    const gil = await createTestAgent(server, 'gil@example.com');
    const hal = await createTestAgent(server, 'hal@example.com');
    const g = await sdkAgentRtm(sdk, server, gil, ['incoming_chat', 'routing_status_set']);
    const h = await sdkAgentRtm(sdk, server, hal, ['incoming_chat']);
    await g.rtm.setRoutingStatus('not_accepting_chats' as never);
    await h.rtm.setRoutingStatus('not_accepting_chats' as never);
    const c = await connectCustomer(server);
    const { chat_id } = await c.rtm.call<{ chat_id: string }>('start_chat', {});
    const owner = ownerAgent(server);

    const candidates = (await sdkWeb(owner).listAgentsForTransfer(chat_id)) as { agent_id: string; total_active_chats: number }[];
    expect(candidates.filter((a) => [gil.id, hal.id].includes(a.agent_id))).toEqual([
      { agent_id: gil.id, total_active_chats: 0 },
      { agent_id: hal.id, total_active_chats: 0 },
    ]);
    expect(await g.rtm.listAgentsForTransfer(chat_id)).toEqual(candidates);

    await h.rtm.setRoutingStatus('accepting_chats' as never);
    await sdkWeb(owner).transferChat(chat_id, { target: { type: 'agent', ids: [gil.id, hal.id] } } as never);
    const incoming = await h.next('incoming_chat', (p) => p.chat.id === chat_id && p.transferred_from);
    expect(incoming.payload.transferred_from).toEqual({ group_ids: [0], agent_ids: [server.credentials.owner.id] });

    // Gil accepts chats, then its only connection goes away.
    await g.rtm.setRoutingStatus('accepting_chats' as never);
    await g.next('routing_status_set', (p) => p.agent_id === gil.id && p.status === 'accepting_chats');
    g.seen.splice(0); // only pushes from now on
    await g.rtm.setAwayStatus(true);
    await g.next('routing_status_set', (p) => p.agent_id === gil.id && p.status === 'not_accepting_chats');
    closeSdkRtm(g.rtm);
    closeSdkRtm(h.rtm);
  });
});
