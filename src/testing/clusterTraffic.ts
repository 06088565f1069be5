import WebSocket from 'ws';
import { expect, vi } from 'vitest';
import type { ChatEvent } from '../protocol/entities.js';
import { agentDialect, patTokenSource, type AgentFlavour } from '../rtm/agentFlavour.js';
import { CookieIdentityProvider } from '../rtm/identity.js';
import { fetchMissedThreads } from '../rtm/resync.js';
import { RtmClient, type ConnectionState } from '../rtm/RtmClient.js';
import { RtmError } from '../rtm/RtmError.js';
import type { SocketLike } from '../rtm/socket.js';
import { memoryStorage } from '../rtm/storage.js';
import type { Credentials } from '../server/bootstrap.js';

const socketFactory = (address: string) => new WebSocket(address) as unknown as SocketLike;
const reconnect = { minDelayMs: 100, maxDelayMs: 500 };

/**
 * What one client saw: events pushed live (with how often), events read by its resync after a
 * reconnect, and the event ids its sends were acknowledged with.
 */
class Seen {
  readonly pushed = new Map<string, number>();
  readonly resynced = new Set<string>();
  readonly acked = new Map<string, string>();
  push(event: { id: string }): void { this.pushed.set(event.id, (this.pushed.get(event.id) ?? 0) + 1); }
  known(): Set<string> { return new Set([...this.pushed.keys(), ...this.resynced, ...this.acked.keys()]); }
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
 * `request` again while it fails with a transient error: right after the senders stop, a
 * connection's rate budget is spent (`too_many_requests`), and a real client waits and retries.
 */
async function patiently<T>(request: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await request();
    } catch (err) {
      if (!(err instanceof RtmError) || !err.transient || attempt >= 20) throw err;
      await new Promise((r) => setTimeout(r, 250));
    }
  }
}

export type ClusterTraffic = Awaited<ReturnType<typeof startTraffic>>;

/**
 * Real clients (`RtmClient`) behind a balancer at `wsUrl`/`url`: the owner agent and `count`
 * customers, each customer in a chat of its own, and both sides of every chat sending without
 * pause, until `stop()`. `expectNothingLostOrDoubled()` then checks what every client holds.
 */
export async function startTraffic(balancer: { url: string; wsUrl: string }, credentials: Credentials, count = 4) {
  const org = credentials.organization_id;
  const states: ConnectionState[] = [];
  let logins = 0;
  let agentLogins = 0;
  const resyncs = new Set<Promise<void>>();
  /** Runs a client's resync in the background, as the widget and console do after a login. */
  const resyncInBackground = (work: () => Promise<void>) => {
    const done = work().finally(() => resyncs.delete(done));
    resyncs.add(done);
  };

  const agentSeen = new Seen();
  const agent = new RtmClient<AgentFlavour>({
    url: `${balancer.wsUrl}/v3.5/agent/rtm/ws`, socketFactory, reconnect, dialect: agentDialect('Basic'),
    identity: patTokenSource(credentials.owner.id, credentials.owner.personal_access_token),
  });
  const customers: { client: RtmClient; seen: Seen; chatId: string; threadId: string }[] = [];
  /** The agent's view of every chat so far: all events of each, as the console loads them. */
  const agentResync = async () => {
    for (const c of customers) {
      const { threads } = await patiently(() => agent.request('list_threads', { chat_id: c.chatId, sort_order: 'asc', limit: 100 }));
      for (const thread of threads) for (const event of thread.events) agentSeen.resynced.add(event.id);
    }
  };
  agent.onPush('incoming_event', ({ event }) => agentSeen.push(event as ChatEvent));
  const routingStatuses: { agent_id: string; status: string }[] = [];
  agent.onPush('routing_status_set', (payload) => routingStatuses.push(payload));
  agent.onLogin(() => {
    logins += 1;
    agentLogins += 1;
    if (agentLogins > 1) resyncInBackground(agentResync);
  });
  agent.onStateChange((s) => states.push(s));
  agent.connect();
  await vi.waitFor(() => expect(agent.state).toBe('connected'), { timeout: 10_000 });

  for (let i = 0; i < count; i++) {
    const client = new RtmClient({
      url: `${balancer.wsUrl}/v3.5/customer/rtm/ws?organization_id=${org}`, socketFactory, reconnect,
      identity: new CookieIdentityProvider({ apiUrl: balancer.url, organizationId: org, clientId: 'switchboard-widget', storage: memoryStorage() }),
    });
    const c = { client, seen: new Seen(), chatId: '', threadId: '' };
    const resync = async () => {
      const { threads } = await patiently(() => fetchMissedThreads(client, c.chatId, new Set([c.threadId])));
      for (const thread of threads) for (const event of thread.events) c.seen.resynced.add(event.id);
    };
    let customerLogins = 0;
    client.onPush('incoming_event', ({ event }) => c.seen.push(event));
    client.onLogin(() => {
      logins += 1;
      customerLogins += 1;
      if (customerLogins > 1) resyncInBackground(resync);
    });
    client.onStateChange((s) => states.push(s));
    client.connect();
    await vi.waitFor(() => expect(client.state).toBe('connected'), { timeout: 10_000 });
    const started = await client.request('start_chat', { chat: { thread: { events: [{ type: 'message', text: 'hello' }] } } });
    Object.assign(c, { chatId: started.chat_id, threadId: started.thread_id });
    customers.push(c);
    // The widget shows the chat it started: what the start wrote (the first message, the agent joining).
    await resync();
  }
  await agentResync();
  const senders = customers.flatMap((c, i) => [
    sendUntilStopped(async (text) => (await c.client.request('send_event', { chat_id: c.chatId, event: { type: 'message', text, custom_id: text } })).event_id, c.seen, `c${i}`),
    sendUntilStopped(async (text) => (await agent.request('send_event', { chat_id: c.chatId, event: { type: 'message', text, custom_id: text } })).event_id, agentSeen, `a${i}`),
  ]);

  return {
    states,
    logins: () => logins,
    agentLogins: () => agentLogins,
    /** The `routing_status_set` pushes the agent received, in order. */
    routingStatuses,
    /** Resolves once every sender (on whichever node) had `n` more sends acknowledged. */
    async everySenderProgresses(n: number): Promise<void> {
      const from = senders.map((s) => s.count());
      await vi.waitFor(() => senders.forEach((s, i) => expect(s.count()).toBeGreaterThanOrEqual(from[i]! + n)), { timeout: 30_000, interval: 20 });
    },
    stop: () => Promise.all(senders.map((s) => s.stop())),

    /**
     * Once the senders stopped: every acknowledged send is stored once (one event per
     * `custom_id`), and every client holds exactly the stored events it may see, each received
     * live or by the resync after one of its reconnects (none made up for the check), and none
     * pushed twice. A unit a killed node committed but had not published reaches the other node's
     * clients live, recovered from the store (fanout/chatPushOrder.ts). Waits for the last pushes.
     */
    async expectNothingLostOrDoubled(): Promise<void> {
      while (resyncs.size > 0) await Promise.all(resyncs);
      const storedOf = new Map<string, ChatEvent[]>();
      for (const c of customers) {
        const { threads } = await patiently(() => agent.request('list_threads', { chat_id: c.chatId, sort_order: 'asc', limit: 100 }));
        const stored = threads.flatMap((t) => t.events as ChatEvent[]);
        expect(new Set(stored.map((e) => e.id)).size).toBe(stored.length);
        const customIds = stored.flatMap((e) => ('custom_id' in e && e.custom_id ? [e.custom_id] : []));
        expect(new Set(customIds).size).toBe(customIds.length);
        storedOf.set(c.chatId, stored);
      }
      const everyStored = [...storedOf.values()].flat().map((e) => e.id).sort();
      for (const c of customers) {
        // Customers do not see agent-only events.
        const visible = storedOf.get(c.chatId)!.filter((e) => (e as { visibility?: string }).visibility !== 'agents').map((e) => e.id).sort();
        await vi.waitFor(() => expect([...c.seen.known()].sort()).toEqual(visible), { timeout: 10_000 });
        expect([...c.seen.pushed.values()].every((times) => times === 1)).toBe(true);
      }
      await vi.waitFor(() => expect([...agentSeen.known()].sort()).toEqual(everyStored), { timeout: 10_000 });
      expect([...agentSeen.pushed.values()].every((times) => times === 1)).toBe(true);
    },

    dispose(): void {
      agent.dispose();
      for (const c of customers) c.client.dispose();
    },
  };
}
