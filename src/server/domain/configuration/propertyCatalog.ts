import type { Properties } from '../../../protocol/entities.js';
import type { StoreTx } from '../ports.js';
import { BUILTIN_PROPERTIES, PropertyRegistry } from './properties.js';

/** Per-license property registries, cached until a definition changes. */
export class PropertyCatalog {
  readonly #cache = new Map<number, PropertyRegistry>();

  async registry(tx: StoreTx, licenseId: number): Promise<PropertyRegistry> {
    let reg = this.#cache.get(licenseId);
    if (!reg) {
      reg = new PropertyRegistry(await tx.listPropertyDefinitions(licenseId));
      this.#cache.set(licenseId, reg);
    }
    return reg;
  }

  invalidate(licenseId: number): void {
    this.#cache.delete(licenseId);
  }

  /** License property values with defaults filled in. */
  async licenseValues(tx: StoreTx, licenseId: number): Promise<Properties> {
    const stored = await tx.getLicenseProperties(licenseId);
    const reg = await this.registry(tx, licenseId);
    const out: Properties = {};
    for (const def of reg.all()) {
      if (def.access.license && def.defaultValue !== undefined) (out[def.namespace] ??= {})[def.name] = def.defaultValue;
    }
    for (const [ns, values] of Object.entries(stored)) out[ns] = { ...(out[ns] ?? {}), ...values };
    return out;
  }

  /**
   * One license property's value, as `licenseValues` would give it (stored, else its default), without
   * building every namespace (#16: start_chat reads one setting per customer set up).
   */
  async licenseValue(tx: StoreTx, licenseId: number, namespace: string, name: string): Promise<unknown> {
    const stored = (await tx.getLicenseProperties(licenseId))[namespace];
    if (stored && Object.hasOwn(stored, name)) return stored[name];
    const def = (await this.registry(tx, licenseId)).get(namespace, name);
    return def?.access.license ? def.defaultValue : undefined;
  }

  async maxCustomerChats(tx: StoreTx, licenseId: number): Promise<number> {
    const v = await this.licenseValue(tx, licenseId, 'routing', 'max_customer_chats_count');
    return typeof v === 'number' && v >= 1 ? v : 1;
  }
}

export const isBuiltinProperty = (ns: string, name: string): boolean => BUILTIN_PROPERTIES.some((p) => p.namespace === ns && p.name === name);
