#!/usr/bin/env node
/**
 * `npm run size`: gzip sizes of what a website pays, against the budgets of issue 6.
 * - loader: dist/embed/widget.js (the only thing a first-time visitor's page load fetches)
 * - panel: dist/embed/panel.js (loaded with the iframe on hover/click)
 * - iframe app: the first screen of dist/frame (the JS and CSS its index.html loads, with their
 *   static imports), with React; and built again with React in a chunk of its own (= ours + other deps).
 *   Chunks loaded later (the open chat pane, topic form, German and Arabic catalogs, emoji picker,
 *   pre-chat/leave-a-message forms, rating and transcript) are listed apart, without a budget.
 * - library: dist/lib (React external, as consumers install it): its entry, and the chunks it imports on demand
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
/** `files` and every chunk they import statically (`import … from "./x.js"`, not `import("./x.js")`), transitively. */
function withStaticImports(files) {
  const seen = new Set();
  const visit = (file) => {
    if (seen.has(file) || !existsSync(file)) return;
    seen.add(file);
    if (!file.endsWith('.js')) return;
    for (const match of readFileSync(file, 'utf8').matchAll(/(?:^|[;}\s])import\s*(?:[^'"()]*?from\s*)?["']\.\/([^"']+\.js)["']/g)) visit(join(dirname(file), match[1]));
  };
  files.forEach(visit);
  return [...seen];
}

/**
 * The files a built page loads before its first screen: what its index.html names (entry script,
 * modulepreloads, stylesheets), plus the chunks those import statically. Dynamic imports are left out.
 */
function firstScreenFiles(dir) {
  const html = readFileSync(join(dir, 'index.html'), 'utf8');
  return withStaticImports([...html.matchAll(/(?:src|href)="[^"]*?\/(assets\/[^"]+\.(?:js|css))"/g)].map((match) => join(dir, match[1])));
}

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
    const files = firstScreenFiles(out);
    const react = files.filter((file) => /[\\/]react-[^\\/]*\.js$/.test(file));
    if (react.length !== 1) throw new Error(`size: expected one React chunk, found ${react.length}`);
    return sum(files.filter((file) => !react.includes(file)));
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

const KB = 1000;
const libraryEntry = withStaticImports([join(dist, 'lib/switchboard.js')]);
const rows = [
  { name: 'loader (dist/embed/widget.js)', bytes: gz(join(dist, 'embed/widget.js')), budget: 1.5 * KB },
  { name: 'panel, loaded with the iframe (dist/embed/panel.js)', bytes: gz(join(dist, 'embed/panel.js')) },
  { name: 'iframe app incl. React 19, first screen (dist/frame)', bytes: sum(firstScreenFiles(join(dist, 'frame'))), budget: 110 * KB },
  { name: 'iframe app, loaded later (chat pane, catalogs, emoji, forms, rating)', bytes: sum([...filesIn(join(dist, 'frame'), '.js'), ...filesIn(join(dist, 'frame'), '.css')].filter((file) => !firstScreenFiles(join(dist, 'frame')).includes(file))) },
  { name: 'iframe app without React (ours + other deps)', bytes: await frameWithoutReact(), budget: 40 * KB },
  { name: 'library (dist/lib JS + CSS, React external)', bytes: sum([...libraryEntry, join(dist, 'lib/switchboard.css')]) },
  { name: 'library, chunks it imports on demand (chat pane, forms, catalogs)', bytes: sum(filesIn(join(dist, 'lib'), '.js').filter((file) => !libraryEntry.includes(file))) },
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
