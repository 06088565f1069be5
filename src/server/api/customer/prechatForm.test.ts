import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { config, configWeb } from '../../../testing/configClient.js';
import { agentWeb, connectCustomer } from '../../../testing/testClients.js';
import { startTestServer, type TestServer } from '../../../testing/testServer.js';

const FORM = {
  enabled: true,
  fields: [
    { id: 'name', type: 'name', label: 'Your name', required: true },
    { id: 'email', type: 'email', label: 'E-mail', required: true },
    { id: 'question', type: 'question', label: 'Your question' },
    { id: 'order', type: 'subject', label: 'Order number' },
    { id: 'topic', type: 'select', label: 'Topic', options: [{ id: 'billing', label: 'Billing' }, { id: 'shipping', label: 'Shipping' }] },
  ],
};

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
  await server.ownerAcceptsChats();
  await server.built.platform.licenses.update(1, 'agent', { routing: { max_customer_chats_count: 5 } });
});
afterAll(async () => { await server.close(); });

const setForm = (value: string) => configWeb(server, 'update_license_properties', { properties: { switchboard: { prechat_form: value } } });

describe('Customer Chat API', () => {
  describe('get_form (#15)', () => {
    it('answers enabled:false while the owner has set no pre-chat form, and for post-chat forms', async () => {
      const c = await connectCustomer(server);
      expect(await c.rtm.call('get_form', { group_id: 0, type: 'prechat' })).toEqual({ enabled: false });
      expect(await c.rtm.call('get_form', { group_id: 0, type: 'postchat' })).toEqual({ enabled: false });
    });

    it('serves the form stored in the license property switchboard.prechat_form over RTM and Web GET', async () => {
      expect((await setForm(JSON.stringify(FORM))).status).toBe(200);
      const c = await connectCustomer(server);
      const expected = { enabled: true, form: { id: 'prechat', fields: FORM.fields } };
      expect(await c.rtm.call('get_form', { group_id: 0, type: 'prechat' })).toEqual(expected);
      const res = await fetch(`${server.url}/v3.5/customer/action/get_form?organization_id=${server.credentials.organization_id}&group_id=0&type=prechat`, { headers: { authorization: `Bearer ${c.token}` } });
      expect(await res.json()).toEqual(expected);
      await setForm(JSON.stringify({ ...FORM, enabled: false }));
      expect(await c.rtm.call('get_form', { group_id: 0, type: 'prechat' })).toEqual({ enabled: false });
    });

    it('refuses a form definition that is not JSON, a choice without options and duplicate field ids, naming the problem', async () => {
      const notJson = await setForm('{enabled');
      expect(notJson.status).toBe(400);
      expect(notJson.body).toMatchObject({ error: { type: 'validation', message: expect.stringContaining('must be JSON') } });
      const noOptions = await setForm(JSON.stringify({ enabled: true, fields: [{ id: 't', type: 'select', label: 'Topic' }] }));
      expect(noOptions.body).toMatchObject({ error: { type: 'validation', message: expect.stringContaining('switchboard.prechat_form.fields.0') } });
      const dup = await setForm(JSON.stringify({ enabled: true, fields: [{ id: 'a', type: 'name', label: 'A' }, { id: 'a', type: 'email', label: 'B' }] }));
      expect(dup.body).toMatchObject({ error: { type: 'validation', message: expect.stringContaining('unique') } });
    });

    it('refuses an unknown group, an unknown form type and a missing group_id', async () => {
      const c = await connectCustomer(server);
      expect((await c.rtm.request('get_form', { group_id: 42, type: 'prechat' })).payload.error?.type).toBe('group_not_found');
      expect((await c.rtm.request('get_form', { group_id: 0, type: 'ticket' })).payload.error?.type).toBe('validation');
      expect((await c.web('get_form', { type: 'prechat' })).status).toBe(400);
    });
  });

  describe('start_chat with a filled_form event (#15)', () => {
    it('puts the name and e-mail of the filled pre-chat form on the customer profile agents see, and pushes customer_updated', async () => {
      await config(server, 'update_license_properties', { properties: { switchboard: { prechat_form: JSON.stringify(FORM) } } });
      const c = await connectCustomer(server);
      const fields = [
        { ...FORM.fields[0], answer: 'Ada Lovelace' }, { ...FORM.fields[1], answer: 'ada@example.com' },
        { ...FORM.fields[2], answer: 'Where is my parcel?' }, { ...FORM.fields[4], answer: { id: 'shipping', label: 'Shipping' } },
      ];
      const { chat_id } = await c.rtm.call<{ chat_id: string }>('start_chat', { chat: { thread: { events: [{ type: 'filled_form', form_id: 'prechat', form_type: 'prechat', fields }] } } });
      const updated = await c.rtm.push('customer_updated');
      expect(updated.payload).toMatchObject({ id: c.id, name: 'Ada Lovelace', email: 'ada@example.com' });
      const profile = await agentWeb<{ name: string; email: string }>(server, 'get_customer', { id: c.id });
      expect(profile.body).toMatchObject({ name: 'Ada Lovelace', email: 'ada@example.com' });
      const chat = await agentWeb<{ thread: { events: { type: string; fields?: unknown }[] } }>(server, 'get_chat', { chat_id });
      expect(chat.body.thread.events.find((e) => e.type === 'filled_form')).toMatchObject({ form_type: 'prechat', fields });
    });

    it('refuses an e-mail answer that is not an address, and starts no chat', async () => {
      const c = await connectCustomer(server);
      const res = await c.rtm.request('start_chat', { chat: { thread: { events: [{ type: 'filled_form', form_id: 'prechat', fields: [{ id: 'email', type: 'email', label: 'E-mail', answer: 'not an address' }] }] } } });
      expect(res.payload.error).toMatchObject({ type: 'validation', message: expect.stringContaining('e-mail address') });
      expect(await c.rtm.call('list_chats', {})).toMatchObject({ total_chats: 0 });
    });
  });
});
