import { JSDOM } from 'jsdom';
import { describe, expect, it } from 'vitest';
import { frameUrlWithLook } from './panel.js';

describe('frameUrlWithLook()', () => {
  it('passes the look attributes of the script tag on to the iframe URL (#15)', () => {
    const { document } = new JSDOM('<script src="https://chat.example/widget.js" data-lang="ar" data-theme="dark" data-brand-color="#0f766e" data-logo-url="https://shop.example/l.png" data-site-name="Northwind" data-sound="on"></script>').window;
    const url = new URL(frameUrlWithLook('https://chat.example/frame/?origin=https%3A%2F%2Fshop.example', document.querySelector('script')));
    expect(Object.fromEntries(url.searchParams)).toEqual({
      origin: 'https://shop.example', lang: 'ar', theme: 'dark', brand_color: '#0f766e', logo_url: 'https://shop.example/l.png', site_name: 'Northwind', sound: 'on',
    });
  });

  it('adds nothing without a script tag or attributes', () => {
    expect(frameUrlWithLook('https://chat.example/frame/?origin=x', null)).toBe('https://chat.example/frame/?origin=x');
  });
});
