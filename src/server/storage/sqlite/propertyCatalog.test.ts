import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { PropertyCatalog } from '../../domain/configuration/propertyCatalog.js';
import { SqliteStore } from './SqliteStore.js';

const dir = mkdtempSync(join(tmpdir(), 'switchboard-properties-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('PropertyCatalog', () => {
  describe('licenseValue()', () => {
    it('gives what licenseValues() holds for that name: stored values, defaults, registered properties, unknown names (#16)', async () => {
      const store = new SqliteStore({ filename: join(dir, 'properties.sqlite') });
      const catalog = new PropertyCatalog();
      try {
        await store.atomically(async (tx) => {
          await tx.insertLicense({ id: 1, organizationId: 'org-1', createdAt: 1 });
          await tx.upsertPropertyDefinition({ licenseId: 1, namespace: 'shop', name: 'plan', type: 'string', access: { license: { agent: ['read', 'write'] } }, defaultValue: 'free' });
          await tx.upsertPropertyDefinition({ licenseId: 1, namespace: 'shop', name: 'note', type: 'string', access: { chat: { agent: ['read'] } }, defaultValue: 'not a license property' });
        });
        const names: [string, string][] = [
          ['routing', 'max_customer_chats_count'], ['shop', 'plan'], ['shop', 'note'], ['shop', 'missing'], ['nowhere', 'x'], ['security', 'allowed_websites'],
        ];
        const compare = () => store.read(async (tx) => {
          const all = await catalog.licenseValues(tx, 1);
          for (const [ns, name] of names) expect(await catalog.licenseValue(tx, 1, ns, name)).toStrictEqual(all[ns]?.[name]);
          return all;
        });
        const defaults = await compare();
        expect(defaults.routing?.max_customer_chats_count).toBe(1);
        expect(defaults.shop).toEqual({ plan: 'free' });
        await store.atomically((tx) => tx.updateLicenseProperties(1, { routing: { max_customer_chats_count: 3 }, shop: { plan: 'pro', missing: 0 } }));
        const stored = await compare();
        expect(stored.shop).toEqual({ plan: 'pro', missing: 0 });
        expect(await store.read((tx) => catalog.maxCustomerChats(tx, 1))).toBe(3);
      } finally {
        await store.close();
      }
    });
  });
});
