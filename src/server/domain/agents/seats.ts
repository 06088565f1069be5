import { DomainError } from '../errors.js';
import type { AgentRecord } from '../model.js';
import type { StoreTx } from '../ports.js';

/**
 * License property `subscription.seats`: how many human agents may use the license at once.
 * Unset = no limit. Bots, suspended agents and agents awaiting approval hold no seat.
 */
export const SEATS_PROPERTY = { namespace: 'subscription', name: 'seats' } as const;

export const holdsSeat = (a: AgentRecord): boolean => !a.isBot && !a.suspended && !a.awaitingApproval;

async function seatLimit(tx: StoreTx, licenseId: number): Promise<number | undefined> {
  const value = (await tx.getLicenseProperties(licenseId))[SEATS_PROPERTY.namespace]?.[SEATS_PROPERTY.name];
  return typeof value === 'number' ? value : undefined;
}

/** Before an agent starts holding a seat (create, approve, unsuspend): `seats_limit_exceeded` when none is free. */
export async function requireFreeSeat(tx: StoreTx, licenseId: number): Promise<void> {
  const limit = await seatLimit(tx, licenseId);
  if (limit === undefined) return;
  const taken = (await tx.listAgents(licenseId)).filter(holdsSeat).length;
  if (taken >= limit) throw new DomainError('seats_limit_exceeded', `All ${limit} seats of the license are taken`, { seats: limit });
}

/**
 * At login: when the limit was lowered below the agents holding seats, the earliest-created ones
 * (the owner first) keep theirs and the others are refused with `seats_limit_exceeded`.
 */
export async function requireOwnSeat(tx: StoreTx, agent: AgentRecord): Promise<void> {
  const limit = await seatLimit(tx, agent.licenseId);
  if (limit === undefined) return;
  const seated = (await tx.listAgents(agent.licenseId)).filter(holdsSeat)
    .sort((a, b) => Number(b.role === 'owner') - Number(a.role === 'owner') || a.createdAt - b.createdAt || a.id.localeCompare(b.id));
  if (seated.slice(0, limit).some((a) => a.id === agent.id)) return;
  throw new DomainError('seats_limit_exceeded', `All ${limit} seats of the license are taken`, { seats: limit });
}

/** `requester_suspended` / `requester_awaiting_approval` for an agent that may not act. */
export function requireActive(agent: AgentRecord): void {
  if (agent.suspended) throw new DomainError('requester_suspended', 'This agent is suspended; request_agent_unsuspension asks the owners to lift it');
  if (agent.awaitingApproval) throw new DomainError('requester_awaiting_approval', 'This agent awaits approval by an administrator (approve_agent)');
}
