import { DomainError } from '../errors.js';
import type { PropertyDefinition, PropertyLocation, PropertyType } from '../model.js';
import { BUILTIN_NAMESPACES } from './properties.js';
import { isBuiltinProperty, type PropertyCatalog } from './propertyCatalog.js';
import type { UnitOfWork } from '../unitOfWork.js';

export interface PropertyDefinitionInput {
  name: string;
  ownerClientId: string;
  type: PropertyType;
  access: PropertyDefinition['access'];
  description?: string;
  domain?: unknown[];
  range?: { from: number; to: number };
  defaultValue?: unknown;
}

export type PropertyDefinitionView = {
  type: PropertyType;
  description?: string;
  access: PropertyDefinition['access'];
  public_access?: ('read' | 'write')[];
  domain?: unknown[];
  range?: { from: number; to: number };
  default_value?: unknown;
};

const NAME = /^[A-Za-z0-9_-]{1,64}$/;

/**
 * Property definitions of a license (register/unregister/publish/list_properties). The namespace
 * of a property is its owner's client id. Every change invalidates the license's cached registry,
 * so the Customer and Agent APIs accept a new property, or refuse a removed one, at once.
 */
export class PropertyDefinitions {
  constructor(private readonly uow: UnitOfWork, private readonly catalog: PropertyCatalog) {}

  async register(licenseId: number, input: PropertyDefinitionInput): Promise<void> {
    const def = validated(licenseId, input);
    await this.#change(licenseId, async (tx) => {
      const existing = (await tx.listPropertyDefinitions(licenseId)).find((d) => d.namespace === def.namespace && d.name === def.name);
      if (existing) throw new DomainError('already_exists', `Property ${def.namespace}.${def.name} is already registered`);
      await tx.upsertPropertyDefinition(def);
    });
  }

  async unregister(licenseId: number, ownerClientId: string, name: string): Promise<void> {
    await this.#change(licenseId, async (tx) => {
      const def = await this.#require(tx, licenseId, ownerClientId, name);
      if (def.publicAccess?.length) throw new DomainError('validation', `Property ${ownerClientId}.${name} is published and cannot be unregistered`);
      await tx.deletePropertyDefinition(licenseId, ownerClientId, name);
    });
  }

  /** Gives other clients access; irreversible (access only grows). */
  async publish(licenseId: number, ownerClientId: string, name: string, accessType: ('read' | 'write')[]): Promise<void> {
    await this.#change(licenseId, async (tx) => {
      const def = await this.#require(tx, licenseId, ownerClientId, name);
      def.publicAccess = [...new Set([...(def.publicAccess ?? []), ...accessType])];
      await tx.upsertPropertyDefinition(def);
    });
  }

  list(licenseId: number, ownerClientId: string): Promise<Record<string, PropertyDefinitionView>> {
    return this.uow.read(async (tx) => {
      const out: Record<string, PropertyDefinitionView> = {};
      const reg = await this.catalog.registry(tx, licenseId);
      for (const d of reg.all()) {
        if (d.namespace !== ownerClientId) continue;
        out[d.name] = {
          type: d.type, access: d.access,
          ...(d.description !== undefined ? { description: d.description } : {}),
          ...(d.publicAccess ? { public_access: d.publicAccess } : {}),
          ...(d.domain ? { domain: d.domain } : {}),
          ...(d.range ? { range: d.range } : {}),
          ...(d.defaultValue !== undefined ? { default_value: d.defaultValue } : {}),
        };
      }
      return out;
    });
  }

  async #change(licenseId: number, fn: Parameters<UnitOfWork['run']>[0]): Promise<void> {
    try {
      await this.uow.run(fn);
    } finally {
      this.catalog.invalidate(licenseId);
    }
  }

  async #require(tx: Parameters<Parameters<UnitOfWork['run']>[0]>[0], licenseId: number, namespace: string, name: string): Promise<PropertyDefinition> {
    if (BUILTIN_NAMESPACES.has(namespace)) throw new DomainError('authorization', `Namespace ${namespace} is built in`);
    const def = (await tx.listPropertyDefinitions(licenseId)).find((d) => d.namespace === namespace && d.name === name);
    if (!def) throw new DomainError('not_found', `Property ${namespace}.${name} is not registered`);
    return def;
  }
}

function validated(licenseId: number, input: PropertyDefinitionInput): PropertyDefinition {
  const label = `${input.ownerClientId}.${input.name}`;
  if (!NAME.test(input.name)) throw new DomainError('validation', 'name may hold only letters, digits, "_" and "-" (at most 64)');
  if (!NAME.test(input.ownerClientId)) throw new DomainError('validation', 'owner_client_id may hold only letters, digits, "_" and "-"');
  if (BUILTIN_NAMESPACES.has(input.ownerClientId)) throw new DomainError('authorization', `Namespace ${input.ownerClientId} is built in`);
  if (isBuiltinProperty(input.ownerClientId, input.name)) throw new DomainError('authorization', `Property ${label} is built in`);
  const locations = Object.keys(input.access) as PropertyLocation[];
  if (locations.length === 0) throw new DomainError('validation', 'access must name at least one location');
  for (const loc of locations) {
    const who = input.access[loc] ?? {};
    if (Object.values(who).every((ops) => !ops?.length)) throw new DomainError('validation', `access.${loc} must give agents or customers read or write`);
  }
  if (input.domain && input.range) throw new DomainError('validation', 'Give domain or range, not both');
  if (input.range && (input.type !== 'int' || input.range.from > input.range.to)) throw new DomainError('validation', 'range needs type int and from ≤ to');
  if (input.domain) {
    if (input.domain.length === 0) throw new DomainError('validation', 'domain must not be empty');
    for (const v of input.domain) checkType(label, input.type, v);
  }
  if (input.defaultValue !== undefined) {
    if (!input.access.license && !input.access.group) throw new DomainError('validation', 'default_value is allowed only for license and group properties');
    checkType(label, input.type, input.defaultValue);
    if (input.domain && !input.domain.includes(input.defaultValue)) throw new DomainError('validation', 'default_value must be in the domain');
    if (input.range && ((input.defaultValue as number) < input.range.from || (input.defaultValue as number) > input.range.to)) throw new DomainError('validation', 'default_value must be in the range');
  }
  return {
    licenseId, namespace: input.ownerClientId, name: input.name, type: input.type, access: input.access,
    ...(input.description !== undefined ? { description: input.description } : {}),
    ...(input.domain ? { domain: input.domain } : {}),
    ...(input.range ? { range: input.range } : {}),
    ...(input.defaultValue !== undefined ? { defaultValue: input.defaultValue } : {}),
  };
}

function checkType(label: string, type: PropertyType, v: unknown): void {
  const ok = type === 'int' ? Number.isInteger(v) && Math.abs(v as number) < 2 ** 31 : type === 'bool' ? typeof v === 'boolean' : typeof v === 'string';
  if (!ok) throw new DomainError('validation', `${label}: ${JSON.stringify(v)} is not a valid ${type}`);
}
