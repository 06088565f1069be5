import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServer } from '../../scripts/build-server.mjs';

const repo = resolve(import.meta.dirname, '../..');

/** Resolves with the output once it matches `pattern`; rejects if the process exits first. */
function outputUntil(child: ChildProcess, pattern: RegExp): Promise<string> {
  return new Promise((done, fail) => {
    let seen = '';
    const onData = (chunk: Buffer) => { seen += String(chunk); if (pattern.test(seen)) done(seen); };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => fail(new Error(`exited with ${code}:\n${seen}`)));
  });
}

// Issue #17: the server runs as built JavaScript (node dist/server/main.js), not from sources.
describe('scripts/build-server.mjs', () => {
  describe('buildServer()', () => {
    let install: string;
    beforeAll(() => { install = mkdtempSync(join(tmpdir(), 'switchboard-built-')); });
    afterAll(() => rmSync(install, { recursive: true, force: true }));

    it('imports only npm packages that server/package.json lists as dependencies', async () => {
      const { imported, declared, inputs } = await buildServer(join(install, 'dist', 'server'));
      expect(imported).toEqual(expect.arrayContaining(['fastify', 'ws', 'zod', 'better-sqlite3']));
      expect(imported.filter((name) => !declared.includes(name))).toEqual([]);
      // Widget code never ends up in the server bundle.
      expect(inputs.filter((file) => !/^(src\/server|src\/protocol|examples\/greeter-bot)\//.test(file))).toEqual([]);
    });

    it('fails naming the package when the server imports one the manifest does not list', async () => {
      const manifest = join(install, 'incomplete-package.json');
      const dependencies = JSON.parse(readFileSync(join(repo, 'server', 'package.json'), 'utf8')).dependencies as Record<string, string>;
      delete dependencies.zod;
      writeFileSync(manifest, JSON.stringify({ dependencies }));
      await expect(buildServer(join(install, 'scratch'), manifest)).rejects.toThrow(/imports zod, which server\/package\.json does not list/);
    });

    it('builds a server that starts from another folder, serves its sites beside dist/ and exits 0 on SIGTERM', async () => {
      // The built layout: dist/server/*.js and public/ side by side, packages in node_modules above.
      mkdirSync(join(install, 'dist', 'page'), { recursive: true });
      writeFileSync(join(install, 'dist', 'page', 'index.html'), '<p>built page</p>');
      mkdirSync(join(install, 'public', 'demo'), { recursive: true });
      writeFileSync(join(install, 'public', 'demo', 'index.html'), '<p>demo beside the build</p>');
      symlinkSync(join(repo, 'node_modules'), join(install, 'node_modules'), 'dir');
      const cwd = mkdtempSync(join(tmpdir(), 'switchboard-cwd-'));
      const child = spawn(process.execPath, [join(install, 'dist', 'server', 'main.js')], {
        cwd,
        env: { PATH: process.env.PATH, HOST: '127.0.0.1', PORT: '0', DATA_DIR: 'data' },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      try {
        const output = await outputUntil(child, /Greeter bot: answers new chats/);
        const base = /API base: (http:\/\/[^/]+)\//.exec(output)![1]!;
        expect((await fetch(`${base}/healthz`)).status).toBe(200);
        expect(await (await fetch(`${base}/demo/`)).text()).toContain('demo beside the build');
        expect(await (await fetch(`${base}/`)).text()).toContain('built page');
        // DATA_DIR stays relative to the working folder.
        const { organization_id } = JSON.parse(readFileSync(join(cwd, 'data', 'credentials.json'), 'utf8')) as { organization_id: string };
        const token = await fetch(`${base}/v2/customer/token`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ grant_type: 'cookie', organization_id, client_id: 'built-server-test' }),
        });
        expect(token.status).toBe(200);
        expect(await token.json()).toMatchObject({ token_type: 'Bearer', organization_id });
      } finally {
        const exited = new Promise<number | null>((done) => child.once('exit', done));
        child.kill('SIGTERM');
        expect(await exited).toBe(0);
        rmSync(cwd, { recursive: true, force: true });
      }
    });
  });
});
