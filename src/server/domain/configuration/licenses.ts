import type { Properties, PropertyNames } from '../../../protocol/entities.js';
import type { Actor } from '../identity/actor.js';
import { DomainError } from '../errors.js';
import type { PropertyCatalog } from './propertyCatalog.js';
import type { UnitOfWork } from '../unitOfWork.js';
import { groupAvailability, type CustomerGroupStatus, type GroupAvailability } from '../agents/groupAvailability.js';
import { ALLOWED_WEBSITES_PROPERTY, parseAllowedWebsites } from './allowedWebsites.js';

/** License settings (`routing.max_customer_chats_count` and friends) and group availability. */
export class LicenseSettings {
  constructor(private readonly uow: UnitOfWork, private readonly catalog: PropertyCatalog) {}

  /** License property values with defaults; customers see only what they may read. */
  list(licenseId: number, viewer: 'agent' | 'customer', filter: { namespace?: string; name?: string; namePrefix?: string } = {}): Promise<Properties> {
    return this.uow.read(async (tx) => {
      const values = await this.catalog.licenseValues(tx, licenseId);
      const reg = await this.catalog.registry(tx, licenseId);
      const visible = reg.readable('license', viewer, values);
      return filterProperties(visible, filter);
    });
  }

  /** Used by the Configuration API and the admin CLI alike. */
  async update(licenseId: number, who: 'agent', properties: Properties): Promise<void> {
    await this.uow.run(async (tx) => {
      (await this.catalog.registry(tx, licenseId)).checkWrite('license', who, properties);
      await tx.updateLicenseProperties(licenseId, properties);
    });
  }

  async delete(licenseId: number, who: 'agent', names: PropertyNames): Promise<void> {
    await this.uow.run(async (tx) => {
      (await this.catalog.registry(tx, licenseId)).checkDelete('license', who, names);
      await tx.deleteLicenseProperties(licenseId, names);
    });
  }

  listGroup(licenseId: number, groupId: number, viewer: 'agent' | 'customer', filter: { namespace?: string; name?: string } = {}): Promise<Properties> {
    return this.uow.read(async (tx) => {
      if (groupId !== 0 && !(await tx.listGroupIds(licenseId)).includes(groupId)) throw new DomainError('group_not_found');
      const reg = await this.catalog.registry(tx, licenseId);
      const values: Properties = {};
      for (const def of reg.all()) if (def.access.group && def.defaultValue !== undefined) (values[def.namespace] ??= {})[def.name] = def.defaultValue;
      for (const [ns, v] of Object.entries(await tx.getGroupProperties(licenseId, groupId))) values[ns] = { ...(values[ns] ?? {}), ...v };
      return filterProperties(reg.readable('group', viewer, values), filter);
    });
  }

  /** The license's allowed websites as origins; [] = any website. `undefined` for an unknown organization. */
  allowedWebsites(ref: { licenseId: number } | { organizationId: string }): Promise<string[] | undefined> {
    return this.uow.read(async (tx) => {
      const licenseId = 'licenseId' in ref ? ref.licenseId : (await tx.getLicenseByOrganization(ref.organizationId))?.id;
      if (licenseId === undefined) return undefined;
      const value = await this.catalog.licenseValue(tx, licenseId, ALLOWED_WEBSITES_PROPERTY.namespace, ALLOWED_WEBSITES_PROPERTY.name);
      return typeof value === 'string' ? parseAllowedWebsites(value) : [];
    });
  }

  /** `list_group_statuses` (customer view); unknown ids are left out. */
  groupStatuses(actor: Actor | { licenseId: number }, groupIds: number[] | 'all'): Promise<Record<string, CustomerGroupStatus>> {
    return this.uow.read(async (tx) => {
      const out: Record<string, CustomerGroupStatus> = {};
      for (const g of await groupAvailability(tx, actor.licenseId, groupIds === 'all' ? undefined : groupIds)) out[String(g.id)] = g.customer;
      return out;
    });
  }

  /** Every group's availability in both views (what `groups_status_updated` compares). */
  availability(licenseId: number): Promise<GroupAvailability[]> {
    return this.uow.read((tx) => groupAvailability(tx, licenseId));
  }
}

export function filterProperties(values: Properties, filter: { namespace?: string; name?: string; namePrefix?: string }): Properties {
  const out: Properties = {};
  for (const [ns, v] of Object.entries(values)) {
    if (filter.namespace !== undefined && ns !== filter.namespace) continue;
    for (const [name, value] of Object.entries(v)) {
      if (filter.name !== undefined && name !== filter.name) continue;
      if (filter.namePrefix !== undefined && !name.startsWith(filter.namePrefix)) continue;
      (out[ns] ??= {})[name] = value;
    }
  }
  return out;
}
