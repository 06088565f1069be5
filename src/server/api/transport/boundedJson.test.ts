import { describe, expect, it } from 'vitest';
import { nestingExceeds } from './boundedJson.js';

describe('boundedJson', () => {
  describe('nestingExceeds()', () => {
    it('accepts texts with fewer brackets than the limit without a full scan, and still measures the others (#16)', () => {
      expect(nestingExceeds('{"a":{"b":[1,2]}}', 3)).toBe(false);
      expect(nestingExceeds('{"a":{"b":[1,2]}}', 2)).toBe(true);
      // More brackets than the limit in all, but side by side: not too deep.
      expect(nestingExceeds(`[${'[],'.repeat(40)}[]]`, 2)).toBe(false);
      // Brackets inside strings count for the quick bound only, never for the depth.
      expect(nestingExceeds(`{"t":"${'{['.repeat(40)}"}`, 1)).toBe(false);
      expect(nestingExceeds(`${'['.repeat(33)}${']'.repeat(33)}`, 32)).toBe(true);
    });
  });
});
