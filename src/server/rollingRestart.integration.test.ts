import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTraffic } from '../testing/clusterTraffic.js';
import { startCluster, type Cluster } from '../testing/services/cluster.js';
import type { NodeProcess } from '../testing/services/nodeProcess.js';
import { startTcpBalancer, type TcpBalancer } from '../testing/services/tcpBalancer.js';
import { ownerAgent } from '../testing/testClients.js';

/**
 * The owner's routing status as `node` reports it, asked again 25 ms after each answer, until
 * `stop()`, which resolves with every status seen.
 */
function watchRoutingStatus(node: NodeProcess) {
  const seen: string[] = [];
  let stopped = false;
  const owner = ownerAgent(node);
  const done = (async () => {
    while (!stopped) {
      const { status, body } = await owner.web<{ agent_id: string; status: string }[]>('list_routing_statuses');
      expect(status).toBe(200);
      seen.push(body.find((s) => s.agent_id === owner.id)?.status ?? 'missing');
      // Below the Web API's 50 requests/s per agent (WEB_RATE_PER_SECOND).
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  })();
  return { stop: async () => { stopped = true; await done; return seen; } };
}

describe('Two PostgreSQL+Redis nodes behind a balancer (#18, #12)', () => {
  let cluster: Cluster;
  let balancer: TcpBalancer;

  beforeAll(async () => {
    cluster = await startCluster({ count: 2, env: { AGENT_OFFLINE_GRACE_MS: '4000' } });
    balancer = await startTcpBalancer(cluster.nodes.map((n) => n.port), { healthCheckMs: 100 });
  }, 60_000);

  afterAll(async () => {
    await balancer?.close();
    await cluster?.close();
  });

  describe('rolling restart under load (SIGTERM, restart, ready; then the other node)', () => {
    it('moves every client to the node that stays; after the resync each has every acknowledged event once, no gap; the agent stays accepting chats', async () => {
      const traffic = await startTraffic(balancer, cluster.nodes[0]!.credentials);
      await traffic.everySenderProgresses(10);

      for (const [i, other] of [[0, 1], [1, 0]] as const) {
        const port = cluster.nodes[i]!.port;
        const otherPort = cluster.nodes[other]!.port;
        const servedByOther = balancer.served.get(otherPort) ?? 0;
        const loginsBefore = traffic.logins();
        const agentLoginsBefore = traffic.agentLogins();
        const watcher = watchRoutingStatus(cluster.nodes[other]!);

        // Drain: exits 0 once what it acknowledged is answered and its clients were told to move on.
        expect(await cluster.nodes[i]!.stop()).toBe(0);
        // While it is away, every sender carries on through the other node.
        await traffic.everySenderProgresses(5);
        expect(traffic.logins()).toBeGreaterThan(loginsBefore);
        // The agent's first connection went to node 0, its second to node 1: it moved both times.
        expect(traffic.agentLogins()).toBeGreaterThan(agentLoginsBefore);
        expect(balancer.served.get(otherPort)!).toBeGreaterThan(servedByOther);

        // The process manager starts it again on its address; it answers /readyz before the next node goes.
        const restarted = await cluster.restart(i);
        expect(restarted.port).toBe(port);
        expect((await fetch(`${restarted.url}/readyz`)).status).toBe(200);
        await traffic.everySenderProgresses(5);

        // Seen from the node that stayed, the agent never left routing while its connection moved.
        const statuses = await watcher.stop();
        expect(statuses.length).toBeGreaterThan(0);
        expect(new Set(statuses)).toEqual(new Set(['accepting_chats']));
      }

      await traffic.stop();
      // Nor did any node announce a change of its routing status.
      expect(traffic.routingStatuses.filter((s) => s.agent_id === cluster.nodes[0]!.credentials.owner.id)).toEqual([]);
      expect(traffic.states).toContain('reconnecting');
      expect(traffic.states).not.toContain('disconnected');
      // Both nodes served client connections.
      for (const node of cluster.nodes) expect(balancer.served.get(node.port) ?? 0).toBeGreaterThan(0);
      await traffic.expectNothingLostOrDoubled();
      traffic.dispose();
    }, 120_000);
  });
});
