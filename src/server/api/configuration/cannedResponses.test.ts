import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CannedResponse } from '../../../protocol/configuration.js';
import { agentWithRole, config, configWeb } from '../../../testing/configClient.js';
import { ownerAgent } from '../../../testing/testClients.js';
import { startTestServer, type TestServer } from '../../../testing/testServer.js';

type Page = { canned_responses: CannedResponse[]; found_canned_responses: number; next_page_id?: string };

let server: TestServer;
let salesGroup: number;
let normal: string;
let admin: string;

beforeAll(async () => {
  server = await startTestServer();
  salesGroup = (await config<{ id: number }>(server, 'create_group', { name: 'Sales', agent_priorities: {} })).id;
  normal = await agentWithRole(server, 'canned-normal@example.com', 'normal', [{ id: 0, priority: 'normal' }]);
  admin = await agentWithRole(server, 'canned-admin@example.com', 'administrator');
});
afterAll(() => server.close());

const list = (payload: Record<string, unknown> = {}, auth?: string) => config<Page>(server, 'list_canned_responses', payload, auth);

describe('Configuration API canned responses (#14)', () => {
  describe('create_canned_response / update_canned_response / delete_canned_response', () => {
    it('stores text, shortcut tags (without #), group and who created and last edited it', async () => {
      const { id } = await config<{ id: number }>(server, 'create_canned_response', { text: ' Your refund is on its way. ', tags: ['#refund', 'money', 'refund'], group_id: 0 });
      const created = (await list()).canned_responses.find((r) => r.id === id);
      expect(created).toEqual({
        id, text: 'Your refund is on its way.', tags: ['refund', 'money'], group_id: 0, is_private: false,
        author_id: server.credentials.owner.id, created_by: server.credentials.owner.id,
        created_at: expect.stringMatching(/^\d{4}-\d\d-\d\dT.*Z$/), updated_at: expect.stringMatching(/Z$/),
      });

      await config(server, 'update_canned_response', { id, text: 'Refunds take 3 days.' }, admin);
      expect((await list()).canned_responses.find((r) => r.id === id)).toMatchObject({ text: 'Refunds take 3 days.', tags: ['refund', 'money'], created_by: server.credentials.owner.id, author_id: 'canned-admin@example.com' });

      await config(server, 'delete_canned_response', { id });
      expect((await list()).canned_responses.map((r) => r.id)).not.toContain(id);
      expect(await configWeb(server, 'delete_canned_response', { id })).toMatchObject({ status: 404, body: { error: { type: 'not_found', data: { id } } } });
    });

    it('keeps both of two creations sent at the same time', async () => {
      const [a, b] = await Promise.all([
        config<{ id: number }>(server, 'create_canned_response', { text: 'A', tags: ['same_time_a'] }),
        config<{ id: number }>(server, 'create_canned_response', { text: 'B', tags: ['same_time_b'] }, admin),
      ]);
      expect(a.id).not.toBe(b.id);
      expect((await list()).canned_responses.map((r) => r.id)).toEqual(expect.arrayContaining([a.id, b.id]));
    });

    it.each([
      ['no tag', { text: 'x', tags: [] }, 'tags must name at least one shortcut'],
      ['an upper-case tag', { text: 'x', tags: ['Refund'] }, 'tag "Refund" may hold only lower-case letters'],
      ['a tag with a space', { text: 'x', tags: ['re fund'] }, 'lower-case letters, digits and "_"'],
      ['empty text', { text: '   ', tags: ['empty'] }, 'text must not be empty'],
      ['text over 2,000 characters', { text: 'y'.repeat(2001), tags: ['long'] }, 'at most 2000 characters'],
      ['a private response', { text: 'x', tags: ['private'], is_private: true }, 'is_private'],
    ])('refuses %s (validation)', async (_, payload, message) => {
      const res = await configWeb<{ error: { type: string; message: string } }>(server, 'create_canned_response', payload);
      expect(res.status).toBe(400);
      expect(res.body.error.type).toBe('validation');
      expect(res.body.error.message).toContain(message);
    });

    it('accepts text of exactly 2,000 characters', async () => {
      const { id } = await config<{ id: number }>(server, 'create_canned_response', { text: 'z'.repeat(2000), tags: ['exactly_max'] });
      expect((await list()).canned_responses.find((r) => r.id === id)?.text).toHaveLength(2000);
    });

    it('refuses an unknown group (group_not_found) and an unknown id (not_found)', async () => {
      expect(await configWeb(server, 'create_canned_response', { text: 'x', tags: ['x'], group_id: 999 })).toMatchObject({ status: 404, body: { error: { type: 'group_not_found' } } });
      expect(await configWeb(server, 'update_canned_response', { id: 99_999, text: 'x' })).toMatchObject({ status: 404, body: { error: { type: 'not_found' } } });
    });

    it('refuses changes by a normal agent (authorization), who still lists and uses them', async () => {
      const { id } = await config<{ id: number }>(server, 'create_canned_response', { text: 'Hello!', tags: ['hello'] });
      expect(await configWeb(server, 'create_canned_response', { text: 'x', tags: ['x'] }, normal)).toMatchObject({ status: 403, body: { error: { type: 'authorization' } } });
      expect(await configWeb(server, 'update_canned_response', { id, text: 'x' }, normal)).toMatchObject({ status: 403, body: { error: { type: 'authorization' } } });
      expect(await configWeb(server, 'delete_canned_response', { id }, normal)).toMatchObject({ status: 403, body: { error: { type: 'authorization' } } });
      expect((await list({}, normal)).canned_responses.map((r) => r.id)).toContain(id);
    });
  });

  describe('list_canned_responses', () => {
    it('shows a normal agent General and its own groups only; group_ids narrows', async () => {
      const { id: salesId } = await config<{ id: number }>(server, 'create_canned_response', { text: 'Our prices', tags: ['pricing'], group_id: salesGroup });
      expect((await list({}, normal)).canned_responses.map((r) => r.id)).not.toContain(salesId);
      expect((await list({ group_ids: [salesGroup] })).canned_responses.map((r) => r.id)).toEqual([salesId]);
      expect((await list({}, admin)).canned_responses.map((r) => r.id)).toContain(salesId);
    });

    it('pages with limit and next_page_id, oldest first', async () => {
      const all = await list();
      const first = await list({ limit: 2 });
      expect(first.found_canned_responses).toBe(all.found_canned_responses);
      expect(first.canned_responses).toEqual(all.canned_responses.slice(0, 2));
      const second = await list({ page_id: first.next_page_id });
      expect(second.canned_responses).toEqual(all.canned_responses.slice(2, 4));
      expect(await configWeb(server, 'list_canned_responses', { page_id: first.next_page_id, limit: 3 })).toMatchObject({ status: 400, body: { error: { type: 'validation' } } });
    });

    it('answers GET with the payload in the query string', async () => {
      const res = await fetch(`${server.url}/v3.5/configuration/action/list_canned_responses?limit=1`, { headers: { authorization: ownerAgent(server).basic } });
      expect(res.status).toBe(200);
      expect(((await res.json()) as Page).canned_responses).toHaveLength(1);
    });
  });

  describe('the switchboard.canned_responses property', () => {
    it('is neither shown nor written by the generic property actions, nor registrable', async () => {
      const props = await config<Record<string, Record<string, unknown>>>(server, 'list_license_properties', { namespace: 'switchboard' });
      expect(props.switchboard?.canned_responses).toBeUndefined();
      expect(await configWeb(server, 'update_license_properties', { properties: { switchboard: { canned_responses: '[]' } } })).toMatchObject({ status: 403, body: { error: { type: 'authorization' } } });
      expect(await configWeb(server, 'register_property', { name: 'canned_responses', owner_client_id: 'switchboard', type: 'string', access: { license: { agent: ['read', 'write'] } } })).toMatchObject({ status: 403, body: { error: { type: 'authorization' } } });
    });
  });
});
