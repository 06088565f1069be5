import { describe, expect, it } from 'vitest';
import { linkify } from './linkify.js';
import { phoneHref, safeHref } from './safeUrl.js';

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
  it('accepts http(s) and relative URLs and refuses every other scheme', () => {
    expect(safeHref('/files/a.png', { base: 'https://chat.example/' })).toBe('https://chat.example/files/a.png');
    expect(safeHref('HTTPS://Shop.example/a')).toBe('https://shop.example/a');
    for (const bad of ['javascript:alert(1)', ' JavaScript:alert(1)', 'java\tscript:alert(1)', 'data:text/html,x', 'vbscript:x', 'blob:https://a.example/1', 'file:///etc/passwd', 'mailto:a@b.example']) {
      expect(safeHref(bad)).toBeUndefined();
    }
    expect(safeHref(undefined)).toBeUndefined();
    expect(safeHref('')).toBeUndefined();
  });

  it('accepts mailto: and tel: only where the caller allows them', () => {
    expect(safeHref('mailto:a@b.example', { schemes: ['mailto:'] })).toBe('mailto:a@b.example');
    expect(safeHref('https://a.example/', { schemes: ['mailto:'] })).toBeUndefined();
  });
});

describe('phoneHref()', () => {
  it('turns a written phone number into a tel: link and refuses anything else', () => {
    expect(phoneHref('+48 123-456 789')).toBe('tel:+48123456789');
    expect(phoneHref('tel:+48123456789')).toBe('tel:+48123456789');
    expect(phoneHref('javascript:alert(1)')).toBeUndefined();
    expect(phoneHref(undefined)).toBeUndefined();
  });
});
