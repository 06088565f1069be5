import { z } from 'zod';
import type { CannedResponse } from '../../../protocol/configuration.js';
import { formatTimestamp } from '../../../protocol/time.js';
import { checkGroups } from '../agents/agentDirectory.js';
import { DomainError } from '../errors.js';
import type { AgentRecord } from '../model.js';
import { decodePageToken, encodePageToken } from '../pagination.js';
import type { Clock, StoreTx } from '../ports.js';
import type { UnitOfWork } from '../unitOfWork.js';
import { CANNED_RESPONSES_PROPERTY } from './cannedResponsesProperty.js';

export const MAX_CANNED_TEXT = 2000;
export const MAX_CANNED_TAGS = 20;
export const MAX_CANNED_RESPONSES = 1000;
const TAG = /^[a-z0-9_]{1,50}$/;

/** One stored response; times in microseconds. */
const stored = z.object({
  id: z.number().int().positive(),
  text: z.string(),
  tags: z.array(z.string()),
  group_id: z.number().int().nonnegative(),
  created_by: z.string(),
  author_id: z.string(),
  created_at: z.number(),
  updated_at: z.number(),
});
const document = z.object({ next_id: z.number().int().positive(), items: z.array(stored) });
type Stored = z.infer<typeof stored>;
type Document = z.infer<typeof document>;

export interface CannedResponseInput {
  text?: string;
  tags?: string[];
  groupId?: number;
}

export interface CannedResponsePage {
  canned_responses: CannedResponse[];
  found_canned_responses: number;
  next_page_id?: string;
}

/** Tags as shortcuts: a leading `#` is dropped; lower-case letters, digits and `_`; unique. */
export function checkTags(raw: readonly string[]): string[] {
  const tags = [...new Set(raw.map((t) => t.trim().replace(/^#/, '')))];
  if (tags.length === 0) throw new DomainError('validation', 'tags must name at least one shortcut, such as "refund"', { field: 'tags' });
  if (tags.length > MAX_CANNED_TAGS) throw new DomainError('validation', `tags holds at most ${MAX_CANNED_TAGS} shortcuts`, { field: 'tags' });
  const bad = tags.find((t) => !TAG.test(t));
  if (bad !== undefined) throw new DomainError('validation', `tag ${JSON.stringify(bad)} may hold only lower-case letters, digits and "_" (at most 50)`, { field: 'tags', tag: bad });
  return tags;
}

export function checkText(raw: string): string {
  const text = raw.trim();
  if (!text) throw new DomainError('validation', 'text must not be empty', { field: 'text' });
  if (text.length > MAX_CANNED_TEXT) throw new DomainError('validation', `text holds at most ${MAX_CANNED_TEXT} characters`, { field: 'text' });
  return text;
}

function requireManager(agent: AgentRecord): void {
  if (agent.role === 'normal') throw new DomainError('authorization', 'Only owners, vice-owners and administrators may change canned responses');
}

/** Groups whose responses an agent uses: every group for the managers, else General and their own. */
function visibleGroups(agent: AgentRecord): Set<number> | 'all' {
  return agent.role === 'normal' ? new Set([0, ...agent.groups.map((g) => g.id)]) : 'all';
}

function render(r: Stored): CannedResponse {
  return {
    id: r.id, text: r.text, tags: r.tags, group_id: r.group_id, is_private: false,
    author_id: r.author_id, created_by: r.created_by, created_at: formatTimestamp(r.created_at), updated_at: formatTimestamp(r.updated_at),
  };
}

/** Configuration API `create_canned_response`, `update_canned_response`, `delete_canned_response`, `list_canned_responses`. */
export class CannedResponses {
  constructor(private readonly uow: UnitOfWork, private readonly clock: Clock) {}

  async create(agent: AgentRecord, input: Required<CannedResponseInput>): Promise<{ id: number }> {
    requireManager(agent);
    const text = checkText(input.text);
    const tags = checkTags(input.tags);
    return this.uow.run(async (tx) => {
      await checkGroups(tx, agent.licenseId, [{ id: input.groupId }]);
      const doc = await load(tx, agent.licenseId);
      if (doc.items.length >= MAX_CANNED_RESPONSES) throw new DomainError('limit_reached', `A license holds at most ${MAX_CANNED_RESPONSES} canned responses`);
      const now = this.clock.now();
      const id = doc.next_id;
      doc.items.push({ id, text, tags, group_id: input.groupId, created_by: agent.id, author_id: agent.id, created_at: now, updated_at: now });
      doc.next_id = id + 1;
      await save(tx, agent.licenseId, doc);
      return { id };
    });
  }

  /** Omitted fields stay as they are; `author_id` becomes the editor. */
  async update(agent: AgentRecord, id: number, input: CannedResponseInput): Promise<void> {
    requireManager(agent);
    const text = input.text === undefined ? undefined : checkText(input.text);
    const tags = input.tags === undefined ? undefined : checkTags(input.tags);
    await this.uow.run(async (tx) => {
      if (input.groupId !== undefined) await checkGroups(tx, agent.licenseId, [{ id: input.groupId }]);
      const doc = await load(tx, agent.licenseId);
      const item = requireItem(doc, id);
      if (text !== undefined) item.text = text;
      if (tags !== undefined) item.tags = tags;
      if (input.groupId !== undefined) item.group_id = input.groupId;
      item.author_id = agent.id;
      item.updated_at = this.clock.now();
      await save(tx, agent.licenseId, doc);
    });
  }

  async delete(agent: AgentRecord, id: number): Promise<void> {
    requireManager(agent);
    await this.uow.run(async (tx) => {
      const doc = await load(tx, agent.licenseId);
      requireItem(doc, id);
      doc.items = doc.items.filter((r) => r.id !== id);
      await save(tx, agent.licenseId, doc);
    });
  }

  /** Oldest first; `group_ids` narrows to those groups; normal agents see General and their own groups. */
  list(agent: AgentRecord, input: { groupIds?: number[]; limit?: number; pageId?: string }): Promise<CannedResponsePage> {
    const now = this.clock.now();
    const token = input.pageId !== undefined ? decodePageToken<{ group_ids?: number[] }>(input.pageId, now, 'canned_responses') : undefined;
    if (token && (input.limit !== undefined || input.groupIds !== undefined)) throw new DomainError('validation', 'page_id cannot be combined with group_ids or limit');
    const limit = token?.limit ?? input.limit ?? 100;
    const groupIds = token?.filters?.group_ids ?? input.groupIds;
    const after = token?.after?.key ?? 0;
    return this.uow.read(async (tx) => {
      const visible = visibleGroups(agent);
      const found = (await load(tx, agent.licenseId)).items
        .filter((r) => visible === 'all' || visible.has(r.group_id))
        .filter((r) => groupIds === undefined || groupIds.includes(r.group_id));
      const page = found.filter((r) => r.id > after).slice(0, limit);
      const last = page.at(-1);
      const more = last !== undefined && found.some((r) => r.id > last.id);
      return {
        canned_responses: page.map(render),
        found_canned_responses: found.length,
        ...(more ? { next_page_id: encodePageToken({ order: 'asc', limit, scope: 'canned_responses', after: { key: last.id, id: String(last.id) }, ...(groupIds ? { filters: { group_ids: groupIds } } : {}) }, now) } : {}),
      };
    });
  }
}

function requireItem(doc: Document, id: number): Stored {
  const item = doc.items.find((r) => r.id === id);
  if (!item) throw new DomainError('not_found', `Canned response ${id} not found`, { id });
  return item;
}

async function load(tx: StoreTx, licenseId: number): Promise<Document> {
  const raw = (await tx.getLicenseProperties(licenseId))[CANNED_RESPONSES_PROPERTY.namespace]?.[CANNED_RESPONSES_PROPERTY.name];
  if (typeof raw !== 'string' || raw === '') return { next_id: 1, items: [] };
  return document.parse(JSON.parse(raw));
}

async function save(tx: StoreTx, licenseId: number, doc: Document): Promise<void> {
  await tx.updateLicenseProperties(licenseId, { [CANNED_RESPONSES_PROPERTY.namespace]: { [CANNED_RESPONSES_PROPERTY.name]: JSON.stringify(doc) } });
}
