import type { Properties, PropertyNames } from '../../../protocol/entities.js';
import { SEATS_PROPERTY } from '../agents/seats.js';
import { DomainError } from '../errors.js';
import type { PropertyDefinition, PropertyLocation, PropertyType } from '../model.js';
import { ALLOWED_WEBSITES_PROPERTY, parseAllowedWebsites } from './allowedWebsites.js';
import { FORM_PROPERTY_DEFINITIONS, FORMS_NAMESPACE, parseFormDefinition } from './forms.js';
import { FORM_TYPES } from '../../../protocol/forms.js';
import { GREETINGS_PROPERTY, GREETINGS_PROPERTY_DEFINITION, parseGreetingRules } from './greetingRules.js';
import { WIDGET_VALUE_CHECKS } from './widgetProperties.js';
import { CANNED_RESPONSES_PROPERTY_DEFINITION } from './cannedResponsesProperty.js';

type Access = PropertyDefinition['access'];
const rw = ['read', 'write'] as ('read' | 'write')[];
const r = ['read'] as ('read' | 'write')[];

function builtin(namespace: string, name: string, type: PropertyType, access: Access, extra: Partial<PropertyDefinition> = {}): Omit<PropertyDefinition, 'licenseId'> {
  return { namespace, name, type, access, ...extra };
}

const everywhere = (who: Partial<Record<'agent' | 'customer', ('read' | 'write')[]>>): Access => ({ chat: who, thread: who, event: who });

/** Properties every license has (protocol/data-structures.md §5); fixed, public, not stored. */
export const BUILTIN_PROPERTIES: Omit<PropertyDefinition, 'licenseId'>[] = [
  builtin('rating', 'score', 'int', everywhere({ customer: rw, agent: r }), { range: { from: 0, to: 1 } }),
  builtin('rating', 'comment', 'string', everywhere({ customer: rw, agent: r })),
  builtin('routing', 'continuous', 'bool', { chat: { agent: r, customer: r }, thread: { agent: r, customer: r } }),
  builtin('routing', 'unassigned', 'bool', { chat: { agent: r }, thread: { agent: r } }),
  builtin('routing', 'idle', 'bool', { chat: { agent: r }, thread: { agent: r } }),
  builtin('routing', 'pinned', 'bool', { chat: { agent: rw }, thread: { agent: rw } }),
  builtin('routing', 'start_url', 'string', { thread: { agent: r, customer: r } }),
  builtin('routing', 'referrer', 'string', { thread: { agent: r, customer: r } }),
  builtin('routing', 'max_customer_chats_count', 'int', { license: { agent: rw, customer: r } }, { defaultValue: 1, range: { from: 1, to: 100 } }),
  builtin(ALLOWED_WEBSITES_PROPERTY.namespace, ALLOWED_WEBSITES_PROPERTY.name, 'string', { license: { agent: rw } }, {
    defaultValue: '', description: 'Origins allowed to embed the widget and obtain visitor tokens, separated by spaces; empty = any website',
  }),
  builtin(SEATS_PROPERTY.namespace, SEATS_PROPERTY.name, 'int', { license: { agent: rw } }, {
    range: { from: 1, to: 100_000 }, description: 'How many human agents may use the license (unset = no limit); see agents/seats.ts',
  }),
  ...FORM_PROPERTY_DEFINITIONS,
  GREETINGS_PROPERTY_DEFINITION,
  CANNED_RESPONSES_PROPERTY_DEFINITION,
  builtin('source', 'client_id', 'string', { chat: { agent: r, customer: r } }),
  builtin('source', 'customer_client_id', 'string', { chat: { agent: r, customer: r } }),
  builtin('chats', 'max_agent_active_chats', 'int', { license: { agent: rw } }, { defaultValue: 6, range: { from: 1, to: 500 } }),
  builtin('chats', 'chat_inactive_after_min', 'int', { license: { agent: rw } }),
  builtin('chats', 'archive_chat_after_min', 'int', { license: { agent: rw } }),
  builtin('chats', 'customer_timeout_after_min', 'int', { license: { agent: rw } }),
  ...(['string_property', 'int_property', 'bool_property', 'tokenized_string_property'] as const).map((name) =>
    builtin('test', name, name.replace('_property', '') as PropertyType, {
      chat: { agent: rw, customer: rw }, thread: { agent: rw, customer: rw }, event: { agent: rw, customer: rw },
      license: { agent: rw, customer: rw }, group: { agent: rw, customer: rw },
    })),
];

/** NOTE: `switchboard` holds built-ins (`canned_responses`) but stays open to registration (`switchboard.topic`). */
export const BUILTIN_NAMESPACES = new Set(BUILTIN_PROPERTIES.map((p) => p.namespace).filter((ns) => ns !== 'switchboard'));

/** The widget's chat topic; registered on first start like any other property (see README). */
export const TOPIC_PROPERTY_DEFINITION: Omit<PropertyDefinition, 'licenseId'> = {
  namespace: 'switchboard',
  name: 'topic',
  type: 'string',
  description: 'Topic of a chat as the visitor named it in the Switchboard widget ("billing", "order #123").',
  access: { chat: { customer: rw, agent: rw }, thread: { customer: rw, agent: rw } },
  publicAccess: rw,
};

export class PropertyRegistry {
  readonly #defs = new Map<string, Omit<PropertyDefinition, 'licenseId'>>();

  constructor(registered: readonly Omit<PropertyDefinition, 'licenseId'>[]) {
    for (const d of [...BUILTIN_PROPERTIES, ...registered]) this.#defs.set(`${d.namespace}.${d.name}`, d);
  }

  get(namespace: string, name: string): Omit<PropertyDefinition, 'licenseId'> | undefined {
    return this.#defs.get(`${namespace}.${name}`);
  }

  all(): Omit<PropertyDefinition, 'licenseId'>[] {
    return [...this.#defs.values()];
  }

  /** Refuses unknown properties, values of the wrong type or outside the domain, and writes without access. */
  checkWrite(location: PropertyLocation, who: 'agent' | 'customer', properties: Properties): void {
    for (const [namespace, values] of Object.entries(properties)) {
      if (typeof values !== 'object' || values === null || Array.isArray(values)) {
        throw new DomainError('validation', `properties.${namespace} must be an object`);
      }
      for (const [name, value] of Object.entries(values)) {
        const def = this.#require(namespace, name, location);
        if (!def.access[location]?.[who]?.includes('write')) {
          throw new DomainError('authorization', `No write access to property ${namespace}.${name} for ${who}s`);
        }
        checkValue(def, value);
      }
    }
  }

  checkDelete(location: PropertyLocation, who: 'agent' | 'customer', names: PropertyNames): void {
    for (const [namespace, list] of Object.entries(names)) {
      if (!Array.isArray(list)) throw new DomainError('validation', `properties.${namespace} must be an array of names`);
      for (const name of list) {
        const def = this.#require(namespace, name, location);
        if (!def.access[location]?.[who]?.includes('write')) {
          throw new DomainError('authorization', `No write access to property ${namespace}.${name} for ${who}s`);
        }
      }
    }
  }

  /** Keeps only what `who` may read at `location`. */
  readable(location: PropertyLocation, who: 'agent' | 'customer', properties: Properties): Properties {
    const out: Properties = {};
    for (const [namespace, values] of Object.entries(properties)) {
      for (const [name, value] of Object.entries(values)) {
        const def = this.get(namespace, name);
        if (!def?.access[location]?.[who]?.includes('read') && !def?.access[location]?.[who]?.includes('write')) continue;
        (out[namespace] ??= {})[name] = value;
      }
    }
    return out;
  }

  #require(namespace: string, name: string, location: PropertyLocation): Omit<PropertyDefinition, 'licenseId'> {
    const def = this.get(namespace, name);
    if (!def) throw new DomainError('validation', `Property ${namespace}.${name} is not registered`);
    if (!def.access[location]) throw new DomainError('validation', `Property ${namespace}.${name} is not defined for location ${location}`);
    return def;
  }
}

/** Values whose string form has its own grammar. */
const VALUE_CHECKS: Record<string, (value: unknown) => void> = {
  [`${ALLOWED_WEBSITES_PROPERTY.namespace}.${ALLOWED_WEBSITES_PROPERTY.name}`]: (value) => parseAllowedWebsites(value as string),
  [`${GREETINGS_PROPERTY.namespace}.${GREETINGS_PROPERTY.name}`]: (value) => void parseGreetingRules(value as string),
  ...Object.fromEntries(FORM_TYPES.map((type) => [`${FORMS_NAMESPACE}.${type}`, (value: unknown) => void parseFormDefinition(value as string, type)])),
  ...WIDGET_VALUE_CHECKS,
};

function checkValue(def: Omit<PropertyDefinition, 'licenseId'>, value: unknown): void {
  const label = `${def.namespace}.${def.name}`;
  switch (def.type) {
    case 'int':
      if (!Number.isInteger(value) || (value as number) > 2 ** 31 - 1 || (value as number) < -(2 ** 31)) throw new DomainError('validation', `${label} must be an int32`);
      break;
    case 'bool':
      if (typeof value !== 'boolean') throw new DomainError('validation', `${label} must be a bool`);
      break;
    default:
      if (typeof value !== 'string') throw new DomainError('validation', `${label} must be a string`);
      if (value.length > 4096) throw new DomainError('validation', `${label} is too long`);
  }
  VALUE_CHECKS[label]?.(value);
  if (def.domain && !def.domain.includes(value)) throw new DomainError('validation', `${label} must be one of ${JSON.stringify(def.domain)}`);
  if (def.range && typeof value === 'number' && (value < def.range.from || value > def.range.to)) {
    throw new DomainError('validation', `${label} must be between ${def.range.from} and ${def.range.to}`);
  }
}

export function mergeProperties(target: Properties, update: Properties): Properties {
  const out: Properties = structuredClone(target);
  for (const [ns, values] of Object.entries(update)) out[ns] = { ...(out[ns] ?? {}), ...values };
  return out;
}

export function removeProperties(target: Properties, names: PropertyNames): Properties {
  const out: Properties = structuredClone(target);
  for (const [ns, list] of Object.entries(names)) {
    const bucket = out[ns];
    if (!bucket) continue;
    for (const name of list) delete bucket[name];
    if (Object.keys(bucket).length === 0) delete out[ns];
  }
  return out;
}
