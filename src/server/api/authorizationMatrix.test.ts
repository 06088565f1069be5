import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { agentFor, connectCustomer, createTestAgent, ownerAgent, RawRtm, type TestAgent, type TestCustomer } from '../../testing/testClients.js';
import { configWeb } from '../../testing/configClient.js';
import { SmtpReceiver } from '../../testing/smtpReceiver.js';
import { startAcceptingServer } from '../../testing/acceptingServer.js';
import type { TestServer } from '../../testing/testServer.js';
import { agentActions } from './agent/actions.js';
import { agentCells, customerCells, statusOf, type Cell, type Target } from './authorizationCells.js';
import { customerActions } from './customer/actions.js';
import { findAction } from './transport/actionRouter.js';

type Reply = { status: number; type?: string; body: Record<string, unknown> };
type Caller = (action: string, payload: Record<string, unknown>) => Promise<Reply>;

let server: TestServer;
let outsider: TestAgent;
let outsiderRtm: RawRtm;
let stranger: TestAgent;
let strangerRtm: RawRtm;
let intruder: TestCustomer;
let botId: string;
let victim: TestCustomer;
let target: Omit<Target, 'me'>;
/** The agent action table, built once: the tests only read which actions it has and on which transport. */
let agentTable: ReturnType<typeof agentActions>;

/** A customer with an archived chat and an active one holding one message; the owner is assigned. */
async function customerWithChats(): Promise<{ customer: TestCustomer; target: Omit<Target, 'me'> }> {
  const customer = await connectCustomer(server);
  const old = await customer.rtm.call<{ chat_id: string }>('start_chat', { chat: { thread: { events: [{ type: 'message', text: 'old' }] } } });
  await customer.rtm.call('deactivate_chat', { id: old.chat_id });
  const now = await customer.rtm.call<{ chat_id: string; thread_id: string; event_ids: string[] }>('start_chat', { chat: { thread: { events: [{ type: 'message', text: 'private' }] } } });
  return {
    customer,
    target: { chatId: now.chat_id, threadId: now.thread_id, eventId: now.event_ids[0]!, archivedChatId: old.chat_id, customerId: customer.id, ownerId: server.credentials.owner.id, botId },
  };
}

const viaWeb = (web: (a: string, p: unknown) => Promise<{ status: number; body: unknown }>): Caller => async (action, payload) => {
  const res = await web(action, payload);
  const body = res.body as Record<string, unknown> & { error?: { type: string } };
  return { status: res.status, body, ...(body.error ? { type: body.error.type } : {}) };
};

const viaRtm = (rtm: RawRtm, extra: Record<string, unknown> = {}): Caller => async (action, payload) => {
  const f = await rtm.request(action, payload, extra);
  return { status: f.success ? 200 : statusOf(f.payload.error?.type ?? ''), body: f.payload, ...(f.payload.error ? { type: f.payload.error.type } : {}) };
};

/** Runs one cell; `refusal` overrides the cell's own (across organizations everything is not_found). */
async function expectCell(call: Caller, action: string, cell: Cell, me: string, refusal?: string): Promise<void> {
  if ('open' in cell) return;
  const t = { ...target, me };
  const res = await call(action, cell.payload(t));
  if ('refused' in cell) {
    const type = refusal ?? cell.refused;
    expect({ action, status: res.status, type: res.type }).toEqual({ action, status: statusOf(type), type });
  } else {
    expect({ action, status: res.status }).toEqual({ action, status: 200 });
    cell.scoped(res.body, t);
  }
}

let smtp: SmtpReceiver;
beforeAll(async () => {
  // A real SMTP receiver, so that send_transcript's control run on the customer's own chat succeeds.
  smtp = await SmtpReceiver.start();
  server = await startAcceptingServer({ config: { smtp: { url: smtp.url, from: 'Support <support@shop.example>' } } });
  const p = server.built.platform;
  // Room for resume_chat beside an active chat, for the customers' own control runs.
  await p.licenses.update(1, 'agent', { routing: { max_customer_chats_count: 5 } });
  const { id: sales } = await p.groups.create(1, { name: 'Sales' });
  const { token } = await p.agents.create(1, { id: 'outsider@example.com', name: 'Outsider', groups: [{ id: sales, priority: 'normal' }] });
  outsider = agentFor(server, 'outsider@example.com', token);
  outsiderRtm = await outsider.connect();
  botId = (await p.bots.create(1, 'client-x', { name: 'Client X bot', groups: [{ id: 0, priority: 'normal' }] })).id;
  await p.uow.run((tx) => tx.insertLicense({ id: 2, organizationId: randomUUID(), createdAt: p.clock.now() }));
  stranger = await createTestAgent(server, 'stranger@other.example', { licenseId: 2, role: 'owner' });
  strangerRtm = await stranger.connect();
  ({ customer: victim, target } = await customerWithChats());
  for (const name of ['vip', 'intrusion']) await configWeb(server, 'create_tag', { name, group_ids: [0] });
  await ownerAgent(server).web('tag_thread', { chat_id: target.chatId, thread_id: target.threadId, tag: 'vip' });
  intruder = await connectCustomer(server);
  agentTable = agentActions(p, server.built.agentSessions);
});
afterAll(async () => {
  for (const rtm of [outsiderRtm, strangerRtm, victim.rtm, intruder.rtm]) rtm.close();
  await server.close();
  await smtp.close();
});

describe('authorization matrix (#11)', () => {
  describe('cells', () => {
    it('has a cell for every action of the Customer and Agent Chat APIs', () => {
      expect(Object.keys(customerCells).sort()).toEqual(Object.keys(customerActions(server.built.platform)).sort());
      expect(Object.keys(agentCells).sort()).toEqual(Object.keys(agentTable).sort());
    });
  });

  describe('customer × another customer\'s chat', () => {
    for (const [action, cell] of Object.entries(customerCells)) {
      if ('open' in cell) continue;
      it(`${action}: ${'refused' in cell ? cell.refused : 'only own things'} over RTM and Web`, async () => {
        await expectCell(viaRtm(intruder.rtm), action, cell, intruder.id);
        await expectCell(viaWeb(intruder.web), action, cell, intruder.id);
      });
    }

    it('the refused payloads work for the chat\'s own customer', async () => {
      for (const [action, cell] of Object.entries(customerCells)) {
        // A postback needs a rich message with that button: its payload is checked by messaging tests.
        if (!('refused' in cell) || action === 'send_rich_message_postback') continue;
        const own = await customerWithChats();
        const res = await own.customer.web(action, cell.payload({ ...own.target, me: own.customer.id }));
        expect({ action, status: res.status }).toEqual({ action, status: 200 });
        own.customer.rtm.close();
      }
    });

    it('keeps uploads of a foreign chat out of reach: file URLs of unknown ids are not_found', async () => {
      const res = await fetch(`${server.url}/files/${randomUUID()}/secret.pdf`);
      expect({ status: res.status, body: await res.json() }).toMatchObject({ status: 404, body: { error: { type: 'not_found' } } });
    });
  });

  describe('normal agent of another group × a group 0 chat', () => {
    for (const [action, cell] of Object.entries(agentCells)) {
      if ('open' in cell) continue;
      it(`${action}: ${'refused' in cell ? cell.refused : 'only reachable things'} over RTM and Web`, async () => {
        await expectCell(viaRtm(outsiderRtm), action, cell, outsider.id);
        await expectCell(viaWeb(outsider.web), action, cell, outsider.id);
      });
    }

    it('the refused payloads work for the owner, who reaches every chat', async () => {
      const owner = ownerAgent(server);
      for (const [action, cell] of Object.entries(agentCells)) {
        if (!('refused' in cell) || action === 'send_rich_message_postback') continue;
        const own = await customerWithChats();
        const res = await owner.web(action, cell.payload({ ...own.target, me: owner.id }));
        expect({ action, status: res.status, body: res.body }).toMatchObject({ action, status: 200 });
        own.customer.rtm.close();
      }
    });

    it('changed nothing in the chat', async () => {
      const chat = await ownerAgent(server).web<{ users: { id: string; present: boolean }[]; thread: { events: unknown[]; tags: string[]; active: boolean } }>('get_chat', { chat_id: target.chatId });
      expect(chat.body.users.map((u) => u.id)).not.toContain(outsider.id);
      expect(chat.body.users.find((u) => u.id === target.ownerId)?.present).toBe(true);
      expect(chat.body.thread).toMatchObject({ active: true, tags: ['vip'] });
      expect(chat.body.thread.events).toHaveLength(2);
    });

    it('receives no push about the group 0 chat', async () => {
      const other = await connectCustomer(server);
      const { chat_id } = await other.rtm.call<{ chat_id: string }>('start_chat', {});
      await outsiderRtm.call('ping');
      expect(outsiderRtm.frames.filter((f) => f.type === 'push' && JSON.stringify(f.payload).includes(chat_id))).toEqual([]);
      other.rtm.close();
    });
  });

  describe('agent × a bot its app does not own', () => {
    const onWeb = (action: string) => findAction(agentTable, action, 'web') !== undefined;
    // logout and set_away_status act on the requester's own session and connection only, whoever is named.
    for (const action of Object.keys(agentCells).filter((a) => a !== 'logout' && a !== 'set_away_status')) {
      it(`${action} as the bot (X-Author-Id, author_id): authorization`, async () => {
        const cell = agentCells[action]!;
        const payload = 'open' in cell ? {} : cell.payload({ ...target, me: outsider.id });
        // RTM-only actions (set_away_status) are unknown on the Web API before anyone is impersonated.
        if (onWeb(action)) {
          const web = await outsider.web<{ error: { type: string } }>(action, payload, { authorId: botId });
          expect({ action, status: web.status, type: web.body.error?.type }).toEqual({ action, status: 403, type: 'authorization' });
        }
        const rtm = await outsiderRtm.request(action, payload, { author_id: botId });
        expect({ action, type: rtm.payload.error?.type }).toEqual({ action, type: 'authorization' });
      });
    }
  });

  describe('organization × organization', () => {
    for (const [action, cell] of Object.entries(agentCells)) {
      if ('open' in cell) continue;
      it(`${action} by another organization's owner: ${'refused' in cell ? 'not_found' : 'nothing of this organization'}`, async () => {
        await expectCell(viaRtm(strangerRtm), action, cell, stranger.id, 'not_found');
        await expectCell(viaWeb(stranger.web), action, cell, stranger.id, 'not_found');
      });
    }

    it('cannot act as a bot of this organization: not_found', async () => {
      const web = await stranger.web<{ error: { type: string } }>('list_chats', {}, { authorId: botId });
      expect({ status: web.status, type: web.body.error?.type }).toEqual({ status: 404, type: 'not_found' });
      expect((await strangerRtm.request('list_chats', {}, { author_id: botId })).payload.error?.type).toBe('not_found');
    });
  });
});
