import { formatTimestamp } from '../../../protocol/time.js';
import { checkGroups } from '../agents/agentDirectory.js';
import type { Origin } from '../domainEvents.js';
import { DomainError } from '../errors.js';
import type { AgentRecord } from '../model.js';
import type { Clock, StoreTx } from '../ports.js';
import type { UnitOfWork } from '../unitOfWork.js';
import type { TagRecord } from './configModel.js';

export const MAX_TAG_LENGTH = 256;

export function renderTag(t: TagRecord): { name: string; group_ids: number[]; created_at: string; author_id: string } {
  return { name: t.name, group_ids: t.groupIds, created_at: formatTimestamp(t.createdAt), author_id: t.authorId };
}

/**
 * Which groups' tags an agent manages: owners, vice-owners and administrators every group
 * (`tags--all`), normal agents only the groups they belong to (`tags--groups`).
 */
function manages(agent: AgentRecord, groupIds: readonly number[]): boolean {
  if (agent.role !== 'normal') return true;
  const mine = new Set(agent.groups.map((g) => g.id));
  return groupIds.every((g) => mine.has(g));
}

function requireManages(agent: AgentRecord, groupIds: readonly number[]): void {
  if (!manages(agent, groupIds)) throw new DomainError('authorization', 'Tags of groups you are not a member of need an administrator');
}

/** The license's tag registry (Configuration API `create_tag`, `update_tag`, `delete_tag`, `list_tags`). */
export class Tags {
  constructor(private readonly uow: UnitOfWork, private readonly clock: Clock) {}

  /** NOTE: names are unique regardless of letter case; later lookups (update, delete, tag_thread) are case-sensitive, as documented. */
  async create(agent: AgentRecord, input: { name: string; groupIds?: number[] }, origin?: Origin): Promise<void> {
    const name = checkName(input.name);
    const groupIds = unique(input.groupIds ?? []);
    requireManages(agent, groupIds);
    await this.uow.run(async (tx, emit) => {
      await checkGroups(tx, agent.licenseId, groupIds.map((id) => ({ id })));
      const clash = await tx.findTagIgnoringCase(agent.licenseId, name);
      if (clash) throw new DomainError('already_exists', `Tag ${clash.name} already exists`, { name: clash.name });
      const tag: TagRecord = { licenseId: agent.licenseId, name, groupIds, createdAt: this.clock.now(), authorId: agent.id };
      await tx.upsertTag(tag);
      emit({ kind: 'license_push', licenseId: agent.licenseId, name: 'tag_created', payload: renderTag(tag), ...(origin ? { origin } : {}) });
    });
  }

  async update(agent: AgentRecord, input: { name: string; groupIds?: number[] }, origin?: Origin): Promise<void> {
    await this.uow.run(async (tx, emit) => {
      const tag = await requireTag(tx, agent.licenseId, input.name);
      // Omitted group_ids leave the groups as they are; [] clears them.
      const groupIds = input.groupIds === undefined ? tag.groupIds : unique(input.groupIds);
      requireManages(agent, [...tag.groupIds, ...groupIds]);
      await checkGroups(tx, agent.licenseId, groupIds.map((id) => ({ id })));
      tag.groupIds = groupIds;
      await tx.upsertTag(tag);
      emit({ kind: 'license_push', licenseId: agent.licenseId, name: 'tag_updated', payload: { name: tag.name, group_ids: tag.groupIds }, ...(origin ? { origin } : {}) });
    });
  }

  /** Threads tagged before keep the tag (as archives do); it only stops being usable for new tagging. */
  async delete(agent: AgentRecord, name: string, origin?: Origin): Promise<void> {
    await this.uow.run(async (tx, emit) => {
      const tag = await requireTag(tx, agent.licenseId, name);
      requireManages(agent, tag.groupIds);
      await tx.deleteTag(agent.licenseId, tag.name);
      emit({ kind: 'license_push', licenseId: agent.licenseId, name: 'tag_deleted', payload: { name: tag.name }, ...(origin ? { origin } : {}) });
    });
  }

  /** Tags assigned to any of `groupIds` (or all tags); normal agents see only tags of their own groups. */
  list(agent: AgentRecord, groupIds: readonly number[] | 'all'): Promise<ReturnType<typeof renderTag>[]> {
    return this.uow.read(async (tx) => (await tx.listTags(agent.licenseId))
      .filter((t) => groupIds === 'all' || t.groupIds.some((g) => groupIds.includes(g)))
      .filter((t) => agent.role !== 'normal' || t.groupIds.length === 0 || t.groupIds.some((g) => manages(agent, [g])))
      .map(renderTag));
  }
}

/**
 * `tag_thread` accepts a registered tag (exact name) that shares a group with the thread; anything
 * else is `not_found` with `data.tag`.
 */
export async function requireUsableTag(tx: StoreTx, licenseId: number, name: string, threadGroups: readonly number[]): Promise<TagRecord> {
  const tag = await tx.getTag(licenseId, name);
  if (!tag) throw new DomainError('not_found', `Tag ${name} is not registered (Configuration API create_tag)`, { tag: name });
  if (!tag.groupIds.some((g) => threadGroups.includes(g))) {
    throw new DomainError('not_found', `Tag ${name} is not assigned to any group of this thread`, { tag: name, group_ids: [...threadGroups] });
  }
  return tag;
}

async function requireTag(tx: StoreTx, licenseId: number, name: string): Promise<TagRecord> {
  const tag = await tx.getTag(licenseId, name);
  if (!tag) throw new DomainError('not_found', `Tag ${name} not found`, { tag: name });
  return tag;
}

function checkName(raw: string): string {
  const name = raw.trim();
  if (!name) throw new DomainError('validation', 'name must not be empty');
  if (name.length > MAX_TAG_LENGTH) throw new DomainError('validation', `name is longer than ${MAX_TAG_LENGTH} characters`);
  return name;
}

const unique = (ids: readonly number[]): number[] => [...new Set(ids)];
