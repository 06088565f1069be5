import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { configWeb } from '../../../testing/configClient.js';
import { connectCustomer } from '../../../testing/testClients.js';
import { startTestServer, type TestServer } from '../../../testing/testServer.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
  const greetings = [
    { id: 1, text: 'Questions about shipping?', url_contains: '/shipping' },
    { id: 2, text: 'Need a hand with returns?', url_contains: '/returns' },
  ];
  const res = await configWeb(server, 'update_license_properties', { properties: { greetings: { targeted: JSON.stringify(greetings) } } });
  if (res.status !== 200) throw new Error(JSON.stringify(res.body));
});
afterAll(() => server.close());

type Greeting = { id: number; unique_id: string; displayed_first_time: boolean; event: { type: string; text: string }; agent: { id: string; is_bot: boolean } };

describe('CustomerGreetings', () => {
  describe('pageOpened()', () => {
    it('pushes incoming_greeting when the login page matches a rule (#13)', async () => {
      const c = await connectCustomer(server, { login: { customer_page: { url: 'https://shop.example/shipping/rates' } } });
      const push = await c.rtm.push('incoming_greeting');
      expect(push.payload).toMatchObject({
        id: 1, displayed_first_time: true, subtype: 'announcement', is_exit_intent: false,
        event: { type: 'message', text: 'Questions about shipping?', author_id: server.credentials.owner.id },
        agent: { id: server.credentials.owner.id, is_bot: false },
      });
      c.rtm.close();
    });

    it('on update_customer_page cancels the greeting on display and shows the matching one; no push for a page without a rule', async () => {
      const c = await connectCustomer(server);
      await c.rtm.call('update_customer_page', { url: 'https://shop.example/about' });
      await c.rtm.call('update_customer_page', { url: 'https://shop.example/shipping' });
      const first = (await c.rtm.push('incoming_greeting', (p) => p.id === 1)).payload as unknown as Greeting;
      await c.rtm.call('update_customer_page', { url: 'https://shop.example/returns' });
      expect((await c.rtm.push('greeting_canceled')).payload).toEqual({ unique_id: first.unique_id });
      await c.rtm.push('incoming_greeting', (p) => p.id === 2);
      await c.rtm.call('ping');
      expect(c.rtm.pushes('incoming_greeting').map((f) => f.payload.id)).toEqual([1, 2]);
      c.rtm.close();
    });
  });

  describe('close()', () => {
    it('accept_greeting answers {} and pushes greeting_accepted; the statistics count it (#13)', async () => {
      const c = await connectCustomer(server);
      await c.rtm.call('update_customer_page', { url: 'https://shop.example/returns' });
      const g = (await c.rtm.push('incoming_greeting')).payload as unknown as Greeting;
      expect(await c.rtm.call('accept_greeting', { greeting_id: g.id, unique_id: g.unique_id })).toEqual({});
      expect((await c.rtm.push('greeting_accepted')).payload).toEqual({ unique_id: g.unique_id });
      const me = await c.web<{ statistics: { greetings_shown_count: number; greetings_accepted_count: number } }>('get_customer');
      expect(me.body.statistics).toMatchObject({ greetings_shown_count: 1, greetings_accepted_count: 1 });
      expect((await c.rtm.request('cancel_greeting', { unique_id: g.unique_id })).payload.error?.type).toBe('greeting_not_found');
      c.rtm.close();
    });

    it('cancel_greeting pushes greeting_canceled; unknown ids and a wrong greeting_id are greeting_not_found', async () => {
      const c = await connectCustomer(server);
      await c.rtm.call('update_customer_page', { url: 'https://shop.example/shipping' });
      const g = (await c.rtm.push('incoming_greeting')).payload as unknown as Greeting;
      expect((await c.rtm.request('accept_greeting', { greeting_id: 2, unique_id: g.unique_id })).payload.error?.type).toBe('greeting_not_found');
      expect((await c.rtm.request('cancel_greeting', { unique_id: 'NOPE' })).payload.error?.type).toBe('greeting_not_found');
      expect((await c.web('cancel_greeting', { unique_id: g.unique_id })).status).toBe(200);
      expect((await c.rtm.push('greeting_canceled')).payload).toEqual({ unique_id: g.unique_id });
      expect((await c.rtm.request('accept_greeting', { unique_id: g.unique_id })).payload.error?.type).toBe('validation');
      c.rtm.close();
    });
  });

  describe('greetings.targeted property', () => {
    it.each([
      ['not JSON', '[{'],
      ['a greeting without text', JSON.stringify([{ id: 1, url_contains: '/x' }])],
      ['duplicate ids', JSON.stringify([{ id: 1, text: 'a', url_contains: '/a' }, { id: 1, text: 'b', url_contains: '/b' }])],
      ['a timed rule', JSON.stringify([{ id: 1, text: 'a', url_contains: '/a', after_seconds: 30 }])],
    ])('refuses %s with validation', async (_what, value) => {
      const res = await configWeb(server, 'update_license_properties', { properties: { greetings: { targeted: value } } });
      expect(res).toMatchObject({ status: 400, body: { error: { type: 'validation', message: expect.stringContaining('greetings.targeted') } } });
    });
  });
});
