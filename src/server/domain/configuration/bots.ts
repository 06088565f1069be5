import { checkGroups } from '../agents/agentDirectory.js';
import type { Origin } from '../domainEvents.js';
import { DomainError } from '../errors.js';
import { hashSecret, newHexId } from '../ids.js';
import type { AgentRecord, GroupPriority } from '../model.js';
import type { Clock, StoreTx } from '../ports.js';
import type { UnitOfWork } from '../unitOfWork.js';

/** Bot fields beyond the AgentRecord, stored with it. */
interface BotExtras {
  defaultGroupPriority?: GroupPriority;
  workScheduler?: unknown;
  timezone?: string;
}
type BotRecord = AgentRecord & BotExtras;

export interface BotInput {
  name?: string;
  avatar?: string;
  maxChats?: number;
  defaultGroupPriority?: GroupPriority;
  jobTitle?: string;
  groups?: { id: number; priority: GroupPriority }[];
  workScheduler?: unknown;
  timezone?: string;
}

export const BOT_FIELDS = ['groups', 'work_scheduler', 'job_title', 'max_chats_count', 'timezone'] as const;
export type BotField = (typeof BOT_FIELDS)[number];

export function renderBot(b: BotRecord, fields: readonly BotField[] | 'all'): Record<string, unknown> {
  const out: Record<string, unknown> = { id: b.id, name: b.name, avatar: b.avatar ?? '' };
  if (b.ownerClientId !== undefined) out.owner_client_id = b.ownerClientId;
  const extra: Record<BotField | 'default_group_priority', unknown> = {
    default_group_priority: b.defaultGroupPriority ?? 'normal', groups: b.groups, work_scheduler: b.workScheduler,
    job_title: b.jobTitle, max_chats_count: b.maxChats, timezone: b.timezone,
  };
  for (const [k, v] of Object.entries(extra)) {
    if (v === undefined) continue;
    if (fields === 'all' || k === 'default_group_priority' || fields.includes(k as BotField)) out[k] = v;
  }
  return out;
}

/**
 * Bot agents: agents with no login, owned by a client id, that act through the Agent Chat API
 * with `X-Author-Id`. A new bot is `offline` (not routed, no bot webhooks) until its owner sets
 * another routing status.
 */
export class Bots {
  constructor(private readonly uow: UnitOfWork, private readonly clock: Clock) {}

  async create(licenseId: number, ownerClientId: string, input: BotInput & { name: string }, origin?: Origin): Promise<{ id: string; secret: string }> {
    return this.uow.run(async (tx, emit) => {
      await checkGroups(tx, licenseId, input.groups);
      const id = newHexId();
      const secret = newHexId();
      const bot: BotRecord = {
        id, licenseId, name: input.name, role: 'normal', isBot: true, ownerClientId, maxChats: input.maxChats ?? 6,
        // Like a new agent, a bot created without groups is a member of group 0 (it reaches the license's default chats).
        groups: withDefaultPriority(input.groups ?? [{ id: 0, priority: input.defaultGroupPriority ?? 'normal' }], input.defaultGroupPriority), botSecretHash: hashSecret(secret),
        routingStatus: 'offline', loginStatus: 'accepting_chats', createdAt: this.clock.now(),
        ...(input.avatar !== undefined ? { avatar: input.avatar } : {}),
        ...(input.jobTitle !== undefined ? { jobTitle: input.jobTitle } : {}),
        ...botExtras(input),
      };
      await tx.insertAgent(bot);
      emit({ kind: 'license_push', licenseId, name: 'bot_created', payload: renderBot(bot, 'all'), ...(origin ? { origin } : {}) });
      return { id, secret };
    });
  }

  get(licenseId: number, id: string, fields: readonly BotField[] = []): Promise<Record<string, unknown>> {
    return this.uow.read(async (tx) => renderBot(await requireBot(tx, licenseId, id), fields.length ? fields : 'all'));
  }

  /** `ownerClientId` undefined = every bot of the license. */
  list(licenseId: number, ownerClientId: string | undefined, fields: readonly BotField[] = []): Promise<Record<string, unknown>[]> {
    return this.uow.read(async (tx) => (await tx.listAgents(licenseId))
      .filter((a) => a.isBot && (ownerClientId === undefined || a.ownerClientId === ownerClientId))
      .map((b) => renderBot(b, fields)));
  }

  async update(licenseId: number, id: string, input: BotInput, origin?: Origin): Promise<void> {
    await this.uow.run(async (tx, emit) => {
      const bot = await requireBot(tx, licenseId, id);
      await checkGroups(tx, licenseId, input.groups);
      if (input.name !== undefined) bot.name = input.name;
      if (input.avatar !== undefined) bot.avatar = input.avatar;
      if (input.jobTitle !== undefined) bot.jobTitle = input.jobTitle;
      if (input.maxChats !== undefined) bot.maxChats = input.maxChats;
      if (input.groups !== undefined || input.defaultGroupPriority !== undefined) {
        bot.groups = withDefaultPriority(input.groups ?? bot.groups, input.defaultGroupPriority);
      }
      Object.assign(bot, botExtras(input));
      await tx.updateAgent(bot);
      emit({ kind: 'license_push', licenseId, name: 'bot_updated', payload: renderBot(bot, 'all'), ...(origin ? { origin } : {}) });
    });
  }

  async delete(licenseId: number, id: string, origin?: Origin): Promise<void> {
    await this.uow.run(async (tx, emit) => {
      await requireBot(tx, licenseId, id);
      await tx.deleteAgent(licenseId, id);
      emit({ kind: 'license_push', licenseId, name: 'bot_deleted', payload: { id }, ...(origin ? { origin } : {}) });
    });
  }

  /** A new secret replaces the old one (issue_bot_token needs it). */
  async resetSecret(licenseId: number, id: string, ownerClientId: string | undefined): Promise<{ secret: string }> {
    return this.uow.run(async (tx) => {
      const bot = await requireBot(tx, licenseId, id);
      if (ownerClientId !== undefined && bot.ownerClientId !== ownerClientId) throw new DomainError('authorization', 'The bot belongs to another client');
      const secret = newHexId();
      bot.botSecretHash = hashSecret(secret);
      await tx.updateAgent(bot);
      return { secret };
    });
  }
}

/** `default_group_priority` is the bot's priority in group 0 unless `groups` names group 0. */
function withDefaultPriority(groups: { id: number; priority: GroupPriority }[], priority?: GroupPriority): { id: number; priority: GroupPriority }[] {
  if (!priority) return groups;
  return [...groups.filter((g) => g.id !== 0), groups.find((g) => g.id === 0) ?? { id: 0, priority }];
}

function botExtras(input: BotInput): BotExtras {
  return {
    ...(input.defaultGroupPriority !== undefined ? { defaultGroupPriority: input.defaultGroupPriority } : {}),
    ...(input.workScheduler !== undefined ? { workScheduler: input.workScheduler } : {}),
    ...(input.timezone !== undefined ? { timezone: input.timezone } : {}),
  };
}

async function requireBot(tx: StoreTx, licenseId: number, id: string): Promise<BotRecord> {
  const bot = await tx.getAgent(licenseId, id);
  if (!bot?.isBot) throw new DomainError('not_found', `Bot ${id} not found`);
  return bot;
}
