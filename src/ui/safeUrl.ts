/** Schemes a rendered link or image may use; everything else (`javascript:`, `data:`, `vbscript:`, `blob:`…) is text. */
export type SafeScheme = 'http:' | 'https:' | 'mailto:' | 'tel:';

const WEB: readonly SafeScheme[] = ['http:', 'https:'];

/**
 * The one gate every URL from the network passes before it becomes an `href` or `src` in the
 * widget or the console: the absolute URL if its scheme is allowed (http(s) unless `schemes`
 * says otherwise; relative URLs resolve against the page), else `undefined` — callers then render
 * the text without a link.
 *
 * @example
 * safeHref('https://shop.example/a')           // 'https://shop.example/a'
 * safeHref('javascript:alert(1)')              // undefined
 * safeHref('tel:+48123', { schemes: ['tel:'] }) // 'tel:+48123'
 */
export function safeHref(url: string | undefined, opts: { schemes?: readonly SafeScheme[]; base?: string } = {}): string | undefined {
  if (typeof url !== 'string' || url.trim() === '') return undefined;
  const base = opts.base ?? (typeof location === 'undefined' ? 'http://localhost/' : location.href);
  try {
    const parsed = new URL(url, base);
    return (opts.schemes ?? WEB).includes(parsed.protocol as SafeScheme) ? parsed.href : undefined;
  } catch {
    return undefined;
  }
}

/** A `tel:` link for a phone number as people write it (`+48 123-456`), or undefined when it is not one. */
export function phoneHref(value: string | undefined): string | undefined {
  if (!value) return undefined;
  const digits = value.replace(/^tel:/i, '').replace(/[^+\d]/g, '');
  return /^\+?\d{3,20}$/.test(digits) ? safeHref(`tel:${digits}`, { schemes: ['tel:'] }) : undefined;
}
