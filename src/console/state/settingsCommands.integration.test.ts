import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestServer } from '../../testing/testServer.js';
import { describeSettingsError, type SettingsCommands } from './settingsCommands.js';
import { settingsAgainstServer, type SettingsAgainstServer } from './testFixture.js';

/** The console's settings calls against a real server (Configuration Web API, SQLite file). */
let server: TestServer;
let settings: SettingsCommands;
let as: SettingsAgainstServer['as'];

beforeAll(async () => {
  ({ server, settings, as } = await settingsAgainstServer());
});
afterAll(() => server.close());

describe('createSettingsCommands', () => {
  describe('loadLicense() and saveLicense()', () => {
    it('round-trips chat limit, allowed websites and the widget properties (#14)', async () => {
      expect(await settings.loadLicense()).toEqual({ maxCustomerChats: 5, allowedWebsites: '', widget: { widget_name: '', logo_url: '', brand_color: '', welcome_text: '', reply_time: '' } });
      const next = { maxCustomerChats: 3, allowedWebsites: 'https://shop.example', widget: { widget_name: 'Acme', logo_url: 'https://shop.example/l.png', brand_color: '#0a7d4f', welcome_text: 'Hi!', reply_time: 'in minutes' } };
      await settings.saveLicense(next);
      expect(await settings.loadLicense()).toEqual(next);
    });

    it('rejects a bad value with the server\'s validation message', async () => {
      const refused = await settings.saveLicense({ maxCustomerChats: 1, allowedWebsites: 'shop', widget: { widget_name: '', logo_url: '', brand_color: '', welcome_text: '', reply_time: '' } }).catch((e: unknown) => e);
      expect(describeSettingsError(refused)).toMatch(/allowed_websites/);
    });
  });

  describe('createAgent()', () => {
    it('returns a token the new agent signs in with, and edits and removal follow (#14)', async () => {
      const token = await settings.createAgent('jane@example.com', { name: 'Jane', role: 'administrator', max_chats_count: 3 });
      expect(token).toEqual(expect.any(String));
      const jane = as('jane@example.com', token!);
      await jane.updateAgent('jane@example.com', { name: 'Jane Doe' });
      expect((await settings.listAgents()).find((a) => a.id === 'jane@example.com')).toMatchObject({ name: 'Jane Doe', role: 'administrator', max_chats_count: 3 });
      await settings.deleteAgent('jane@example.com');
      expect((await settings.listAgents()).map((a) => a.id)).not.toContain('jane@example.com');
    });
  });

  describe('groups', () => {
    it('creates, renames and deletes a group by name', async () => {
      const id = await settings.createGroup('Billing');
      await settings.renameGroup(id, 'Billing and invoices');
      expect((await settings.listGroups()).find((g) => g.id === id)?.name).toBe('Billing and invoices');
      await settings.deleteGroup(id);
      expect((await settings.listGroups()).map((g) => g.id)).toEqual([0]);
    });
  });

  describe('canned responses', () => {
    it('creates, edits, lists and deletes a response with its shortcuts (#14)', async () => {
      const id = await settings.createCannedResponse({ tags: ['refund'], text: 'Your refund is on its way.', group_id: 0 });
      await settings.updateCannedResponse(id, { tags: ['refund', 'money'], text: 'Refunds take 3 days.', group_id: 0 });
      expect(await settings.listCannedResponses()).toEqual([expect.objectContaining({ id, tags: ['refund', 'money'], text: 'Refunds take 3 days.', created_by: server.credentials.owner.id })]);
      await settings.deleteCannedResponse(id);
      expect(await settings.listCannedResponses()).toEqual([]);
    });

    it('rejects a bad shortcut with the server\'s validation message', async () => {
      const refused = await settings.createCannedResponse({ tags: ['re-fund'], text: 'x', group_id: 0 }).catch((e: unknown) => e);
      expect(describeSettingsError(refused)).toMatch(/tag "re-fund" may hold only lower-case letters/);
    });
  });
});
