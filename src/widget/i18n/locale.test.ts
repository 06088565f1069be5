import { describe, expect, it } from 'vitest';
import { ar } from './ar.js';
import { de } from './de.js';
import { en } from './en.js';
import { chooseLanguage, loadLocale } from './locale.js';

describe('chooseLanguage()', () => {
  it('takes the site\'s language when it has a catalog, else the first browser language it has, else English', () => {
    expect(chooseLanguage('ar', ['de-DE'])).toBe('ar');
    expect(chooseLanguage('xx', ['fr-FR', 'de-AT', 'en'])).toBe('de-AT');
    expect(chooseLanguage(undefined, ['fr', 'ja'])).toBe('en');
  });
});

describe('loadLocale()', () => {
  it('gives the catalog, the full tag for Intl and the direction', async () => {
    expect(await loadLocale('de-AT')).toMatchObject({ language: 'de', tag: 'de-AT', dir: 'ltr', strings: de });
    expect(await loadLocale('ar-EG')).toMatchObject({ language: 'ar', tag: 'ar-EG', dir: 'rtl', strings: ar });
    expect(await loadLocale('en-GB')).toMatchObject({ language: 'en', dir: 'ltr', strings: en });
  });
});

describe('catalogs', () => {
  it('have every English key, none empty, with no English left in German and Arabic', () => {
    for (const catalog of [de, ar]) {
      expect(Object.keys(catalog).sort()).toEqual(Object.keys(en).sort());
      for (const [key, value] of Object.entries(catalog)) {
        const text = typeof value === 'function' ? (value as (...args: unknown[]) => string)('X', 'Y', 'Z') : value;
        expect(text, key).not.toBe('');
      }
    }
    const same = Object.keys(en).filter((key) => typeof en[key as keyof typeof en] === 'string' && ar[key as keyof typeof ar] === en[key as keyof typeof en]);
    expect(same).toEqual([]);
  });
});
