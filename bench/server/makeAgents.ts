/**
 * Prepares a bench data folder before the server starts: bootstraps it as a first start would and
 * adds `count - 1` agents next to the owner, each with `maxChats`, in one process (the admin CLI's
 * path, without one process per agent). Prints `{"organization_id", "agents": [{id, token}]}`.
 *
 * Usage: DATA_DIR=<dir> tsx bench/server/makeAgents.ts <count> <maxChats>
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { openPlatform } from '../../src/server/app.js';
import { LICENSE_ID } from '../../src/server/bootstrap.js';
import { loadConfig } from '../../src/server/config.js';

const count = Number(process.argv[2] ?? 1);
const maxChats = Number(process.argv[3] ?? 20);
const config = { ...loadConfig(), logLevel: 'silent' as const };
const { platform, close } = await openPlatform(config);
try {
  const cred = JSON.parse(readFileSync(join(config.dataDir, 'credentials.json'), 'utf8')) as { organization_id: string; owner: { id: string; personal_access_token: string } };
  const basic = (id: string, pat: string) => `Basic ${Buffer.from(`${id}:${pat}`).toString('base64')}`;
  const agents = [{ id: cred.owner.id, token: basic(cred.owner.id, cred.owner.personal_access_token) }];
  for (let i = 1; i < count; i++) {
    const id = `bench-agent-${i}@localhost`;
    const { token } = await platform.agents.create(LICENSE_ID, { id, name: `Bench ${i}`, maxChats });
    agents.push({ id, token: basic(id, token) });
  }
  console.log(JSON.stringify({ organization_id: cred.organization_id, agents }));
} finally {
  await close();
}
