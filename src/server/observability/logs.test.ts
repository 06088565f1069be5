import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { agentWeb, connectCustomer } from '../../testing/testClients.js';
import { startAcceptingServer } from '../../testing/acceptingServer.js';
import type { TestServer } from '../../testing/testServer.js';

interface LogLine { msg: string; level: number; [key: string]: unknown }

let server: TestServer;
const raw: string[] = [];
const lines = (): LogLine[] => raw.join('').split('\n').filter(Boolean).map((l) => JSON.parse(l) as LogLine);
beforeAll(async () => {
  server = await startAcceptingServer({ config: { logLevel: 'info', logStream: { write: (line: string) => { raw.push(line); } } } });
});
afterAll(async () => { await server.close(); });

describe('server logs', () => {
  describe('a full conversation at LOG_LEVEL=info', () => {
    it('writes connection and refusal lines tied by connection id and request_id, and never a token or a message text', async () => {
      const c = await connectCustomer(server, { login: { customer: { name: 'Ada Secretname', email: 'ada@private.example' } } });
      const chat = await c.rtm.call<{ chat_id: string }>('start_chat', { chat: { thread: { events: [{ type: 'message', text: 'my card number is 4111-SECRET' }] } } });
      await c.rtm.call('send_event', { chat_id: chat.chat_id, event: { type: 'message', text: 'second private sentence' } });
      const reply = await agentWeb(server, 'send_event', { chat_id: chat.chat_id, event: { type: 'message', text: 'agent private answer' } });
      expect(reply.status).toBe(200);
      await c.web('send_event', { chat_id: chat.chat_id, event: { type: 'message', text: 'web private sentence' } });
      const refused = await c.rtm.request('send_event', { chat_id: 'missing-chat', event: { type: 'message', text: 'refused private sentence' } });
      expect(refused.success).toBe(false);
      const webRefused = await agentWeb(server, 'get_chat', { chat_id: 'missing-chat' }, { auth: 'Bearer not-a-real-token-xyz' });
      expect(webRefused.status).toBe(401);
      c.rtm.close();
      await c.rtm.closed;
      await expect.poll(() => lines().some((l) => l.msg === 'rtm connection closed')).toBe(true);

      const text = raw.join('');
      for (const secret of [c.token, server.credentials.owner.personal_access_token, 'not-a-real-token-xyz', '4111-SECRET', 'second private sentence', 'agent private answer', 'web private sentence', 'refused private sentence', 'Secretname', 'ada@private.example']) {
        expect(text).not.toContain(secret);
      }

      const opened = lines().find((l) => l.msg === 'rtm connection opened')!;
      expect(opened).toMatchObject({ surface: 'customer', ip: '127.0.0.1' });
      const connectionId = opened.connection_id as string;
      expect(connectionId).toMatch(/^[0-9a-f-]{36}$/);
      expect(lines().find((l) => l.msg === 'rtm request refused')).toMatchObject({ connection_id: connectionId, request_id: refused.request_id, action: 'send_event', error_type: 'not_found' });
      expect(lines().find((l) => l.msg === 'rtm connection closed')).toMatchObject({ connection_id: connectionId, surface: 'customer', code: 1005, logged_in: true });
      expect((lines().find((l) => l.msg === 'rtm connection closed')!.duration_ms as number)).toBeGreaterThanOrEqual(0);
      const webLine = lines().find((l) => l.msg === 'web request refused')!;
      expect(webLine).toMatchObject({ action: 'get_chat', error_type: 'authentication' });
      expect(webLine.reqId).toBeDefined();
    });
  });
});
