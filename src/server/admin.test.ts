import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { agentFor } from '../testing/testClients.js';
import { startTestServer, type TestServer } from '../testing/testServer.js';

const run = promisify(execFile);
let server: TestServer;
beforeAll(async () => { server = await startTestServer(); });
afterAll(async () => { await server.close(); });

// Each run starts Node with tsx: seconds apiece on a busy machine.
const SLOW = 120_000;

/** Runs `tsx src/server/admin.ts …` on the running server's DATA_DIR, as `npm run admin --` does. */
async function admin(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, ['--import', 'tsx', 'src/server/admin.ts', ...args], { env: { ...process.env, DATA_DIR: server.dataDir }, cwd: process.cwd() });
    return { code: 0, stdout: stdout.trim(), stderr };
  } catch (e) {
    const err = e as { code: number; stdout: string; stderr: string };
    return { code: err.code, stdout: err.stdout.trim(), stderr: err.stderr };
  }
}

describe('admin CLI (next to a running server, same DATA_DIR)', () => {
  it('add-agent prints a token the running server accepts; reset-token replaces it', async () => {
    const added = await admin('add-agent', 'cli@example.com', 'CLI Agent');
    expect(added.code).toBe(0);
    const agent = agentFor(server, 'cli@example.com', added.stdout);
    const rtm = await agent.connect();
    expect((rtm.frames.find((f) => f.action === 'login')!.payload.my_profile as { name: string }).name).toBe('CLI Agent');
    rtm.close();
    expect((await admin('add-agent', 'cli@example.com', 'Again')).code).toBe(1);

    const reset = await admin('reset-token', 'cli@example.com');
    expect(reset.code).toBe(0);
    expect(reset.stdout).not.toBe(added.stdout);
    expect((await agent.web('list_routing_statuses')).status).toBe(401);
    expect((await agentFor(server, 'cli@example.com', reset.stdout).web('list_routing_statuses')).status).toBe(200);
    expect((await admin('reset-token', 'nobody@example.com')).code).toBe(1);
  }, SLOW);

  it('set-license-property goes through the same validation as the Configuration API, and list-license-properties shows it', async () => {
    const set = await admin('set-license-property', 'routing.max_customer_chats_count', '4');
    expect(set.code).toBe(0);
    const listed = await admin('list-license-properties');
    expect(JSON.parse(listed.stdout).routing.max_customer_chats_count).toBe(4);
    // The running server sees the value at once.
    expect((await server.built.platform.licenses.list(1, 'agent')).routing?.max_customer_chats_count).toBe(4);
    const bad = await admin('set-license-property', 'routing.max_customer_chats_count', '"many"');
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('validation');
  }, SLOW);

  it('prints usage and exits 2 for an unknown command or wrong arguments', async () => {
    const unknown = await admin('drop-database');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('unknown command: drop-database');
    expect((await admin('add-agent', 'only-one-arg')).code).toBe(2);
  }, SLOW);
});
