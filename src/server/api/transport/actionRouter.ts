import { z } from 'zod';
import type { Origin } from '../../domain/domainEvents.js';
import { DomainError } from '../../domain/errors.js';

export type Transport = 'rtm' | 'web';

export interface ActionContext {
  transport: Transport;
  origin: Origin;
  /** Bot impersonation: frame `author_id` (RTM) or `X-Author-Id` (Web). */
  authorId?: string;
}

export interface ActionDefinition<S, P = unknown> {
  schema: z.ZodType<P>;
  handler: (session: S, payload: P, ctx: ActionContext) => Promise<unknown>;
  /** Defaults to both. */
  transports?: readonly Transport[];
}

export type ActionTable<S> = Record<string, ActionDefinition<S, never>>;

/** Declares one action; keeps the payload type of the schema and the handler in step. */
export function action<S, P>(schema: z.ZodType<P>, handler: (session: S, payload: P, ctx: ActionContext) => Promise<unknown>, transports?: readonly Transport[]): ActionDefinition<S, never> {
  return { schema, handler, ...(transports ? { transports } : {}) } as unknown as ActionDefinition<S, never>;
}

/**
 * The one dispatch path of both transports: look the action up, validate the payload against its
 * schema, run the handler. Unknown actions and bad payloads are `validation` errors. Never throws:
 * every failure is a rejection.
 *
 * NOTE: not an async function, which would wrap the handler's own promise in one more (a promise
 * and a thenable job per request: #16).
 */
export function dispatch<S>(table: ActionTable<S>, name: string, session: S, rawPayload: unknown, ctx: ActionContext): Promise<unknown> {
  try {
    const def = findAction(table, name, ctx.transport);
    if (!def) throw unknownAction(name);
    const parsed = def.schema.safeParse(rawPayload ?? {});
    if (!parsed.success) throw validationError(parsed.error);
    return (def.handler as (s: S, p: unknown, c: ActionContext) => Promise<unknown>)(session, parsed.data, ctx);
  } catch (err) {
    return Promise.reject(err);
  }
}

/** The action `name` of `table` served over `transport`; own properties only (`constructor`, `__proto__` are not actions). */
export function findAction<S>(table: ActionTable<S>, name: string, transport: Transport): ActionDefinition<S, never> | undefined {
  const def = Object.hasOwn(table, name) ? table[name] : undefined;
  return def && (!def.transports || def.transports.includes(transport)) ? def : undefined;
}

export function unknownAction(name: string): DomainError {
  const shown = name.slice(0, 100);
  return new DomainError('validation', `Unknown action: ${shown}`, { action: shown });
}

export function validationError(error: z.ZodError): DomainError {
  const issue = error.issues[0];
  const path = issue?.path.join('.') || 'payload';
  return new DomainError('validation', `${path}: ${issue?.message ?? 'invalid'}`, {
    errors: error.issues.slice(0, 10).map((i) => ({ path: i.path.join('.'), message: i.message })),
  });
}
