import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { config, configWeb } from '../../../testing/configClient.js';
import { connectCustomer, ownerAgent, type TestCustomer } from '../../../testing/testClients.js';
import { startAcceptingServer } from '../../../testing/acceptingServer.js';
import type { TestServer } from '../../../testing/testServer.js';

let server: TestServer;
let customer: TestCustomer;
beforeAll(async () => {
  server = await startAcceptingServer();
  customer = await connectCustomer(server);
});
afterAll(async () => {
  customer.rtm.close();
  await server.close();
});

const PRECHAT = {
  fields: [
    { type: 'header', label: 'Welcome! Tell us who you are.' },
    { id: 'who', type: 'name', label: 'Your name', required: true },
    { type: 'email', label: 'E-mail', required: true },
    { id: 'topic', type: 'select', label: 'Topic', options: [{ id: 'billing', label: 'Billing' }, { id: 'orders', label: 'Orders' }] },
  ],
};
const setLicenseForm = (type: string, value: unknown) =>
  configWeb(server, 'update_license_properties', { properties: { forms: { [type]: typeof value === 'string' ? value : JSON.stringify(value) } } });

describe('Forms', () => {
  describe('get_form', () => {
    it('answers {enabled:false} while no form is defined', async () => {
      expect(await customer.rtm.call('get_form', { group_id: 0, type: 'postchat' })).toEqual({ enabled: false });
    });

    it('returns the license\'s form with ids for fields that had none (#13)', async () => {
      expect((await setLicenseForm('prechat', PRECHAT)).status).toBe(200);
      const got = await customer.rtm.call('get_form', { group_id: 0, type: 'prechat' });
      expect(got).toEqual({
        enabled: true,
        form: {
          id: 'prechat',
          fields: [
            { id: 'field_1', type: 'header', label: 'Welcome! Tell us who you are.' },
            { id: 'who', type: 'name', label: 'Your name', required: true },
            { id: 'field_3', type: 'email', label: 'E-mail', required: true },
            { id: 'topic', type: 'select', label: 'Topic', options: [{ id: 'billing', label: 'Billing' }, { id: 'orders', label: 'Orders' }] },
          ],
        },
      });
      expect((await customer.web('get_form', { group_id: 0, type: 'prechat' })).body).toEqual(got);
    });

    it('prefers the group\'s form over the license\'s, and an empty group value disables it (#13)', async () => {
      const { id } = await config<{ id: number }>(server, 'create_group', { name: 'Sales', agent_priorities: {} });
      const ask = { id: 'ask-sales', fields: [{ type: 'email', label: 'Where can we write back?' }] };
      await config(server, 'update_group_properties', { group_id: id, properties: { forms: { ask_for_email: JSON.stringify(ask) } } });
      expect(await customer.rtm.call('get_form', { group_id: id, type: 'ask_for_email' })).toMatchObject({ enabled: true, form: { id: 'ask-sales' } });
      expect(await customer.rtm.call('get_form', { group_id: 0, type: 'ask_for_email' })).toEqual({ enabled: false });
      await config(server, 'update_group_properties', { group_id: id, properties: { forms: { prechat: '' } } });
      expect(await customer.rtm.call('get_form', { group_id: id, type: 'prechat' })).toEqual({ enabled: false });
    });

    it('refuses an unknown type (validation) and an unknown group (group_not_found)', async () => {
      expect((await customer.rtm.request('get_form', { group_id: 0, type: 'survey' })).payload.error?.type).toBe('validation');
      expect((await customer.rtm.request('get_form', { type: 'prechat' })).payload.error?.type).toBe('validation');
      expect((await customer.rtm.request('get_form', { group_id: 4242, type: 'prechat' })).payload.error?.type).toBe('group_not_found');
    });
  });

  describe('forms.<type> properties', () => {
    it.each([
      ['not JSON', '{fields:'],
      ['no fields', { fields: [] }],
      ['an unknown field type', { fields: [{ type: 'color', label: 'Favourite colour' }] }],
      ['a choice without options', { fields: [{ type: 'radio', label: 'Pick one' }] }],
      ['options on a text field', { fields: [{ type: 'question', label: 'Why?', options: [{ id: 'a', label: 'A' }] }] }],
      ['a required header', { fields: [{ type: 'header', label: 'Hi', required: true }] }],
      ['a group chooser without group ids', { fields: [{ type: 'group_chooser', label: 'Team', options: [{ id: 'a', label: 'A' }] }] }],
      ['duplicate field ids', { fields: [{ id: 'x', type: 'name', label: 'Name' }, { id: 'x', type: 'email', label: 'Mail' }] }],
      ['an unknown key', { fields: [{ type: 'name', label: 'Name', placeholder: 'Jane' }] }],
    ])('refuses %s with validation and keeps the previous form (#13)', async (_what, value) => {
      const res = await setLicenseForm('prechat', value);
      expect(res).toMatchObject({ status: 400, body: { error: { type: 'validation', message: expect.stringContaining('forms.prechat') } } });
      expect(await customer.rtm.call('get_form', { group_id: 0, type: 'prechat' })).toMatchObject({ enabled: true, form: { fields: expect.any(Array) } });
    });
  });

  describe('start_chat with a filled_form', () => {
    const filled = (name: string, email: string) => ({
      type: 'filled_form', form_id: 'prechat', form_type: 'prechat',
      fields: [
        { id: 'who', type: 'name', label: 'Your name', answer: name },
        { id: 'field_3', type: 'email', label: 'E-mail', answer: email },
        { id: 'topic', type: 'select', label: 'Topic', answer: { id: 'orders', label: 'Orders' } },
      ],
    });

    it('puts the pre-chat name and e-mail on the customer profile agents see (#13)', async () => {
      const c = await connectCustomer(server);
      const { chat_id } = await c.rtm.call<{ chat_id: string }>('start_chat', { chat: { thread: { events: [filled(' Ada Lovelace ', 'ada@example.com')] } } });
      const updated = await c.rtm.push('customer_updated');
      expect(updated.payload).toEqual({ id: c.id, name: 'Ada Lovelace', email: 'ada@example.com' });
      const seen = await ownerAgent(server).web<{ name: string; email: string }>('get_customer', { id: c.id });
      expect(seen.body).toMatchObject({ name: 'Ada Lovelace', email: 'ada@example.com' });
      const chat = await ownerAgent(server).web<{ users: { id: string; name?: string }[]; thread: { events: { type: string; form_id?: string }[] } }>('get_chat', { chat_id });
      expect(chat.body.users.find((u) => u.id === c.id)).toMatchObject({ name: 'Ada Lovelace' });
      expect(chat.body.thread.events.find((e) => e.type === 'filled_form')).toMatchObject({ form_id: 'prechat' });
      c.rtm.close();
    });

    it('refuses a pre-chat e-mail that is not an address (validation) and creates no chat', async () => {
      const c = await connectCustomer(server);
      const res = await c.rtm.request('start_chat', { chat: { thread: { events: [filled('Bob', 'not-an-address')] } } });
      expect(res.payload.error).toMatchObject({ type: 'validation', message: expect.stringContaining('e-mail') });
      expect((await c.web<{ chats_summary: unknown[] }>('list_chats')).body.chats_summary).toEqual([]);
      c.rtm.close();
    });

    it('leaves the profile alone for a post-chat form', async () => {
      const c = await connectCustomer(server);
      await c.rtm.call('start_chat', { chat: { thread: { events: [{ ...filled('Eve', 'eve@example.com'), form_type: 'postchat' }] } } });
      expect((await ownerAgent(server).web<{ name?: string }>('get_customer', { id: c.id })).body.name ?? '').not.toBe('Eve');
      c.rtm.close();
    });
  });
});
