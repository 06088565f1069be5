import { Parser } from 'htmlparser2';

/** What a page says about itself in its <head>: Open Graph first, then <title> and meta description. */
export interface PageMetadata {
  title?: string;
  description?: string;
  image?: string;
  imageWidth?: number;
  imageHeight?: number;
}

const squash = (s: string) => s.replace(/\s+/g, ' ').trim();

/**
 * Reads <title>, `<meta name="description">` and `og:title`/`og:description`/`og:image`(`:width`/`:height`)
 * from an HTML document, stopping at <body>: previews need nothing further.
 */
export function parsePageMetadata(html: string): PageMetadata {
  const meta = new Map<string, string>();
  let title = '';
  let inTitle = false;
  let done = false;
  const parser = new Parser({
    onopentag(name, attrs) {
      if (done) return;
      if (name === 'body') done = true;
      else if (name === 'title') inTitle = true;
      else if (name === 'meta') {
        const key = (attrs.property ?? attrs.name ?? '').toLowerCase();
        if (key && attrs.content !== undefined && !meta.has(key)) meta.set(key, attrs.content);
      }
    },
    ontext(text) {
      if (inTitle && !done) title += text;
    },
    onclosetag(name) {
      if (name === 'title') inTitle = false;
      if (name === 'head') done = true;
    },
  }, { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true });
  parser.end(html);
  const pick = (...keys: string[]) => keys.map((k) => meta.get(k)).map((v) => (v === undefined ? '' : squash(v))).find((v) => v !== '');
  const int = (key: string) => {
    const n = Number(meta.get(key));
    return Number.isInteger(n) && n > 0 ? n : undefined;
  };
  const out: PageMetadata = {};
  const t = pick('og:title', 'twitter:title') ?? (squash(title) || undefined);
  const d = pick('og:description', 'description', 'twitter:description');
  const image = pick('og:image:secure_url', 'og:image', 'og:image:url', 'twitter:image');
  if (t) out.title = t.slice(0, 512);
  if (d) out.description = d.slice(0, 2048);
  if (image) out.image = image;
  const w = int('og:image:width');
  const h = int('og:image:height');
  if (image && w && h) Object.assign(out, { imageWidth: w, imageHeight: h });
  return out;
}
