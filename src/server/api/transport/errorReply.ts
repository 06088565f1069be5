import type { FastifyReply } from 'fastify';
import type { ErrorResponseFrame } from '../../../protocol/frames.js';
import { errorStatus } from '../../../protocol/errors.js';
import { toDomainError, type DomainError } from '../../domain/errors.js';

export interface ErrorLogger { error(obj: unknown, msg?: string): void }

/** Any thrown value as a DomainError; unexpected ones are logged with their cause. */
export function asDomainError(err: unknown, log?: ErrorLogger): DomainError {
  const e = toDomainError(err);
  if (e.type === 'internal' && log) log.error({ err: e.cause ?? err }, 'internal error');
  return e;
}

export function rtmErrorFrame(action: string, err: DomainError, requestId?: string): ErrorResponseFrame {
  return { ...(requestId !== undefined ? { request_id: requestId } : {}), action, type: 'response', success: false, payload: { error: err.toBody() } };
}

export function sendHttpError(reply: FastifyReply, err: DomainError): FastifyReply {
  return reply.code(errorStatus(err.type)).type('application/json').send({ error: err.toBody() });
}
