import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestServer } from '../../testing/testServer.js';
import { formFromDraft, newField, type PrechatDraft } from './prechatDraft.js';
import { describeSettingsError, type SettingsCommands } from './settingsCommands.js';
import { settingsAgainstServer } from './testFixture.js';

/** The console's pre-chat form and bot calls against a real server (Configuration Web API, SQLite file). */
let server: TestServer;
let settings: SettingsCommands;

beforeAll(async () => {
  ({ server, settings } = await settingsAgainstServer());
});
afterAll(() => server.close());

async function customerForm(): Promise<unknown> {
  const token = await fetch(`${server.url}/v2/customer/token`, {
    method: 'POST', headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ grant_type: 'cookie', organization_id: server.credentials.organization_id, client_id: 'widget' }),
  }).then((r) => r.json() as Promise<{ access_token: string }>);
  const res = await fetch(`${server.url}/v3.5/customer/action/get_form?organization_id=${server.credentials.organization_id}`, {
    method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token.access_token}` },
    body: JSON.stringify({ group_id: 0, type: 'prechat' }),
  });
  return res.json();
}

describe('createSettingsCommands', () => {
  describe('savePrechatForm() and disablePrechatForm()', () => {
    it('stores the form where the widget\'s get_form reads it, and deleting it disables the form (#14)', async () => {
      expect(await settings.loadPrechatForm()).toBe('');
      const draft: PrechatDraft = { enabled: true, formId: undefined, fields: [] };
      const order = { ...newField('question', draft.fields), id: 'order_number', label: 'Order number' };
      const topic = { ...newField('topic', [order]), choices: ['Billing', 'Orders'] };
      draft.fields = [order, topic];
      const json = JSON.stringify(formFromDraft(draft));
      await settings.savePrechatForm(json);
      expect(await settings.loadPrechatForm()).toBe(json);
      expect(await customerForm()).toEqual({
        enabled: true,
        form: { id: 'prechat', fields: [
          { id: 'order_number', type: 'question', label: 'Order number', required: true },
          { id: 'topic', type: 'select', label: 'Topic', required: true, options: [{ id: 'billing', label: 'Billing' }, { id: 'orders', label: 'Orders' }] },
        ] },
      });
      await settings.disablePrechatForm();
      expect(await settings.loadPrechatForm()).toBe('');
      expect(await customerForm()).toEqual({ enabled: false });
    });

    it('rejects a form the server cannot serve with its validation message, keeping the stored one', async () => {
      await settings.savePrechatForm('{"fields":[{"type":"name","label":"Name"}]}');
      const refused = await settings.savePrechatForm('{"fields":[{"type":"select","label":"Topic"}]}').catch((e: unknown) => e);
      expect(describeSettingsError(refused)).toBe('forms.prechat: fields.0.options: a select field needs options');
      expect(await settings.loadPrechatForm()).toBe('{"fields":[{"type":"name","label":"Name"}]}');
      await settings.disablePrechatForm();
    });
  });

  describe('bots and their webhooks', () => {
    it('creates a bot with a client id of its own, registers and lists its webhooks, and deleting the bot unregisters them (#14)', async () => {
      const created = await settings.createBot({ name: 'Order bot', max_chats_count: 4, groups: [{ id: 0, priority: 'first' }] });
      expect(created).toEqual({ id: expect.stringMatching(/^[0-9a-f]{32}$/), secret: expect.any(String), ownerClientId: expect.stringMatching(/^[0-9a-f]{32}$/) });
      expect((await settings.listBots()).find((b) => b.id === created.id)).toMatchObject({ name: 'Order bot', owner_client_id: created.ownerClientId, max_chats_count: 4, groups: [{ id: 0, priority: 'first' }] });
      await settings.updateBot(created.id, { name: 'Orders', max_chats_count: 8 });
      expect((await settings.listBots()).find((b) => b.id === created.id)).toMatchObject({ name: 'Orders', max_chats_count: 8 });

      expect(await settings.listWebhookActions()).toContain('incoming_chat');
      const hook = await settings.registerWebhook(created.ownerClientId, { action: 'incoming_chat', url: 'http://127.0.0.1:9/hook', secret_key: 's3cret', type: 'license' });
      expect(await settings.listWebhooks(created.ownerClientId)).toEqual([expect.objectContaining({ id: hook, action: 'incoming_chat', url: 'http://127.0.0.1:9/hook', secret_key: 's3cret', type: 'license', owner_client_id: created.ownerClientId })]);
      expect(await settings.licenseWebhooksEnabled(created.ownerClientId)).toBe(true);
      await settings.setLicenseWebhooksEnabled(created.ownerClientId, false);
      expect(await settings.licenseWebhooksEnabled(created.ownerClientId)).toBe(false);

      const bot = (await settings.listBots()).find((b) => b.id === created.id)!;
      await settings.deleteBot(bot);
      expect((await settings.listBots()).map((b) => b.id)).not.toContain(created.id);
      expect(await settings.listWebhooks(created.ownerClientId)).toEqual([]);
    });

    it('unregisters a webhook, and refuses a URL that is not http(s) with the server\'s message', async () => {
      const { ownerClientId, id } = await settings.createBot({ name: 'Helper' });
      const refused = await settings.registerWebhook(ownerClientId, { action: 'incoming_chat', url: 'file:///etc/passwd', secret_key: 'x', type: 'bot' }).catch((e: unknown) => e);
      expect(describeSettingsError(refused)).toMatch(/url scheme file: is not allowed/);
      const hook = await settings.registerWebhook(ownerClientId, { action: 'incoming_event', url: 'https://hooks.example/in', secret_key: 'x', type: 'bot' });
      await settings.unregisterWebhook(ownerClientId, hook);
      expect(await settings.listWebhooks(ownerClientId)).toEqual([]);
      await settings.deleteBot((await settings.listBots()).find((b) => b.id === id)!);
    });
  });
});
