import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { customerToken } from '../../../testing/testClients.js';
import { startTestServer, type TestServer } from '../../../testing/testServer.js';

let server: TestServer;
let basic: string;
beforeAll(async () => {
  server = await startTestServer();
  basic = `Basic ${Buffer.from(`${server.credentials.owner.id}:${server.credentials.owner.personal_access_token}`).toString('base64')}`;
});
afterAll(async () => { await server.close(); });

type ErrorBody = { error: { type: string; message: string } };

async function post(path: string, init: { headers?: Record<string, string>; body?: string; method?: string } = {}) {
  const res = await fetch(`${server.url}${path}`, { method: init.method ?? 'POST', headers: init.headers ?? {}, ...(init.body !== undefined ? { body: init.body } : {}) });
  const text = await res.text();
  return { status: res.status, body: JSON.parse(text) as ErrorBody };
}

const filePart = (boundary: string, end = true) =>
  `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="a.txt"\r\nContent-Type: text/plain\r\n\r\nhello\r\n${end ? `--${boundary}--\r\n` : ''}`;

describe('Web API edge (#11)', () => {
  describe('upload_file', () => {
    it('answers non-multipart, boundary-less, multipart/mixed, truncated and garbage bodies with validation 400', async () => {
      const org = server.credentials.organization_id;
      const { access_token } = await customerToken(server);
      const surfaces = [
        { path: '/v3.5/agent/action/upload_file', auth: basic },
        { path: `/v3.5/customer/action/upload_file?organization_id=${org}`, auth: `Bearer ${access_token}` },
      ];
      const bodies: [string, string | undefined, string][] = [
        ['JSON', 'application/json', '{"file":"x"}'],
        ['no content type', undefined, 'hello'],
        ['no boundary', 'multipart/form-data', filePart('abc')],
        ['multipart/mixed', 'multipart/mixed; boundary=abc', filePart('abc')],
        ['truncated', 'multipart/form-data; boundary=abc', filePart('abc', false).slice(0, -9)],
        ['wrong boundary', 'multipart/form-data; boundary=zzz', filePart('abc')],
        ['garbage', 'multipart/form-data; boundary=abc', '\u0000\u0001garbage'],
      ];
      for (const { path, auth } of surfaces) {
        for (const [label, type, body] of bodies) {
          const res = await post(path, { headers: { authorization: auth, ...(type ? { 'content-type': type } : {}) }, body });
          expect(res.status, `${label} on ${path}`).toBe(400);
          expect(res.body.error.type, label).toBe('validation');
        }
      }
      const ok = await post('/v3.5/agent/action/upload_file', { headers: { authorization: basic, 'content-type': 'multipart/form-data; boundary=abc' }, body: filePart('abc') });
      expect(ok.status).toBe(200);
    });
  });

  describe('action names', () => {
    it('answers object-prototype names with the unknown-action validation error on every surface, with and without credentials', async () => {
      const org = server.credentials.organization_id;
      const names = ['constructor', 'toString', '__proto__', 'valueOf', 'hasOwnProperty', 'isPrototypeOf', '__defineGetter__'];
      for (const name of names) {
        for (const [api, auth] of [['agent', basic], ['configuration', basic], [`customer`, undefined], ['agent', undefined], ['configuration', undefined]] as const) {
          const query = api === 'customer' ? `?organization_id=${org}` : '';
          const res = await post(`/v3.5/${api}/action/${name}${query}`, { headers: auth ? { authorization: auth } : {}, body: '{}' });
          expect(res.status, `${name} on ${api}`).toBe(400);
          expect(res.body.error).toEqual({ type: 'validation', message: `Unknown action: ${name}`, data: { action: name } });
        }
      }
    });
  });

  describe('nesting', () => {
    it('answers a 10,000-deep body or a 1,000-deep query value with validation, and nested content within the limit never with internal', async () => {
      const deep = `{"filters":${'['.repeat(10_000)}${']'.repeat(10_000)}}`;
      const res = await post('/v3.5/agent/action/list_chats', { headers: { authorization: basic }, body: deep });
      expect(res.status).toBe(400);
      expect(res.body.error.type).toBe('validation');
      const query = await post(`/v3.5/agent/action/list_chats?filters=${encodeURIComponent('['.repeat(1_000) + ']'.repeat(1_000))}`, { method: 'GET', headers: { authorization: basic } });
      expect(query.status).toBe(400);
      let nested: unknown = 1;
      for (let i = 0; i < 28; i++) nested = { n: nested };
      const start = await post('/v3.5/agent/action/start_chat', { headers: { authorization: basic }, body: JSON.stringify({ chat: { properties: { ns: { k: nested } }, thread: { events: [{ type: 'message', text: 'x', properties: { ns: { k: nested } } }] } } }) });
      expect(start.status).toBeLessThan(500);
    });
  });

  describe("Fastify's own errors", () => {
    it('answers 404, 413, 414, 415 and undecodable URLs in the protocol error shape with their 4xx status', async () => {
      const cases: [string, string, RequestInit, number, string][] = [
        ['unknown route', '/no/such/route', { method: 'GET' }, 404, 'not_found'],
        ['body over 1 MB', '/v3.5/agent/action/list_chats', { method: 'POST', headers: { authorization: basic }, body: 'x'.repeat(1024 * 1024 + 1) }, 413, 'entity_too_large'],
        ['action name over 100 chars', `/v3.5/agent/action/${'a'.repeat(300)}`, { method: 'POST', body: '{}' }, 414, 'validation'],
        ['empty content type', '/v3.5/agent/action/list_chats', { method: 'POST', headers: { authorization: basic, 'content-type': '' }, body: '{}' }, 415, 'validation'],
        ['undecodable URL', '/v3.5/agent/action/%E0%A4%A', { method: 'POST', body: '{}' }, 400, 'validation'],
      ];
      for (const [label, path, init, status, type] of cases) {
        const res = await fetch(`${server.url}${path}`, init);
        expect(res.status, label).toBe(status);
        const body = (await res.json()) as ErrorBody;
        expect(Object.keys(body), label).toEqual(['error']);
        expect(body.error.type, label).toBe(type);
        expect(typeof body.error.message, label).toBe('string');
      }
    });
  });
});
