import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTraffic } from '../testing/clusterTraffic.js';
import { startCluster, type Cluster } from '../testing/services/cluster.js';
import { startTcpBalancer, type TcpBalancer } from '../testing/services/tcpBalancer.js';
import { connectCustomer, ownerAgent } from '../testing/testClients.js';

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
    it('moves its customers and agents to the other node; each has every acknowledged event (live, or by the resync after its reconnect), no gap, no duplicate; the restarted node rejoins', async () => {
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
