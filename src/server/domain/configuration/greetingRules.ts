import { z } from 'zod';
import { DomainError } from '../errors.js';
import type { PropertyDefinition } from '../model.js';

/**
 * Targeted messages: license property `greetings.targeted`, a JSON array of greetings shown to a
 * visitor whose page URL contains `url_contains` (docs/api-notes.md#greetings). Empty = none.
 */
export const GREETINGS_PROPERTY = { namespace: 'greetings', name: 'targeted' } as const;

export const GREETINGS_PROPERTY_DEFINITION: Omit<PropertyDefinition, 'licenseId'> = {
  ...GREETINGS_PROPERTY, type: 'string', defaultValue: '',
  description: 'Targeted greetings as JSON: [{"id", "text", "url_contains", "agent_id"?}]; the first whose url_contains is in the page URL is shown',
  access: { license: { agent: ['read', 'write'] } },
};

export interface GreetingRule {
  id: number;
  text: string;
  url_contains: string;
  /** Shown as the greeting's author; default: the license owner. */
  agent_id?: string;
}

const rules = z.array(z.strictObject({
  id: z.number().int().positive(),
  text: z.string().trim().min(1).max(1024),
  url_contains: z.string().min(1).max(512),
  agent_id: z.string().min(1).max(128).optional(),
})).max(20);

/** Parses the stored property; throws `validation` naming the first problem. */
export function parseGreetingRules(value: string): GreetingRule[] {
  if (value.trim() === '') return [];
  let json: unknown;
  try {
    json = JSON.parse(value);
  } catch {
    throw new DomainError('validation', 'greetings.targeted must be a JSON array of greetings or empty');
  }
  const parsed = rules.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new DomainError('validation', `greetings.targeted: ${issue.path.join('.') || 'greetings'}: ${issue.message}`);
  }
  if (new Set(parsed.data.map((g) => g.id)).size !== parsed.data.length) throw new DomainError('validation', 'greetings.targeted: greeting ids must be unique');
  return parsed.data as GreetingRule[];
}

/** The first greeting whose `url_contains` occurs in the page URL. */
export function matchGreeting(list: readonly GreetingRule[], pageUrl: string): GreetingRule | undefined {
  return list.find((g) => pageUrl.includes(g.url_contains));
}
