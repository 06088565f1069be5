#!/usr/bin/env node
/**
 * Builds the server to plain JavaScript in dist/server: main.js (the platform server), admin.js
 * (the admin CLI) and greeter-bot.js (the example bot run on its own). esbuild bundles our own
 * TypeScript (server, protocol, examples) into ES modules, with shared code in chunks beside them,
 * and leaves every npm package as an import, resolved at run time from node_modules.
 *
 * Every package the bundle imports must be a `dependency` of server/package.json, because a
 * deployment installs only those (`npm ci --omit=dev --workspace server`): the build fails
 * naming the package otherwise.
 */
import { builtinModules } from 'node:module';
import { readFileSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/**
 * Builds into `outdir` (default dist/server) and returns the packages the bundle imports; rejects
 * when one of them is not a dependency in `manifest` (default server/package.json).
 */
export async function buildServer(outdir = join(root, 'dist', 'server'), manifest = join(root, 'server', 'package.json')) {
  rmSync(outdir, { recursive: true, force: true });
  const result = await build({
    absWorkingDir: root,
    entryPoints: {
      main: 'src/server/main.ts',
      admin: 'src/server/admin.ts',
      'greeter-bot': 'examples/greeter-bot/main.ts',
    },
    outdir,
    bundle: true,
    splitting: true,
    packages: 'external',
    platform: 'node',
    format: 'esm',
    target: 'node20',
    // Chunks beside the entries: code that finds files relative to itself sits at the same depth
    // in dist/server/ as in src/server/ (see installRoot in src/server/config.ts).
    chunkNames: '[name]-[hash]',
    metafile: true,
    logLevel: 'warning',
  });
  const imported = externalPackages(result.metafile);
  const declared = Object.keys(JSON.parse(readFileSync(manifest, 'utf8')).dependencies ?? {});
  const missing = imported.filter((name) => !declared.includes(name));
  if (missing.length > 0) {
    throw new Error(`The server imports ${missing.join(', ')}, which server/package.json does not list in "dependencies" (a production install would not have it): npm install ${missing.join(' ')} --workspace server`);
  }
  return { imported, declared, inputs: Object.keys(result.metafile.inputs) };
}

/** Package names (not Node built-ins) the built files import. */
function externalPackages(metafile) {
  const names = new Set();
  for (const output of Object.values(metafile.outputs)) {
    for (const { path, external } of output.imports) {
      if (!external || path.startsWith('node:') || builtinModules.includes(path)) continue;
      names.add(path.startsWith('@') ? path.split('/').slice(0, 2).join('/') : path.split('/')[0]);
    }
  }
  return [...names].sort();
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { imported } = await buildServer(process.argv[2] ? resolve(process.argv[2]) : undefined);
  console.error(`Server built to dist/server (imports ${imported.join(', ')})`);
}
