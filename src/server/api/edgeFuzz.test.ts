import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { holdConversation } from '../../testing/conversation.js';
import { FuzzSocket, type Exchange } from '../../testing/fuzz/fuzzSocket.js';
import { hostileActionName, hostileContentType, hostileValue, multipartAbuse } from '../../testing/fuzz/hostile.js';
import { closeProblem, rtmFrameProblem, webAnswerProblem } from '../../testing/fuzz/protocolShape.js';
import { schemaPaths, setAt } from '../../testing/fuzz/schemaPaths.js';
import { connectCustomer, customerToken, RawRtm } from '../../testing/testClients.js';
import { startTestServer, type TestServer } from '../../testing/testServer.js';
import { agentActions } from './agent/actions.js';
import { configurationActions } from './configuration/actions.js';
import { customerActions } from './customer/actions.js';
import type { ActionTable } from './transport/actionRouter.js';
import { DEFAULT_RTM_LIMITS } from './transport/rtmGateway.js';

// Seeded and bounded: the same frames on every run; a failure names the seed and the frame.
const SEED = 11;
const FRAMES_BEFORE_LOGIN = 300;
const FRAMES_AFTER_LOGIN = 1_700;
const WEB_REQUESTS = 1_000;

let server: TestServer;
let base: Record<string, unknown>;
let customerAuth: string;
let ownerBasic: string;
const fields = new Map<string, Map<string, (string | number)[][]>>();

beforeAll(async () => {
  server = await startTestServer({
    rtm: { ...DEFAULT_RTM_LIMITS, requestsPerSecond: 1_000_000, requestBurst: 1_000_000, loginTimeoutMs: 600_000 },
    webRequestsPerSecond: 1_000_000, webRequestBurst: 1_000_000,
  });
  await server.ownerAcceptsChats();
  const p = server.built.platform;
  const sessions = server.built.agentSessions;
  const tables: Record<string, ActionTable<never>> = { customer: customerActions(p) as never, agent: agentActions(p, sessions) as never, configuration: configurationActions(p) as never };
  for (const [surface, table] of Object.entries(tables)) {
    fields.set(surface, new Map(Object.entries(table).map(([name, def]) => [name, schemaPaths(def.schema)])));
  }
  const c = await connectCustomer(server);
  const { chat_id, thread_id } = await c.rtm.call<{ chat_id: string; thread_id: string }>('start_chat', { chat: { thread: { events: [{ type: 'message', text: 'hi' }] } } });
  c.rtm.close();
  base = { chat_id, id: chat_id, thread_id };
  customerAuth = `Bearer ${(await customerToken(server)).access_token}`;
  ownerBasic = `Basic ${Buffer.from(`${server.credentials.owner.id}:${server.credentials.owner.personal_access_token}`).toString('base64')}`;
}, 60_000);
afterAll(async () => { await server.close(); });

/** A payload with one hostile value put at one field of one action's schema (or anywhere). */
const fieldAbuse = (surface: string) => {
  const actions = [...fields.get(surface)!.entries()];
  return fc.constantFrom(...actions).chain(([name, paths]) => fc.record({
    action: fc.constant(name),
    payload: fc.tuple(fc.constantFrom<(string | number)[]>(...paths, ['unknown_field'], ['__proto__'], ['constructor', 'prototype']), hostileValue, fc.boolean())
      .map(([path, value, fromBase]) => setAt(fromBase ? base : {}, path, value)),
  }));
};

/** A frame with `deep` at one place: the envelope's fields or inside the payload. */
function deepFrame(action: string, at: string, deep: string): string {
  const payload = at === 'payload' ? deep : at === 'token' ? `{"token":${deep}}` : at === 'event' ? `{"chat_id":"${String(base.chat_id)}","event":{"type":"message","text":"x","properties":{"a":${deep}}}}` : '{}';
  return `{"action":"${action}","request_id":"x","payload":${payload}${at === 'version' || at === 'author_id' ? `,"${at}":${deep}` : ''}}`;
}

type Sent = { text: string; requestId?: string } | { bytes: Uint8Array; binary: boolean };

/** Frames for one RTM endpoint: wrong values in every field of every action, odd envelopes, raw text and bytes. */
const rtmFrame = (surface: string): fc.Arbitrary<Sent> => fc.oneof(
  { weight: 10, arbitrary: fieldAbuse(surface).map(({ action, payload }) => ({ text: JSON.stringify({ action, payload, request_id: 'x' }), requestId: 'x' })) },
  { weight: 2, arbitrary: fc.record({ action: fc.oneof(hostileActionName, hostileValue), payload: hostileValue, version: fc.oneof(fc.constant('3.5'), hostileValue), author_id: hostileValue }, { requiredKeys: [] })
    .map((frame) => ({ text: JSON.stringify({ ...frame, request_id: 'x' }), requestId: 'x' })) },
  { weight: 1, arbitrary: fc.record({ request_id: hostileValue, action: fc.constant('ping') }).map((frame) => ({ text: JSON.stringify(frame) })) },
  { weight: 1, arbitrary: fc.record({ depth: fc.integer({ min: 33, max: 60_000 }), at: fc.constantFrom('version', 'author_id', 'payload', 'token', 'event'), action: fc.constantFrom('login', 'send_event', 'ping') })
    .map(({ depth, at, action }) => ({ text: deepFrame(action, at, '['.repeat(depth) + ']'.repeat(depth)), requestId: 'x' })) },
  { weight: 1, arbitrary: fc.string({ maxLength: 200, unit: 'binary' }).map((text) => ({ text })) },
  { weight: 1, arbitrary: fc.record({ bytes: fc.uint8Array({ maxLength: 64 }), binary: fc.boolean() }) },
);

let sequence = 0;
/** Sends one generated frame and checks everything that came back. */
async function exchange(socket: FuzzSocket, sent: Sent): Promise<Exchange> {
  if ('bytes' in sent) return socket.exchange(Buffer.from(sent.bytes), { binary: sent.binary });
  if (sent.requestId === undefined) return socket.exchange(sent.text);
  const requestId = `fuzz-${++sequence}`;
  return socket.exchange(sent.text.replace('"request_id":"x"', JSON.stringify('request_id') + ':' + JSON.stringify(requestId)), { requestId });
}

function problemsOf(result: Exchange): string[] {
  const problems = result.frames.map(rtmFrameProblem).filter((p): p is string => p !== undefined);
  if (result.closed) {
    const close = closeProblem(result.closed.code, result.socketFrames ?? result.frames);
    if (close) problems.push(close);
  } else if (!result.answered) {
    problems.push('no answer carrying the request_id');
  }
  return problems;
}

async function fuzzRtm(surface: 'customer' | 'agent', open: () => Promise<RawRtm>, runs: number): Promise<void> {
  const socket = await FuzzSocket.start(open);
  try {
    await fc.assert(fc.asyncProperty(rtmFrame(surface), async (sent) => {
      expect(problemsOf(await exchange(socket, sent))).toEqual([]);
    }), { seed: SEED, numRuns: runs, endOnFailure: true });
  } finally {
    socket.close();
  }
}

const customerUrl = () => `${server.wsUrl}/v3.5/customer/rtm/ws?organization_id=${server.credentials.organization_id}`;
const agentUrl = () => `${server.wsUrl}/v3.5/agent/rtm/ws`;
const loggedIn = (url: () => string, token: () => string) => async () => {
  const rtm = await RawRtm.open(url());
  await rtm.call('login', { token: token() });
  return rtm;
};

describe('transport edge under fuzzing (#11)', () => {
  describe('Customer Chat RTM', () => {
    it(`answers ${FRAMES_BEFORE_LOGIN} hostile frames before login and ${FRAMES_AFTER_LOGIN} after, every one protocol-shaped under its request_id`, async () => {
      await fuzzRtm('customer', () => RawRtm.open(customerUrl()), FRAMES_BEFORE_LOGIN);
      await fuzzRtm('customer', loggedIn(customerUrl, () => customerAuth), FRAMES_AFTER_LOGIN);
    }, 60_000);
  });

  describe('Agent Chat RTM', () => {
    it(`answers ${FRAMES_BEFORE_LOGIN} hostile frames before login and ${FRAMES_AFTER_LOGIN} after, every one protocol-shaped under its request_id`, async () => {
      await fuzzRtm('agent', () => RawRtm.open(agentUrl()), FRAMES_BEFORE_LOGIN);
      await fuzzRtm('agent', loggedIn(agentUrl, () => ownerBasic), FRAMES_AFTER_LOGIN);
    }, 60_000);
  });

  describe('Web APIs', () => {
    it(`answers ${WEB_REQUESTS} hostile requests (bad content types, bodies, multipart) with no 5xx and the protocol error shape`, async () => {
      const request = fc.constantFrom('customer', 'agent', 'configuration').chain((surface) => fc.record({
        surface: fc.constant(surface),
        action: fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...fields.get(surface)!.keys(), 'upload_file') }, { weight: 1, arbitrary: hostileActionName }),
        get: fc.boolean(),
        auth: fc.constantFrom(ownerBasic, customerAuth, 'Bearer garbage', 'Basic Og==', undefined),
        contentType: hostileContentType,
        body: fc.oneof(
          { weight: 4, arbitrary: fieldAbuse(surface).map(({ payload }) => ({ text: JSON.stringify(payload) })) },
          { weight: 2, arbitrary: multipartAbuse.map(({ contentType, body }) => ({ text: body, contentType })) },
          { weight: 1, arbitrary: fc.integer({ min: 33, max: 20_000 }).map((d) => ({ text: `{"a":${'['.repeat(d)}${']'.repeat(d)}}` })) },
          { weight: 1, arbitrary: fc.string({ maxLength: 300, unit: 'binary' }).map((text) => ({ text })) },
        ),
      }));
      await fc.assert(fc.asyncProperty(request, async (r) => {
        const query = r.surface === 'customer' ? `?organization_id=${server.credentials.organization_id}` : '';
        const get = r.get ? `${query ? '&' : '?'}payload=${encodeURIComponent(r.body.text.slice(0, 2_000))}` : '';
        const contentType = 'contentType' in r.body ? r.body.contentType : r.contentType;
        const res = await fetch(`${server.url}/v3.5/${r.surface}/action/${encodeURIComponent(r.action)}${query}${get}`, {
          method: r.get ? 'GET' : 'POST',
          headers: { ...(r.auth ? { authorization: r.auth } : {}), ...(contentType !== undefined ? { 'content-type': contentType } : {}) },
          ...(r.get ? {} : { body: r.body.text }),
        });
        expect(webAnswerProblem(res.status, await res.text())).toBeUndefined();
      }), { seed: SEED, numRuns: WEB_REQUESTS, endOnFailure: true });
    }, 60_000);
  });

  describe('afterwards', () => {
    it('still serves a normal conversation', async () => {
      await server.ownerAcceptsChats();
      expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
      await holdConversation(server);
    });
  });
});
