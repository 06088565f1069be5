import { existsSync } from 'node:fs';
import { chmod, mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { newUuid } from './domain/ids.js';
import type { Platform } from './domain/platform.js';
import { TOPIC_PROPERTY_DEFINITION } from './domain/configuration/properties.js';
import { FIRST_START_LICENSE_PROPERTIES } from './domain/configuration/widgetSettings.js';
import { WIDGET_PROPERTY_DEFINITIONS } from './domain/configuration/widgetProperties.js';

export interface Credentials {
  organization_id: string;
  license_id: number;
  owner: { id: string; personal_access_token: string };
}

export const LICENSE_ID = 1;

/** The data folder's signing secret for customer tokens, created once with owner-only access. */
export async function loadTokenSecret(dataDir: string): Promise<string> {
  await mkdir(dataDir, { recursive: true });
  const file = join(dataDir, 'token-secret');
  if (existsSync(file)) return (await readFile(file, 'utf8')).trim();
  const secret = randomBytes(32).toString('base64url');
  await writeFile(file, secret, { mode: 0o600, flush: true });
  return secret;
}

/**
 * First start on an empty store: one organization with license 1, the owner agent, the
 * widget's `switchboard.topic` property and `routing.max_customer_chats_count` = 5 (the wire
 * default for a license that never set it stays 1); on every start, the widget's license
 * properties (`switchboard.widget_name` and friends, see widgetProperties.ts). Writes
 * `credentials.json` when `dataDir` is given.
 */
export async function bootstrap(p: Platform, opts: { ownerEmail?: string; ownerToken?: string; dataDir?: string }): Promise<{ organizationId: string; created: boolean; credentials?: Credentials }> {
  const result = await p.uow.run(async (tx) => {
    const existing = await tx.getLicense(LICENSE_ID);
    if (existing) {
      return { organizationId: existing.organizationId, created: false as const };
    }
    const organizationId = newUuid();
    await tx.insertLicense({ id: LICENSE_ID, organizationId, createdAt: p.clock.now() });
    const { agent, token } = await p.agents.createIn(tx, LICENSE_ID, {
      id: opts.ownerEmail ?? 'owner@localhost', name: 'Owner', role: 'owner', ...(opts.ownerToken ? { token: opts.ownerToken } : {}),
    });
    await tx.upsertPropertyDefinition({ licenseId: LICENSE_ID, ...TOPIC_PROPERTY_DEFINITION });
    await tx.updateLicenseProperties(LICENSE_ID, FIRST_START_LICENSE_PROPERTIES);
    return { organizationId, created: true as const, credentials: { organization_id: organizationId, license_id: LICENSE_ID, owner: { id: agent.id, personal_access_token: token } } };
  });
  // Every start: the widget's license properties (a data folder from before they existed gets them now).
  await p.uow.run(async (tx) => {
    const known = new Set((await tx.listPropertyDefinitions(LICENSE_ID)).map((d) => `${d.namespace}.${d.name}`));
    for (const def of WIDGET_PROPERTY_DEFINITIONS) if (!known.has(`${def.namespace}.${def.name}`)) await tx.upsertPropertyDefinition({ licenseId: LICENSE_ID, ...def });
  });
  if (result.created && opts.dataDir) await writeCredentials(opts.dataDir, result.credentials);
  p.catalog.invalidate(LICENSE_ID);
  return result.created ? { organizationId: result.organizationId, created: true, credentials: result.credentials } : { organizationId: result.organizationId, created: false };
}

/** Writes `DATA_DIR/credentials.json` atomically, readable by the owner only. */
export async function writeCredentials(dataDir: string, credentials: Credentials): Promise<void> {
  const file = join(dataDir, 'credentials.json');
  const tmp = `${file}.tmp`;
  await writeFile(tmp, `${JSON.stringify(credentials, null, 2)}\n`, { mode: 0o600, flush: true });
  await rename(tmp, file);
  await chmod(file, 0o600);
}
