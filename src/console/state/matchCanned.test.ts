import { describe, expect, it } from 'vitest';
import type { CannedResponse } from '../../protocol/configuration.js';
import { insertCanned, matchCanned, shortcutAt } from './matchCanned.js';

const response = (id: number, tags: string[]): CannedResponse => ({
  id, tags, text: `text ${id}`, group_id: 0, is_private: false, author_id: 'a', created_by: 'a', created_at: '', updated_at: '',
});

describe('matchCanned', () => {
  describe('shortcutAt()', () => {
    it('finds # and the word before the caret, at the start or after white space', () => {
      expect(shortcutAt('#ref', 4)).toEqual({ start: 0, query: 'ref' });
      expect(shortcutAt('Hello #Ref', 10)).toEqual({ start: 6, query: 'ref' });
      expect(shortcutAt('Hi\n#', 4)).toEqual({ start: 3, query: '' });
    });

    it('ignores # inside a word, after the caret, or when the caret left the word', () => {
      expect(shortcutAt('order#12', 8)).toBeUndefined();
      expect(shortcutAt('#ref now', 8)).toBeUndefined();
      expect(shortcutAt('#ref', 2)).toEqual({ start: 0, query: 'r' });
      expect(shortcutAt('no hash', 7)).toBeUndefined();
    });
  });

  describe('matchCanned()', () => {
    it('keeps responses with a tag starting with the query, the exact tag first', () => {
      const list = [response(1, ['refunds_late']), response(2, ['hello']), response(3, ['refund', 'money']), response(4, ['money', 'ref'])];
      expect(matchCanned(list, 'ref').map((r) => r.id)).toEqual([4, 3, 1]);
      expect(matchCanned(list, '').map((r) => r.id)).toHaveLength(4);
      expect(matchCanned(list, 'x')).toEqual([]);
    });
  });

  describe('insertCanned()', () => {
    it('replaces #query with the text and puts the caret after it', () => {
      expect(insertCanned('Hi #ref!', { start: 3, query: 'ref' }, 7, 'Your refund')).toEqual({ text: 'Hi Your refund!', caret: 14 });
    });
  });
});
