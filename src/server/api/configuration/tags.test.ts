import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { agentWithRole, config, configWeb } from '../../../testing/configClient.js';
import { connectCustomer, ownerAgent, type RawRtm, type TestAgent } from '../../../testing/testClients.js';
import { startAcceptingServer } from '../../../testing/acceptingServer.js';
import type { TestServer } from '../../../testing/testServer.js';
import { WebhookReceiver } from '../../../testing/webhookReceiver.js';
import { registerLicenseWebhooks } from '../../../testing/licenseWebhooks.js';

let server: TestServer;
let owner: TestAgent;
let ownerRtm: RawRtm;
let receiver: WebhookReceiver;
let salesGroup: number;

beforeAll(async () => {
  server = await startAcceptingServer();
  owner = ownerAgent(server);
  ownerRtm = await owner.connect();
  receiver = await WebhookReceiver.start();
  await registerLicenseWebhooks(server, receiver, 'tags-app', ['tag_created', 'tag_updated', 'tag_deleted', 'thread_tagged']);
  salesGroup = (await config<{ id: number }>(server, 'create_group', { name: 'Sales', agent_priorities: { [server.credentials.owner.id]: 'normal' } })).id;
});
afterAll(async () => {
  ownerRtm.close();
  await receiver.close();
  await server.close();
});

/** A chat of a new customer, routed to the owner in group 0. */
async function threadInGroup0(): Promise<{ chatId: string; threadId: string }> {
  const c = await connectCustomer(server);
  const { chat_id, thread_id } = await c.rtm.call<{ chat_id: string; thread_id: string }>('start_chat', {});
  c.rtm.close();
  return { chatId: chat_id, threadId: thread_id };
}

describe('Configuration API tags (#13)', () => {
  describe('create_tag / list_tags / update_tag / delete_tag', () => {
    it('keeps a registry with groups, author and creation time, and fires tag_* pushes and webhooks', async () => {
      await config(server, 'create_tag', { name: 'docs_feedback', group_ids: [0, salesGroup] });
      const created = await ownerRtm.push('tag_created', (p) => p.name === 'docs_feedback');
      expect(created.payload).toEqual({ name: 'docs_feedback', group_ids: [0, salesGroup], author_id: server.credentials.owner.id, created_at: expect.stringMatching(/^\d{4}-\d\d-\d\dT.*Z$/) });
      expect(await config(server, 'list_tags', { filters: { group_ids: [salesGroup] } })).toEqual([created.payload]);

      await config(server, 'update_tag', { name: 'docs_feedback', group_ids: [0] });
      expect((await ownerRtm.push('tag_updated', (p) => p.name === 'docs_feedback')).payload).toEqual({ name: 'docs_feedback', group_ids: [0] });
      expect(await config(server, 'list_tags', { filters: { group_ids: [salesGroup] } })).toEqual([]);
      await config(server, 'update_tag', { name: 'docs_feedback' });
      expect(await config(server, 'list_tags', { filters: { group_ids: [0] } })).toContainEqual(expect.objectContaining({ name: 'docs_feedback', group_ids: [0] }));

      await config(server, 'delete_tag', { name: 'docs_feedback' });
      expect((await ownerRtm.push('tag_deleted', (p) => p.name === 'docs_feedback')).payload).toEqual({ name: 'docs_feedback' });
      expect(await config<unknown[]>(server, 'list_tags', {})).not.toContainEqual(expect.objectContaining({ name: 'docs_feedback' }));

      await receiver.until(() => receiver.of('tag_deleted').length === 1 && receiver.of('tag_updated').length === 2 && receiver.of('tag_created').length >= 1);
      expect(receiver.of('tag_created')[0]!.payload).toEqual(created.payload);
      expect(receiver.of('tag_updated').map((w) => w.payload)).toEqual([{ name: 'docs_feedback', group_ids: [0] }, { name: 'docs_feedback', group_ids: [0] }]);
      expect(receiver.of('tag_deleted')[0]!.payload).toEqual({ name: 'docs_feedback' });
    });

    it('refuses a name that exists in another letter case (already_exists) and matches update/delete case-sensitively (not_found)', async () => {
      await config(server, 'create_tag', { name: 'Complaint', group_ids: [0] });
      expect(await configWeb(server, 'create_tag', { name: 'complaint' })).toMatchObject({ status: 409, body: { error: { type: 'already_exists' } } });
      expect(await configWeb(server, 'update_tag', { name: 'complaint', group_ids: [0] })).toMatchObject({ status: 404, body: { error: { type: 'not_found' } } });
      expect(await configWeb(server, 'delete_tag', { name: 'COMPLAINT' })).toMatchObject({ status: 404, body: { error: { type: 'not_found' } } });
    });

    it('refuses unknown groups (group_not_found), empty names and unknown list filters (validation)', async () => {
      expect(await configWeb(server, 'create_tag', { name: 'x', group_ids: [999] })).toMatchObject({ status: 404, body: { error: { type: 'group_not_found' } } });
      expect(await configWeb(server, 'create_tag', { name: '  ' })).toMatchObject({ status: 400, body: { error: { type: 'validation' } } });
      expect(await configWeb(server, 'list_tags', { filters: { group_ids: [0], names: ['x'] } })).toMatchObject({ status: 400, body: { error: { type: 'validation' } } });
    });

    it('lets a normal agent manage tags of its own groups only (authorization otherwise)', async () => {
      const auth = await agentWithRole(server, 'tagger@example.com', 'normal', [{ id: 0, priority: 'normal' }]);
      await config(server, 'create_tag', { name: 'mine', group_ids: [0] }, auth);
      expect(await configWeb(server, 'create_tag', { name: 'theirs', group_ids: [salesGroup] }, auth)).toMatchObject({ status: 403, body: { error: { type: 'authorization' } } });
      await config(server, 'create_tag', { name: 'sales_only', group_ids: [salesGroup] });
      expect((await config<{ name: string }[]>(server, 'list_tags', {}, auth)).map((t) => t.name)).not.toContain('sales_only');
      expect(await configWeb(server, 'delete_tag', { name: 'sales_only' }, auth)).toMatchObject({ status: 403, body: { error: { type: 'authorization' } } });
    });
  });

  describe('tag_thread / untag_thread', () => {
    it('accepts only registered tags that share a group with the thread, over Web and RTM (#13)', async () => {
      const { chatId, threadId } = await threadInGroup0();
      await config(server, 'create_tag', { name: 'refund', group_ids: [0] });
      await config(server, 'create_tag', { name: 'lead', group_ids: [salesGroup] });

      const unknown = await owner.web('tag_thread', { chat_id: chatId, thread_id: threadId, tag: 'never_registered' });
      expect(unknown).toMatchObject({ status: 404, body: { error: { type: 'not_found', data: { tag: 'never_registered' } } } });
      expect((await ownerRtm.request('tag_thread', { chat_id: chatId, thread_id: threadId, tag: 'lead' })).payload.error).toMatchObject({ type: 'not_found', data: { tag: 'lead' } });
      expect((await owner.web('tag_thread', { chat_id: chatId, thread_id: threadId, tag: 'Refund' })).status).toBe(404);

      await ownerRtm.call('tag_thread', { chat_id: chatId, thread_id: threadId, tag: 'refund' });
      await receiver.until(() => receiver.of('thread_tagged').some((w) => w.payload.chat_id === chatId));
      expect(receiver.of('thread_tagged').find((w) => w.payload.chat_id === chatId)!.payload).toEqual({ chat_id: chatId, thread_id: threadId, tag: 'refund' });
      expect((await owner.web<{ thread: { tags: string[] } }>('get_chat', { chat_id: chatId })).body.thread.tags).toEqual(['refund']);
    });

    it('untags a tag deleted from the registry since', async () => {
      const { chatId, threadId } = await threadInGroup0();
      await config(server, 'create_tag', { name: 'temporary', group_ids: [0] });
      await owner.web('tag_thread', { chat_id: chatId, thread_id: threadId, tag: 'temporary' });
      await config(server, 'delete_tag', { name: 'temporary' });
      expect((await owner.web('untag_thread', { chat_id: chatId, thread_id: threadId, tag: 'temporary' })).status).toBe(200);
      expect((await owner.web<{ thread: { tags: string[] } }>('get_chat', { chat_id: chatId })).body.thread.tags).toEqual([]);
      expect((await owner.web('tag_thread', { chat_id: chatId, thread_id: threadId, tag: 'temporary' })).status).toBe(404);
    });
  });
});
