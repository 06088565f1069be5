import { describe, expect, it } from 'vitest';
import { isPublicAddress, parseAllowList } from './addressPolicy.js';
import { parsePageMetadata } from './pageMetadata.js';

describe('parsePageMetadata()', () => {
  it('prefers Open Graph tags and decodes entities', () => {
    const html = `<!doctype html><html><head><title>Plain title</title>
      <meta property="og:title" content="Blue   Kettle &amp; Cup">
      <meta name="description" content="A kettle.">
      <meta property="og:description" content="The &quot;best&quot; kettle.">
      <meta property="og:image" content="/img/kettle.png"><meta property="og:image:width" content="640"><meta property="og:image:height" content="480">
      </head><body><meta property="og:title" content="not in head"></body></html>`;
    expect(parsePageMetadata(html)).toEqual({ title: 'Blue Kettle & Cup', description: 'The "best" kettle.', image: '/img/kettle.png', imageWidth: 640, imageHeight: 480 });
  });

  it('falls back to <title> and the meta description, and ignores the body', () => {
    expect(parsePageMetadata('<html><head><TITLE> Shop\n home </TITLE><META NAME="Description" CONTENT="Cheap kettles"></head><body><title>x</title></body></html>'))
      .toEqual({ title: 'Shop home', description: 'Cheap kettles' });
  });

  it('returns nothing for a page without metadata', () => {
    expect(parsePageMetadata('<p>just text')).toEqual({});
  });
});

describe('isPublicAddress()', () => {
  it.each(['93.184.216.34', '8.8.8.8', '2606:4700:4700::1111'])('accepts the public address %s', (a) => {
    expect(isPublicAddress(a)).toBe(true);
  });

  it.each([
    '127.0.0.1', '127.8.9.10', '10.1.2.3', '172.16.0.1', '192.168.1.1', '169.254.169.254', '100.64.0.1', '0.0.0.0', '224.0.0.1',
    '255.255.255.255', '::1', '::', 'fe80::1', 'fd00::1', '::ffff:127.0.0.1', '::ffff:10.0.0.1', 'not-an-address',
  ])('refuses %s (loopback, private, link-local, reserved or invalid)', (a) => {
    expect(isPublicAddress(a)).toBe(false);
  });

  it('accepts an address on the allow list', () => {
    expect(isPublicAddress('127.0.0.1', parseAllowList(['127.0.0.0/8']))).toBe(true);
    expect(isPublicAddress('::1', parseAllowList(['127.0.0.0/8']))).toBe(false);
  });
});
