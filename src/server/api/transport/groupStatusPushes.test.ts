import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { connectCustomer } from '../../../testing/testClients.js';
import { startTestServer, type TestServer } from '../../../testing/testServer.js';
import type { GroupAvailability } from '../../domain/agents/groupAvailability.js';
import type { DomainEvent } from '../../domain/domainEvents.js';
import { GroupStatusPushes } from './groupStatusPushes.js';

let server: TestServer;
beforeEach(async () => {
  server = await startTestServer();
  await server.ownerAcceptsChats();
  // The pushes under test are the only ones: the server's own instance stops observing.
  server.built.groupStatuses.close();
});
afterEach(async () => { await server.close(); });

const routingStatusSet: DomainEvent = { kind: 'license_push', licenseId: 1, name: 'routing_status_set', payload: {} };

/** A GroupStatusPushes over the server's real availability and connections, counting its reads. */
async function countingPushes(beforeAnswer: (read: number) => Promise<void> = async () => undefined) {
  const counter = { reads: 0 };
  const errors: unknown[] = [];
  let primed = false;
  const pushes = new GroupStatusPushes(async (licenseId): Promise<GroupAvailability[]> => {
    const read = ++counter.reads;
    const answer = await server.built.platform.licenses.availability(licenseId);
    if (primed) await beforeAnswer(read);
    return answer;
  }, server.built.registry, (err) => errors.push(err));
  await pushes.prime(1);
  primed = true;
  counter.reads = 0;
  return { pushes, counter, errors };
}

const setOwnerStatus = (status: 'accepting_chats' | 'not_accepting_chats') => server.built.platform.agents.setRoutingStatus(1, server.credentials.owner.id, status, server.built.platform.router);

describe('GroupStatusPushes', () => {
  describe('observe()', () => {
    it('reads availability once for all the changes of one turn and pushes the state after them (#17)', async () => {
      const customer = await connectCustomer(server);
      const { pushes, counter, errors } = await countingPushes();
      await setOwnerStatus('not_accepting_chats');
      await setOwnerStatus('accepting_chats');
      await setOwnerStatus('not_accepting_chats');
      for (let i = 0; i < 50; i++) pushes.observe(routingStatusSet);
      await pushes.idle();
      await customer.rtm.call('ping');

      expect(counter.reads).toBe(1);
      expect(errors).toEqual([]);
      expect(customer.rtm.pushes('groups_status_updated').map((f) => f.payload)).toEqual([{ groups: [{ id: 0, status: 'offline' }] }]);
      customer.rtm.close();
    });

    it('reads again after a change observed during a read, so the last state is pushed (#17)', async () => {
      const customer = await connectCustomer(server);
      const { pushes, counter, errors } = await countingPushes(async (read) => {
        if (read !== 1) return;
        // The first read has its answer (offline); the owner comes back before it is pushed.
        await setOwnerStatus('accepting_chats');
        pushes.observe(routingStatusSet);
      });
      await setOwnerStatus('not_accepting_chats');
      pushes.observe(routingStatusSet);
      await pushes.idle();
      await customer.rtm.call('ping');

      expect(counter.reads).toBe(2);
      expect(errors).toEqual([]);
      expect(customer.rtm.pushes('groups_status_updated').map((f) => f.payload)).toEqual([
        { groups: [{ id: 0, status: 'offline' }] },
        { groups: [{ id: 0, status: 'online' }] },
      ]);
      customer.rtm.close();
    });

    it('ignores events that do not move availability', async () => {
      const { pushes, counter } = await countingPushes();
      pushes.observe({ ...routingStatusSet, name: 'incoming_typing_indicator' } as DomainEvent);
      await pushes.idle();
      expect(counter.reads).toBe(0);
    });
  });
});
