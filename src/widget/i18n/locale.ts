import { en, type Strings } from './en.js';

/** The languages with a complete catalog. */
export const LANGUAGES = ['en', 'de', 'ar'] as const;
export type Language = (typeof LANGUAGES)[number];

/** A catalog and how to write with it: `tag` goes to `Intl` (a visitor's `de-AT` keeps its date order). */
export interface Locale {
  language: Language;
  tag: string;
  dir: 'ltr' | 'rtl';
  strings: Strings;
}

const RTL: ReadonlySet<string> = new Set(['ar']);
const loaded = new Map<Language, Strings>([['en', en]]);

function primary(tag: string): string {
  return tag.toLowerCase().split(/[-_]/)[0] ?? '';
}

function supported(tag: string): Language | undefined {
  const language = primary(tag);
  return (LANGUAGES as readonly string[]).includes(language) ? (language as Language) : undefined;
}

function localeOf(language: Language, tag: string, strings: Strings): Locale {
  return { language, tag: supported(tag) === language ? tag : language, dir: RTL.has(language) ? 'rtl' : 'ltr', strings };
}

/**
 * The language tag to use: the site's choice when it names a supported language, else the first
 * of the browser's languages we have, else English.
 * @example chooseLanguage(undefined, ['de-AT', 'en']) // 'de-AT'
 */
export function chooseLanguage(site: string | undefined, browser: readonly string[]): string {
  if (site && supported(site)) return site;
  return browser.find((tag) => supported(tag)) ?? 'en';
}

/** The locale for `tag` if its catalog is already here (English always is). */
export function cachedLocale(tag: string): Locale | undefined {
  const language = supported(tag) ?? 'en';
  const strings = loaded.get(language);
  return strings && localeOf(language, tag, strings);
}

/** Loads the catalog of `tag` (non-English catalogs are separate chunks) and gives its locale. */
export async function loadLocale(tag: string): Promise<Locale> {
  const cached = cachedLocale(tag);
  if (cached) return cached;
  const language = supported(tag) ?? 'en';
  const strings = language === 'de' ? (await import('./de.js')).de : (await import('./ar.js')).ar;
  loaded.set(language, strings);
  return localeOf(language, tag, strings);
}

export const englishLocale: Locale = localeOf('en', 'en', en);
