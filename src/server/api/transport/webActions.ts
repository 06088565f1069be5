import type {} from '@fastify/multipart';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { isSupportedVersion } from '../../../protocol/version.js';
import { DomainError } from '../../domain/errors.js';
import { dispatch, findAction, unknownAction, type ActionContext, type ActionTable } from './actionRouter.js';
import { MAX_JSON_DEPTH, parseBoundedJson, readJson, type JsonLimits } from './boundedJson.js';
import { asDomainError, sendHttpError } from './errorReply.js';
import { actionLabel } from './observer.js';
import type { KeyedRateLimiter } from './rateLimiter.js';

/** What a Web action request came to, read by the metrics hook when the response is sent. */
export interface WebOutcome { surface: string; action: string; outcome: string }
const outcomes = new WeakMap<FastifyRequest, WebOutcome>();

/** The outcome of a Web API action request (undefined for every other route). */
export function webOutcomeOf(req: FastifyRequest): WebOutcome | undefined {
  return outcomes.get(req);
}

export interface WebSurface<S> {
  /** `customer`, `agent` or `configuration`: the path segment. */
  name: string;
  table: ActionTable<S>;
  authenticate(req: FastifyRequest): Promise<S>;
  /** Rate-limit key of an authenticated session: who it is, however the credentials were spelled. */
  rateKey(session: S): string;
  /** Actions answered without credentials (property lists for widgets). */
  anonymous?: ReadonlyMap<string, (req: FastifyRequest, payload: unknown) => Promise<unknown>>;
  /** Read-only actions that may come as GET with the payload in the query string. */
  getActions?: ReadonlySet<string>;
  /** Multipart `upload_file`. */
  upload?: (session: S, req: FastifyRequest) => Promise<unknown>;
}

/** Bodies are capped by Fastify's `bodyLimit` (1 MB) before they get here. */
const BODY_LIMITS: JsonLimits = { maxDepth: MAX_JSON_DEPTH, maxChars: 1024 * 1024 };
const QUERY_VALUE_LIMITS: JsonLimits = { maxDepth: MAX_JSON_DEPTH, maxChars: 64 * 1024 };

/** Parses a Web API body: JSON whatever the declared type; `{payload:{…}}` unwrapped; empty = {}. */
export function webPayload(req: FastifyRequest): unknown {
  let body: unknown = req.body;
  if (req.method === 'GET') return queryPayload(req.query as Record<string, string>);
  if (Buffer.isBuffer(body)) body = body.toString('utf8');
  if (typeof body === 'string') {
    if (body.trim() === '') return {};
    body = parseBoundedJson(body, BODY_LIMITS, 'Body');
  }
  if (body === undefined || body === null) return {};
  if (typeof body !== 'object' || Array.isArray(body)) throw new DomainError('validation', 'Body must be a JSON object');
  const keys = Object.keys(body);
  if (keys.length === 1 && keys[0] === 'payload' && typeof (body as { payload: unknown }).payload === 'object') return (body as { payload: unknown }).payload;
  return body;
}

/** GET parameters: JSON-looking values are parsed (`limit=5` → 5, `group_ids=[1]` → [1]). */
function queryPayload(query: Record<string, string>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(query)) {
    if (k === 'organization_id' || k === 'license_id' || typeof v !== 'string') continue;
    const reading = /^[[{\d"tfn-]/.test(v) ? readJson(v, QUERY_VALUE_LIMITS, `Query parameter ${k}`) : { value: v };
    if (reading.error && reading.value !== undefined) throw reading.error;
    out[k] = reading.error ? v : reading.value;
  }
  return out;
}

/**
 * Registers `/<version>/<surface>/action/<name>` for one surface. Rate limits: an authenticated
 * request spends from its identity's bucket (however its credentials were spelled); requests
 * without credentials and failed authentications spend from the client address's bucket, and an
 * address with an empty bucket is refused before its credentials are even looked at.
 */
export function registerWebActions<S>(app: FastifyInstance, surface: WebSurface<S>, limiter: KeyedRateLimiter): void {
  const knownActions = { ...Object.fromEntries(surface.anonymous ?? []), ...(surface.upload ? { upload_file: true } : {}), ...surface.table };
  const tooMany = () => new DomainError('too_many_requests', 'Too many requests; slow down');
  const handler = async (req: FastifyRequest<{ Params: { version: string; action: string } }>, reply: FastifyReply) => {
    const label = actionLabel(knownActions, req.params.action);
    outcomes.set(req, { surface: surface.name, action: label, outcome: 'success' });
    try {
      const { version, action } = req.params;
      if (!/^v\d+\.\d+$/.test(version) || !isSupportedVersion(version.slice(1))) throw new DomainError('unsupported_version', `Unsupported API version ${version.slice(0, 20)}`);
      if (req.method === 'GET' && !surface.getActions?.has(action)) throw new DomainError('validation', `${action} must be called with POST`);
      const anonymous = surface.anonymous?.get(action);
      const isUpload = action === 'upload_file' && surface.upload !== undefined;
      if (!anonymous && !isUpload && !findAction(surface.table, action, 'web')) throw unknownAction(action);
      const addressKey = `address:${req.ip}`;
      if (anonymous && !req.headers.authorization) {
        if (!limiter.take(addressKey)) throw tooMany();
        return reply.send(await anonymous(req, webPayload(req)));
      }
      if (limiter.exhausted(addressKey)) throw tooMany();
      let session: S;
      try {
        session = await surface.authenticate(req);
      } catch (err) {
        limiter.take(addressKey);
        throw err;
      }
      if (!limiter.take(surface.rateKey(session))) throw tooMany();
      if (isUpload) return reply.send(await surface.upload!(session, req));
      const authorId = req.headers['x-author-id'];
      const ctx: ActionContext = { transport: 'web', origin: {}, ...(typeof authorId === 'string' && authorId ? { authorId } : {}) };
      const result = await dispatch(surface.table, action, session, webPayload(req), ctx);
      return reply.send(result ?? {});
    } catch (err) {
      const error = asDomainError(err, req.log);
      outcomes.set(req, { surface: surface.name, action: label, outcome: error.type });
      req.log.info({ action: label, error_type: error.type }, 'web request refused');
      return sendHttpError(reply, error);
    }
  };
  app.post(`/:version/${surface.name}/action/:action`, handler);
  app.get(`/:version/${surface.name}/action/:action`, handler);
}

/** Reads the multipart `file` part of an `upload_file` request; oversized files are `entity_too_large`. */
export async function readUpload(req: FastifyRequest): Promise<{ name: string; contentType: string; data: Buffer }> {
  if (!/^multipart\/form-data;.*boundary=/i.test(req.headers['content-type'] ?? '')) {
    throw new DomainError('validation', 'upload_file takes a multipart/form-data body with a boundary');
  }
  const { part, data } = await readFilePart(req);
  // The parser stops one byte past the limit, so an oversized upload always reads as too large.
  if (part.file.truncated) throw new DomainError('entity_too_large', 'Files may be at most 10 MB');
  return { name: part.filename, contentType: part.mimetype, data };
}

/** The first part and its bytes; whatever the multipart parser refuses (truncated or malformed body) is `validation`. */
async function readFilePart(req: FastifyRequest) {
  try {
    const part = await req.file();
    if (!part || part.fieldname !== 'file') throw new DomainError('validation', 'Send the file as multipart field "file"');
    return { part, data: await part.toBuffer() };
  } catch (err) {
    if (err instanceof DomainError) throw err;
    throw new DomainError('validation', 'The multipart body is malformed or truncated', undefined, { cause: err });
  }
}
