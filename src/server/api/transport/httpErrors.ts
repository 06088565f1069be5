import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ERROR_CATALOG, type ErrorType } from '../../../protocol/errors.js';

/** Fastify's own client errors (bad JSON framing, body too large, URL too long, …) by status. */
const TYPE_OF_STATUS: ReadonlyMap<number, ErrorType> = new Map([
  [401, 'authentication'],
  [403, 'authorization'],
  [404, 'not_found'],
  [413, 'entity_too_large'],
  [429, 'too_many_requests'],
]);

/**
 * Fastify's `frameworkErrors` option: URLs the router refuses before any route (undecodable,
 * a parameter over `maxParamLength`) answer in the protocol's shape with their 4xx status.
 */
export function frameworkErrorShape(err: { statusCode?: number; message: string }, _req: FastifyRequest, reply: FastifyReply): void {
  const status = typeof err.statusCode === 'number' && err.statusCode >= 400 && err.statusCode < 500 ? err.statusCode : 400;
  void reply.code(status).type('application/json').send({ error: { type: TYPE_OF_STATUS.get(status) ?? 'validation', message: err.message.slice(0, 200) } });
}

/**
 * Every HTTP error the server itself did not shape (Fastify's and its plugins' 4xx, unknown routes,
 * anything thrown past a handler) answers in the protocol's `{"error":{"type","message"}}` shape.
 * Client errors keep their 4xx status; anything else is `internal` 500, logged with its cause.
 */
export function registerHttpErrorShape(app: FastifyInstance): void {
  app.setErrorHandler((err: { statusCode?: unknown; message?: string }, req, reply) => {
    const status = typeof err.statusCode === 'number' ? err.statusCode : 500;
    if (status >= 400 && status < 500) {
      const type = TYPE_OF_STATUS.get(status) ?? 'validation';
      return reply.code(status).type('application/json').send({ error: { type, message: err.message || ERROR_CATALOG[type].message } });
    }
    req.log.error({ err }, 'internal error');
    return reply.code(500).type('application/json').send({ error: { type: 'internal', message: ERROR_CATALOG.internal.message } });
  });
  app.setNotFoundHandler((req, reply) => {
    return reply.code(404).type('application/json').send({ error: { type: 'not_found', message: `No route for ${req.method} ${req.url.split('?')[0]!.slice(0, 200)}` } });
  });
}
