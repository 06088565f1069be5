#!/usr/bin/env node
/**
 * `npm start` runs this first: builds the front ends (`npm run build`) when dist/ has no build
 * stamp, or when any front-end source is newer than the stamp. Then the server serves them.
 * Fast when nothing changed: it only compares modification times.
 */
import { execSync } from 'node:child_process';
import { existsSync, readdirSync, statSync, writeFileSync, mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Same range as `engines` in package.json and `.nvmrc`: Node 20 from 20.19, or 22.12 and later. */
const [major, minor] = process.versions.node.split('.').map(Number);
if (!((major === 20 && minor >= 19) || (major === 22 && minor >= 12) || major > 22)) {
  console.error(`Switchboard needs Node.js 20.19+ or 22.12+ (this is ${process.version}); see .nvmrc.`);
  process.exit(1);
}

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const stamp = join(root, 'dist', '.build-stamp');
/** Inputs of `npm run build` (the server itself runs from source through tsx). */
const inputs = ['src/protocol', 'src/rtm', 'src/chat', 'src/ui', 'src/widget', 'src/embed', 'src/console', 'public', 'index.html', 'vite.config.ts', 'tsconfig.lib.json', 'package.json', 'package-lock.json'];

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

const built = existsSync(stamp) ? statSync(stamp).mtimeMs : 0;
const changed = Math.max(...inputs.map((input) => newest(join(root, input))));
if (built && built >= changed) {
  process.exit(0);
}
console.log(built ? 'Front-end sources changed: npm run build' : 'No build yet: npm run build');
const started = Date.now();
execSync('npm run build', { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
mkdirSync(dirname(stamp), { recursive: true });
writeFileSync(stamp, new Date().toISOString() + '\n');
console.log(`Built in ${((Date.now() - started) / 1000).toFixed(1)} s`);
