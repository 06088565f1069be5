import http from 'node:http';
import https from 'node:https';
import type { LookupFunction } from 'node:net';
import { DomainError } from '../domain/errors.js';
import type { UrlInfo, UrlPreviews } from '../domain/ports.js';
import { parseAllowList, resolveChecked, systemResolver, type Resolver } from './addressPolicy.js';
import { parsePageMetadata } from './pageMetadata.js';

export interface LinkPreviewLimits {
  timeoutMs: number;
  /** Bytes of a page read at most; the metadata sits in <head>, so the rest is not read. */
  maxBytes: number;
  maxRedirects: number;
  /**
   * Addresses or CIDRs exempt from the public-address rule. NOTE: for tests only (they serve pages
   * on loopback); never read from the environment.
   */
  allowAddresses: readonly string[];
  /** Name resolution; tests inject one, the server uses the system resolver. */
  resolve?: Resolver;
}

export const DEFAULT_LINK_PREVIEW_LIMITS: LinkPreviewLimits = { timeoutMs: 3000, maxBytes: 512 * 1024, maxRedirects: 3, allowAddresses: [] };

interface Fetched { status: number; location?: string; contentType: string; body: string }

function checkUrl(raw: string, base?: URL): URL {
  let url: URL;
  try {
    url = new URL(raw, base);
  } catch {
    throw new DomainError('validation', 'url must be an absolute http:// or https:// URL');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new DomainError('validation', `url scheme ${url.protocol} is not allowed; use http:// or https://`);
  if (url.username || url.password) throw new DomainError('validation', 'url must not carry credentials');
  return url;
}

/** Link previews fetched over HTTP(S) with time, size, redirect and address limits (docs/security.md#link-previews). */
export class HttpUrlPreviews implements UrlPreviews {
  readonly #limits: LinkPreviewLimits;
  readonly #allowed: ReturnType<typeof parseAllowList>;

  constructor(limits: Partial<LinkPreviewLimits> = {}) {
    this.#limits = { ...DEFAULT_LINK_PREVIEW_LIMITS, ...limits };
    this.#allowed = parseAllowList(this.#limits.allowAddresses);
  }

  async get(raw: string): Promise<UrlInfo> {
    let url = checkUrl(raw);
    const deadline = AbortSignal.timeout(this.#limits.timeoutMs);
    for (let redirects = 0; ; redirects++) {
      const address = await resolveChecked(url.hostname, this.#limits.resolve ?? systemResolver, this.#allowed);
      const page = await this.#fetch(url, address, deadline);
      if (page.status >= 300 && page.status < 400 && page.location !== undefined) {
        if (redirects >= this.#limits.maxRedirects) throw new DomainError('validation', `url redirects more than ${this.#limits.maxRedirects} times`);
        url = checkUrl(page.location, url);
        continue;
      }
      if (page.status >= 400) throw new DomainError('not_found', `The page answered HTTP ${page.status}`);
      return this.#info(raw, url, page);
    }
  }

  #info(requested: string, final: URL, page: Fetched): UrlInfo {
    if (!/^(text\/html|application\/xhtml\+xml)\b/i.test(page.contentType)) return { url: requested };
    const meta = parsePageMetadata(page.body);
    const out: UrlInfo = { url: requested };
    if (meta.title) out.title = meta.title;
    if (meta.description) out.description = meta.description;
    if (meta.image) {
      try {
        const image = checkUrl(meta.image, final).href;
        Object.assign(out, { image_url: image, image_original_url: image });
        if (meta.imageWidth && meta.imageHeight) Object.assign(out, { image_width: meta.imageWidth, image_height: meta.imageHeight });
      } catch {
        // An image that is not an http(s) URL is left out of the preview.
      }
    }
    return out;
  }

  /** One GET to the checked address (never resolved again), reading at most maxBytes. */
  #fetch(url: URL, address: string, signal: AbortSignal): Promise<Fetched> {
    const family = address.includes(':') ? 6 : 4;
    const pinned: LookupFunction = (_host, options, callback) => {
      if ((options as { all?: boolean }).all) (callback as (e: null, a: { address: string; family: number }[]) => void)(null, [{ address, family }]);
      else callback(null, address, family);
    };
    const client = url.protocol === 'https:' ? https : http;
    return new Promise<Fetched>((resolve, reject) => {
      const fail = (err: unknown) => reject(signal.aborted
        ? new DomainError('request_timeout', `The page did not answer within ${this.#limits.timeoutMs} ms`)
        : err instanceof DomainError ? err : new DomainError('not_found', 'The page could not be fetched', undefined, { cause: err }));
      const req = client.request(url, {
        method: 'GET', lookup: pinned, agent: false, signal,
        headers: { 'user-agent': 'Switchboard-LinkPreview/1.0', accept: 'text/html,application/xhtml+xml;q=0.9,*/*;q=0.1' },
      }, (res) => {
        const status = res.statusCode ?? 0;
        const location = res.headers.location;
        const contentType = String(res.headers['content-type'] ?? '');
        if ((status >= 300 && status < 400) || status >= 400 || !/html/i.test(contentType)) {
          res.destroy();
          resolve({ status, ...(location !== undefined ? { location } : {}), contentType, body: '' });
          return;
        }
        const chunks: Buffer[] = [];
        let size = 0;
        const finish = () => resolve({ status, contentType, body: Buffer.concat(chunks).toString('utf8') });
        res.on('data', (chunk: Buffer) => {
          const room = this.#limits.maxBytes - size;
          chunks.push(chunk.subarray(0, Math.max(0, room)));
          size += chunk.length;
          if (size >= this.#limits.maxBytes) {
            res.destroy();
            finish();
          }
        });
        res.on('end', finish);
        res.on('error', fail);
      });
      req.on('error', fail);
      req.end();
    });
  }
}
