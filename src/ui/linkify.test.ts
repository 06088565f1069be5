import { describe, expect, it } from 'vitest';
import { linkify, safeHref } from './linkify.js';

describe('linkify()', () => {
  it('splits text around http(s) and www links and drops trailing punctuation from them', () => {
    expect(linkify('See https://a.example/x?y=1, or www.b.example.')).toEqual([
      { kind: 'text', text: 'See ' },
      { kind: 'link', text: 'https://a.example/x?y=1', href: 'https://a.example/x?y=1' },
      { kind: 'text', text: ', or ' },
      { kind: 'link', text: 'www.b.example', href: 'https://www.b.example/' },
      { kind: 'text', text: '.' },
    ]);
  });

  it('never links other schemes', () => {
    expect(linkify('javascript:alert(1) data:text/html,x')).toEqual([{ kind: 'text', text: 'javascript:alert(1) data:text/html,x' }]);
  });
});

describe('safeHref()', () => {
  it('accepts http(s) and relative URLs and refuses the rest', () => {
    expect(safeHref('/files/a.png', 'https://chat.example/')).toBe('https://chat.example/files/a.png');
    expect(safeHref('javascript:alert(1)')).toBeUndefined();
    expect(safeHref(undefined)).toBeUndefined();
  });
});
