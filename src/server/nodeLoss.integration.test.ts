import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { ChatEvent } from '../protocol/entities.js';
import { agentDialect, patTokenSource, type AgentFlavour } from '../rtm/agentFlavour.js';
import { CookieIdentityProvider } from '../rtm/identity.js';
import { fetchMissedThreads } from '../rtm/resync.js';
import { RtmClient, type ConnectionState } from '../rtm/RtmClient.js';
import type { SocketLike } from '../rtm/socket.js';
import { memoryStorage } from '../rtm/storage.js';
import type { Credentials } from './bootstrap.js';
import { startCluster, type Cluster } from '../testing/services/cluster.js';
import { startTcpBalancer, type TcpBalancer } from '../testing/services/tcpBalancer.js';
import { connectCustomer, ownerAgent } from '../testing/testClients.js';

const socketFactory = (address: string) => new WebSocket(address) as unknown as SocketLike;
const reconnect = { minDelayMs: 100, maxDelayMs: 500 };

/** What one client saw: events pushed live (with how often), and the event ids its sends were acknowledged with. */
class Seen {
  readonly pushed = new Map<string, number>();
  readonly acked = new Map<string, string>();
  push(event: ChatEvent): void { this.pushed.set(event.id, (this.pushed.get(event.id) ?? 0) + 1); }
}

/** Sends `custom_id`-keyed messages until `stop()`; a send whose answer was lost is sent again with the same custom_id. */
function sendUntilStopped(send: (text: string) => Promise<string>, seen: Seen, prefix: string) {
  let stopped = false;
  let n = 0;
  const done = (async () => {
    while (!stopped) {
      const text = `${prefix}-${n}`;
      try {
        seen.acked.set(await send(text), text);
        n += 1;
      } catch {
        await new Promise((r) => setTimeout(r, 50));
      }
    }
  })();
  return { count: () => n, stop: async () => { stopped = true; await done; } };
}

/**
 * Real clients (`RtmClient`) behind the balancer: the owner agent and `count` customers, each
 * customer in a chat of its own, and both sides of every chat sending without pause.
 */
async function startTraffic(balancer: TcpBalancer, credentials: Credentials, count = 4) {
  const org = credentials.organization_id;
  const states: ConnectionState[] = [];
  let logins = 0;
  const agentSeen = new Seen();
  const agent = new RtmClient<AgentFlavour>({
    url: `${balancer.wsUrl}/v3.5/agent/rtm/ws`, socketFactory, reconnect, dialect: agentDialect('Basic'),
    identity: patTokenSource(credentials.owner.id, credentials.owner.personal_access_token),
  });
  agent.onPush('incoming_event', ({ event }) => agentSeen.push(event as ChatEvent));
  agent.onLogin(() => { logins += 1; });
  agent.onStateChange((s) => states.push(s));
  agent.connect();
  await vi.waitFor(() => expect(agent.state).toBe('connected'), { timeout: 10_000 });

  const customers = Array.from({ length: count }, () => {
    const client = new RtmClient({
      url: `${balancer.wsUrl}/v3.5/customer/rtm/ws?organization_id=${org}`, socketFactory, reconnect,
      identity: new CookieIdentityProvider({ apiUrl: balancer.url, organizationId: org, clientId: 'switchboard-widget', storage: memoryStorage() }),
    });
    const seen = new Seen();
    client.onPush('incoming_event', ({ event }) => seen.push(event));
    client.onLogin(() => { logins += 1; });
    client.onStateChange((s) => states.push(s));
    client.connect();
    return { client, seen, chatId: '', threadId: '' };
  });
  for (const c of customers) {
    await vi.waitFor(() => expect(c.client.state).toBe('connected'), { timeout: 10_000 });
    const started = await c.client.request('start_chat', { chat: { thread: { events: [{ type: 'message', text: 'hello' }] } } });
    Object.assign(c, { chatId: started.chat_id, threadId: started.thread_id });
  }
  const senders = customers.flatMap((c, i) => [
    sendUntilStopped(async (text) => (await c.client.request('send_event', { chat_id: c.chatId, event: { type: 'message', text, custom_id: text } })).event_id, c.seen, `c${i}`),
    sendUntilStopped(async (text) => (await agent.request('send_event', { chat_id: c.chatId, event: { type: 'message', text, custom_id: text } })).event_id, agentSeen, `a${i}`),
  ]);

  return {
    states,
    logins: () => logins,
    /** Resolves once every sender (on whichever node) had `n` more sends acknowledged. */
    async everySenderProgresses(n: number): Promise<void> {
      const from = senders.map((s) => s.count());
      await vi.waitFor(() => senders.forEach((s, i) => expect(s.count()).toBeGreaterThanOrEqual(from[i]! + n)), { timeout: 30_000, interval: 20 });
    },
    stop: () => Promise.all(senders.map((s) => s.stop())),

    /**
     * After each customer's resync (src/rtm/resync.ts) and the agent's list_threads: every
     * acknowledged send is stored once, each customer holds exactly the stored events it may see,
     * and nobody got a push twice.
     */
    async expectNothingLostOrDoubled(): Promise<void> {
      const everyStored = new Set<string>();
      for (const c of customers) {
        const known = new Set([...c.seen.pushed.keys(), ...c.seen.acked.keys()]);
        const { threads } = await fetchMissedThreads(c.client, c.chatId, new Set([c.threadId]));
        for (const thread of threads) for (const event of thread.events) known.add(event.id);
        const { threads: all } = await agent.request('list_threads', { chat_id: c.chatId, sort_order: 'asc', limit: 100 });
        const stored = all.flatMap((t) => t.events as ChatEvent[]);
        for (const e of stored) everyStored.add(e.id);
        expect(new Set(stored.map((e) => e.id)).size).toBe(stored.length);
        const customIds = stored.flatMap((e) => ('custom_id' in e && e.custom_id ? [e.custom_id] : []));
        expect(new Set(customIds).size).toBe(customIds.length);
        // Customers do not see agent-only events.
        const visible = stored.filter((e) => (e as { visibility?: string }).visibility !== 'agents').map((e) => e.id);
        expect([...known].sort()).toEqual(visible.sort());
        expect([...c.seen.pushed.values()].every((times) => times === 1)).toBe(true);
      }
      for (const c of customers) for (const id of c.seen.acked.keys()) expect(everyStored.has(id)).toBe(true);
      for (const id of [...agentSeen.acked.keys(), ...agentSeen.pushed.keys()]) expect(everyStored.has(id)).toBe(true);
      expect([...agentSeen.pushed.values()].every((times) => times === 1)).toBe(true);
    },

    dispose(): void {
      agent.dispose();
      for (const c of customers) c.client.dispose();
    },
  };
}

describe('Two PostgreSQL+Redis nodes behind a balancer (#12)', () => {
  let cluster: Cluster;
  let balancer: TcpBalancer;

  beforeAll(async () => {
    cluster = await startCluster({ count: 2 });
    balancer = await startTcpBalancer(cluster.nodes.map((n) => n.port));
  }, 60_000);

  afterAll(async () => {
    await balancer?.close();
    await cluster?.close();
  });

  describe('kill -9 of one node under load', () => {
    it('moves its customers and agents to the other node; after the resync each has every acknowledged event, no gap, no duplicate; the restarted node rejoins', async () => {
      const traffic = await startTraffic(balancer, cluster.nodes[0]!.credentials);
      await traffic.everySenderProgresses(10);
      const loginsBefore = traffic.logins();
      await cluster.nodes[0]!.kill();
      // Every sender, those that were on the dead node too, is back (through the balancer, on the live node).
      await traffic.everySenderProgresses(10);
      await traffic.stop();
      // The balancer's first connection, the agent's, went to the killed node: at least it logged in again.
      expect(traffic.logins()).toBeGreaterThan(loginsBefore);
      await traffic.expectNothingLostOrDoubled();
      traffic.dispose();

      // The killed node starts again and serves: a customer on it converses with an agent on the other node.
      const restarted = await cluster.restart(0);
      balancer.setBackends(cluster.nodes.map((n) => n.port));
      const newcomer = await connectCustomer(restarted);
      const { chat_id: chatId } = await newcomer.rtm.call<{ chat_id: string }>('start_chat', { chat: { thread: { events: [{ type: 'message', text: 'after restart' }] } } });
      const onB = await ownerAgent(cluster.nodes[1]!).connect();
      await onB.call('send_event', { chat_id: chatId, event: { type: 'message', text: 'welcome back' } });
      await newcomer.rtm.push('incoming_event', (p) => (p.event as { text?: string }).text === 'welcome back');
      await newcomer.rtm.call('send_event', { chat_id: chatId, event: { type: 'message', text: 'thanks' } });
      await onB.push('incoming_event', (p) => (p.event as { text?: string }).text === 'thanks');
      newcomer.rtm.close();
      onB.close();
    }, 120_000);
  });
});
