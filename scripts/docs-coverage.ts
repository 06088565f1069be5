/**
 * Writes docs/api-coverage.md from the action tables, the emitted pushes and the webhook registry.
 * `--check` writes nothing and exits 1 when the committed file is out of date.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { collectInventory } from './coverage/collect.js';
import { renderCoverage } from './coverage/render.js';

export const COVERAGE_FILE = fileURLToPath(new URL('../docs/api-coverage.md', import.meta.url));

const text = renderCoverage(collectInventory());
if (process.argv.includes('--check')) {
  let current = '';
  try {
    current = readFileSync(COVERAGE_FILE, 'utf8');
  } catch {
    // missing counts as out of date
  }
  if (current !== text) {
    console.error('docs/api-coverage.md is out of date: run npm run docs:coverage');
    process.exit(1);
  }
} else {
  writeFileSync(COVERAGE_FILE, text);
  console.log(`wrote ${COVERAGE_FILE}`);
}
