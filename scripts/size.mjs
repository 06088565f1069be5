#!/usr/bin/env node
/**
 * `npm run size`: gzip sizes of what a website pays, against the budgets of issue 6.
 * - loader: dist/embed/widget.js (the only thing a first-time visitor's page load fetches)
 * - panel: dist/embed/panel.js (loaded with the iframe on hover/click)
 * - iframe app: what the first screen loads (the files dist/frame/index.html names: entry script, its
 *   modulepreloads, stylesheets), with React; and built again with React in its own chunk (= ours +
 *   other deps). Chunks loaded later (emoji picker, forms, rating) are listed apart, without a budget.
 * - library: dist/lib (React external, as consumers install it)
 * Builds what is missing first. `--check` exits 1 when a budget is exceeded. `--json` prints JSON.
 */
import { execSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const dist = join(root, 'dist');
const gz = (file) => gzipSync(readFileSync(file), { level: 9 }).length;
const filesIn = (dir, ext) => (existsSync(dir) ? readdirSync(dir, { recursive: true }).filter((f) => f.endsWith(ext)).map((f) => join(dir, f)) : []);
const sum = (files) => files.reduce((total, file) => total + gz(file), 0);
/** The files a built page loads up front: its script, modulepreloads and stylesheets (no lazy chunks). */
const firstScreen = (dir) => {
  const html = readFileSync(join(dir, 'index.html'), 'utf8');
  const names = [...html.matchAll(/(?:src|href)="[^"]*\/assets\/([^"]+\.(?:js|css))"/g)].map((m) => m[1]);
  return names.map((name) => join(dir, 'assets', name));
};

execSync('node scripts/build-if-needed.mjs', { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });

/**
 * The iframe app with React left out: the real production build of the frame (vite.config.ts, mode
 * `frame`: minified, `process.env.NODE_ENV` = "production") with React, ReactDOM and scheduler put
 * in a chunk of their own, then every other file summed.
 * NOTE: this used to be a library-mode build, which keeps `process.env.NODE_ENV` checks (so the
 * development code of our dependencies) and does not minify whitespace: it over-counted by ~7 kB.
 */
async function frameWithoutReact() {
  const { build } = await import('vite');
  const out = mkdtempSync(join(tmpdir(), 'switchboard-size-'));
  try {
    await build({
      configFile: join(root, 'vite.config.ts'), mode: 'frame', logLevel: 'silent',
      build: {
        outDir: out, emptyOutDir: true,
        rolldownOptions: { output: { codeSplitting: { groups: [{ name: 'react', test: /node_modules[\\/](react|react-dom|scheduler)[\\/]/ }] } } },
      },
    });
    const files = firstScreen(out);
    const react = files.filter((file) => /[\\/]react-[^\\/]*\.js$/.test(file));
    if (react.length !== 1) throw new Error(`size: expected one React chunk, found ${react.length}`);
    return sum(files.filter((file) => !react.includes(file)));
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

const KB = 1000;
const rows = [
  { name: 'loader (dist/embed/widget.js)', bytes: gz(join(dist, 'embed/widget.js')), budget: 1.5 * KB },
  { name: 'panel, loaded with the iframe (dist/embed/panel.js)', bytes: gz(join(dist, 'embed/panel.js')) },
  { name: 'iframe app incl. React 19, first screen (dist/frame)', bytes: sum(firstScreen(join(dist, 'frame'))), budget: 110 * KB },
  { name: 'iframe app without React (ours + other deps)', bytes: await frameWithoutReact(), budget: 40 * KB },
  { name: 'iframe app, chunks loaded later (dist/frame)', bytes: sum([...filesIn(join(dist, 'frame'), '.js'), ...filesIn(join(dist, 'frame'), '.css')].filter((f) => !firstScreen(join(dist, 'frame')).includes(f))) },
  { name: 'library (dist/lib JS + CSS, React external)', bytes: gz(join(dist, 'lib/switchboard.js')) + gz(join(dist, 'lib/switchboard.css')) },
];

if (process.argv.includes('--json')) {
  console.log(JSON.stringify(rows, null, 2));
} else {
  const width = Math.max(...rows.map((row) => row.name.length));
  console.log(`${'bundle'.padEnd(width)}  gzip (bytes)         budget`);
  for (const row of rows) {
    const verdict = row.budget === undefined ? '' : `${(row.budget / KB).toFixed(1)} kB ${row.bytes <= row.budget ? 'ok' : 'OVER'}`;
    console.log(`${row.name.padEnd(width)}  ${(row.bytes / KB).toFixed(2).padStart(7)} kB ${`(${row.bytes})`.padStart(9)}  ${verdict}`);
  }
}
if (process.argv.includes('--check') && rows.some((row) => row.budget !== undefined && row.bytes > row.budget)) process.exit(1);
