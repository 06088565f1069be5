#!/usr/bin/env node
/**
 * `npm start` runs this first: builds the front ends (`npm run build`) and the server
 * (scripts/build-server.mjs → dist/server) when their build stamp is missing or any of their
 * sources is newer than it. `--server` (used by `npm run admin`) builds the server only.
 * Fast when nothing changed: it only compares modification times. Progress goes to stderr, so
 * that the output of the command it precedes stays clean.
 */
import { execSync } from 'node:child_process';
import { existsSync, readdirSync, statSync, writeFileSync, mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildServer } from './build-server.mjs';

/** Same range as `engines` in package.json and `.nvmrc`: Node 20 from 20.19, or 22.12 and later. */
const [major, minor] = process.versions.node.split('.').map(Number);
if (!((major === 20 && minor >= 19) || (major === 22 && minor >= 12) || major > 22)) {
  console.error(`Switchboard needs Node.js 20.19+ or 22.12+ (this is ${process.version}); see .nvmrc.`);
  process.exit(1);
}

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const manifests = ['package.json', 'package-lock.json'];

const targets = [
  {
    name: 'Front-end',
    stamp: join(root, 'dist', '.build-stamp'),
    inputs: ['src/protocol', 'src/rtm', 'src/chat', 'src/ui', 'src/widget', 'src/embed', 'src/console', 'public', 'index.html', 'vite.config.ts', 'tsconfig.lib.json', ...manifests],
    build: () => execSync('npm run build', { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] }),
  },
  {
    name: 'Server',
    // Inside dist/server, which every server build replaces whole.
    stamp: join(root, 'dist', 'server', '.build-stamp'),
    // What the server bundle is made of (its imports never leave these folders).
    inputs: ['src/server', 'src/protocol', 'examples', 'scripts/build-server.mjs', 'server/package.json', ...manifests],
    build: () => buildServer(),
  },
];

function newest(path) {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let max = 0;
  for (const entry of readdirSync(path)) {
    if (entry === 'node_modules' || entry.startsWith('.')) continue;
    max = Math.max(max, newest(join(path, entry)));
  }
  return max;
}

const wanted = process.argv.includes('--server') ? targets.filter((t) => t.name === 'Server') : targets;
for (const target of wanted) {
  const built = existsSync(target.stamp) ? statSync(target.stamp).mtimeMs : 0;
  const changed = Math.max(...target.inputs.map((input) => newest(join(root, input))));
  if (built && built >= changed) continue;
  console.error(built ? `${target.name} sources changed: building` : `${target.name}: no build yet, building`);
  const started = Date.now();
  await target.build();
  mkdirSync(dirname(target.stamp), { recursive: true });
  writeFileSync(target.stamp, new Date().toISOString() + '\n');
  console.error(`${target.name} built in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}
