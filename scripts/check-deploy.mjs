#!/usr/bin/env node
/**
 * Proves that a production install runs the server (`.ci/run` calls it after `npm test`): builds
 * the server into a temp folder holding only what a deployment image holds (package.json,
 * package-lock.json, server/package.json, dist/server), installs production dependencies of the
 * server workspace from the lockfile (`npm ci --omit=dev --workspace server`), starts
 * `node dist/server/main.js` and checks /healthz, a customer token, the greeter bot, a clean
 * SIGTERM and the admin CLI. Minutes, not seconds: better-sqlite3 compiles its native addon.
 */
import { execFileSync, spawn } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildServer } from './build-server.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const image = mkdtempSync(join(tmpdir(), 'switchboard-deploy-'));
const step = (what) => console.log(`-- ${what}`);

/** Packages the widget or the tooling needs and a server image must not carry. */
const NOT_IN_IMAGE = ['react', 'zustand', '@tanstack/react-query', 'vite', 'vitest', 'tsx', 'esbuild', 'typescript'];

function check(condition, message) {
  if (!condition) throw new Error(message);
}

/** Resolves with the output up to the first match of `pattern`; rejects when the process exits first. */
function waitForOutput(child, pattern, timeoutMs) {
  return new Promise((resolveOutput, reject) => {
    let seen = '';
    const timer = setTimeout(() => reject(new Error(`no line matching ${pattern} within ${timeoutMs} ms; output:\n${seen}`)), timeoutMs);
    child.stdout.on('data', (chunk) => {
      seen += chunk;
      const match = seen.match(pattern);
      if (match) { clearTimeout(timer); resolveOutput(seen); }
    });
    child.stderr.on('data', (chunk) => { seen += chunk; });
    child.on('exit', (code) => { clearTimeout(timer); reject(new Error(`server exited with ${code}; output:\n${seen}`)); });
  });
}

async function main() {
  step(`image folder ${image}`);
  mkdirSync(join(image, 'server'));
  for (const file of ['package.json', 'package-lock.json', 'server/package.json']) copyFileSync(join(root, file), join(image, file));
  const { imported } = await buildServer(join(image, 'dist', 'server'));

  step('npm ci --omit=dev --workspace server');
  const started = Date.now();
  execFileSync('npm', ['ci', '--omit=dev', '--workspace', 'server', '--no-audit', '--no-fund'], { cwd: image, stdio: 'inherit' });
  console.log(`installed in ${((Date.now() - started) / 1000).toFixed(0)} s`);
  for (const name of imported) check(existsSync(join(image, 'node_modules', name, 'package.json')), `${name} (imported by the server) was not installed`);
  for (const name of NOT_IN_IMAGE) check(!existsSync(join(image, 'node_modules', name)), `${name} was installed, but the server does not need it`);

  step('node dist/server/main.js');
  const dataDir = join(image, 'data');
  const env = { PATH: process.env.PATH, HOME: process.env.HOME, HOST: '127.0.0.1', PORT: '0', DATA_DIR: dataDir };
  const server = spawn(process.execPath, ['dist/server/main.js'], { cwd: image, env, stdio: ['ignore', 'pipe', 'pipe'] });
  try {
    // The greeter bot starts after the server listens and printed its URLs.
    const output = await waitForOutput(server, /Greeter bot: answers new chats/, 60_000);
    const base = output.match(/API base: (http:\/\/[^/]+)\//)?.[1];
    check(base !== undefined, `no API base line in:\n${output}`);
    const health = await fetch(`${base}/healthz`);
    check(health.status === 200, `/healthz answered ${health.status}`);
    const { organization_id } = JSON.parse(readFileSync(join(dataDir, 'credentials.json'), 'utf8'));
    const token = await fetch(`${base}/v2/customer/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ grant_type: 'cookie', organization_id, client_id: 'deploy-check' }),
    });
    const body = await token.json();
    check(token.status === 200 && typeof body.access_token === 'string', `customer token: ${token.status} ${JSON.stringify(body)}`);
    console.log(`/healthz 200, customer token for ${body.entity_id}`);
  } finally {
    const exited = new Promise((done) => server.once('exit', done));
    server.kill('SIGTERM');
    const code = await exited;
    check(code === 0, `server exited with ${code} on SIGTERM`);
  }

  step('node dist/server/admin.js list-license-properties');
  const properties = JSON.parse(execFileSync(process.execPath, ['dist/server/admin.js', 'list-license-properties'], { cwd: image, env, encoding: 'utf8' }));
  check(typeof properties.routing === 'object', 'admin CLI printed no license properties');
  console.log('deploy check passed');
}

try {
  await main();
} finally {
  rmSync(image, { recursive: true, force: true });
}
