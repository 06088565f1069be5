import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { collectInventory } from './collect.js';
import { DOCUMENTED } from './documented.js';
import { NOTES } from './notes.js';
import { renderCoverage } from './render.js';

const committed = () => readFileSync(new URL('../../docs/api-coverage.md', import.meta.url), 'utf8');

describe('docs/api-coverage.md', () => {
  describe('renderCoverage()', () => {
    it('matches the committed file, so the table cannot drift from the action tables (#13)', () => {
      expect(renderCoverage(collectInventory()), 'run npm run docs:coverage and commit docs/api-coverage.md').toBe(committed());
    });

    it('marks an action served by an action table supported and a missing one not, with its reason', () => {
      const text = renderCoverage(collectInventory());
      expect(text).toContain('| `send_event` | supported | RTM, Web |  |');
      expect(text).toContain('| `check_goals` | not |  | goals are not modelled |');
      expect(text).toContain('| `update_customer_page` | supported | RTM |  |');
    });
  });

  describe('NOTES', () => {
    it('only explains documented names', () => {
      for (const key of Object.keys(NOTES)) {
        const [section, name] = key.split(':') as [keyof typeof DOCUMENTED, string];
        expect(DOCUMENTED[section] as readonly string[], key).toContain(name);
      }
    });
  });
});
