import type { CustomerActions } from '../protocol/customer.js';
import type { ErrorBody } from '../protocol/errors.js';
import { CURRENT_VERSION } from '../protocol/version.js';
import type { TokenSource } from './RtmClient.js';
import { RtmError } from './RtmError.js';

export interface WebApiOptions {
  apiUrl: string;
  /** Required by the Customer Chat API; the Agent Chat API takes none. */
  organizationId?: string;
  identity: TokenSource;
  fetch?: typeof fetch;
  /** API surface in the path (default `customer`). */
  surface?: 'customer' | 'agent' | 'configuration';
  /** Turns the identity's token into the `Authorization` header (default `Bearer <token>`). */
  authorization?: (token: string) => string;
}

export type WebAction<M = CustomerActions> = Exclude<keyof M & string, 'login' | 'ping' | 'update_customer_page' | 'upload_file'>;
type Field<M, A, K extends 'request' | 'response'> = A extends keyof M ? (M[A] extends Record<K, infer T> ? T : never) : never;

export interface UploadOptions {
  /** Called with the fraction sent, 0…1 (only where the platform reports upload progress). */
  onProgress?: (fraction: number) => void;
  signal?: AbortSignal;
}

/**
 * Customer Chat Web API client over `fetch` (and `XMLHttpRequest` for upload progress in browsers).
 * Errors come back as `RtmError` with the catalog type, the same as over RTM.
 * @example
 * const api = new WebApi({ apiUrl, organizationId, identity });
 * const { url } = await api.uploadFile(file, { onProgress: (f) => console.log(f) });
 */
export class WebApi<M = CustomerActions> {
  readonly #options: WebApiOptions;

  constructor(options: WebApiOptions) {
    this.#options = options;
  }

  actionUrl(action: string): string {
    const { apiUrl, organizationId, surface = 'customer' } = this.#options;
    const query = organizationId === undefined ? '' : `?organization_id=${encodeURIComponent(organizationId)}`;
    return `${apiUrl.replace(/\/+$/, '')}/v${CURRENT_VERSION}/${surface}/action/${action}${query}`;
  }

  async #authorization(): Promise<string> {
    const token = await this.#options.identity.getAccessToken();
    return this.#options.authorization ? this.#options.authorization(token) : `Bearer ${token}`;
  }

  async action<A extends WebAction<M>>(action: A, payload: Field<M, A, 'request'>): Promise<Field<M, A, 'response'>> {
    const doFetch = this.#options.fetch ?? globalThis.fetch.bind(globalThis);
    const authorization = await this.#authorization();
    const response = await doFetch(this.actionUrl(action), {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: authorization },
      body: JSON.stringify(payload),
    });
    return (await readBody(response.status, await response.text())) as Field<M, A, 'response'>;
  }

  /** Uploads one file (multipart part `file`); the returned URL goes into a `file` event. */
  async uploadFile(file: Blob, name: string, options: UploadOptions = {}): Promise<{ url: string }> {
    const authorization = await this.#authorization();
    const form = new FormData();
    form.append('file', file, name);
    const url = this.actionUrl('upload_file');
    if (typeof XMLHttpRequest !== 'undefined' && !this.#options.fetch) return uploadWithProgress(url, authorization, form, options);
    const doFetch = this.#options.fetch ?? globalThis.fetch.bind(globalThis);
    options.onProgress?.(0);
    const response = await doFetch(url, { method: 'POST', headers: { Authorization: authorization }, body: form, signal: options.signal ?? null });
    const result = (await readBody(response.status, await response.text())) as { url: string };
    options.onProgress?.(1);
    return result;
  }
}

function readBody(status: number, text: string): unknown {
  let body: unknown = {};
  try {
    body = text ? JSON.parse(text) : {};
  } catch {
    throw new RtmError('internal', `Unreadable response (HTTP ${status})`);
  }
  if (status >= 200 && status < 300) return body;
  const error = (body as { error?: ErrorBody }).error;
  if (error && typeof error.type === 'string') throw RtmError.fromBody(error);
  throw new RtmError(status >= 500 ? 'internal' : 'validation', `Request failed (HTTP ${status})`);
}

function uploadWithProgress(url: string, authorization: string, form: FormData, options: UploadOptions): Promise<{ url: string }> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', url);
    xhr.setRequestHeader('Authorization', authorization);
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable) options.onProgress?.(event.loaded / event.total);
    };
    xhr.onload = () => {
      try {
        resolve(readBody(xhr.status, xhr.responseText) as { url: string });
        options.onProgress?.(1);
      } catch (error) {
        reject(error);
      }
    };
    xhr.onerror = () => reject(new RtmError('connection_lost', 'Upload failed: network error'));
    xhr.onabort = () => reject(new RtmError('client_closed', 'Upload cancelled'));
    options.signal?.addEventListener('abort', () => xhr.abort(), { once: true });
    xhr.send(form);
  });
}
